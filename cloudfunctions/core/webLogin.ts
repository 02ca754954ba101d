// The web console's sign-in (网页版运营后台): a browser asks for a login request and shows it as a QR code; a staff
// member scans it with the mini-program and confirms; the browser collects a CloudBase custom-login ticket for a new
// web session and signs in with it. These are the pure rules: lifetimes, ids, who may confirm, when a session ends.
import type { StaffRole } from './documents';
import { CONSOLE_ROLES, ROLE_NAMES } from './roles';

/** A login request (its QR code) is good for 2 minutes and works once; the page asks for a new one by itself. */
export const LOGIN_REQUEST_TTL_MS = 2 * 60 * 1000;

/** Web sessions end after this many minutes without a call unless `staff.webSessionIdleMinutes` says otherwise. */
export const DEFAULT_WEB_SESSION_IDLE_MINUTES = 480;

/** A web session is signed in for at most this long, however active (the CloudBase login state's `expire`). */
export const WEB_SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;

/** `lastSeenAt` is written at most this often (each console call would otherwise be a write). */
export const WEB_SESSION_TOUCH_MS = 60 * 1000;

/**
 * A web session's id is the CloudBase custom-login user id its ticket is issued for (`createTicket(uid)`: 4-32
 * characters of [A-Za-z0-9_-...]): the platform hands it back to every function the browser calls as
 * TCB_CUSTOM_USER_ID, so each call names its session, never the payload.
 */
export const WEB_SESSION_ID = /^ws_[A-Za-z0-9_-]{22}$/;
export const LOGIN_REQUEST_ID = /^wl_[A-Za-z0-9_-]{22}$/;

export const isWebSessionId = (id: string | null | undefined): id is string => typeof id === 'string' && WEB_SESSION_ID.test(id);

export type LoginRequestStatus = 'pending' | 'confirmed' | 'used' | 'expired';

export interface WebStaffStamp { openid: string; name: string; role: StaffRole; storeId: string | null }

/** `web_login_requests`: one QR code. Only the browser (CloudBase uid) that asked for it may collect its ticket. */
export interface WebLoginRequestDoc {
  _id: string;
  /** The CloudBase user (anonymous sign-in) of the browser that asked: TCB_UUID of its calls. */
  browserUid: string;
  /** How the browser describes itself (shown on the confirm page), e.g. "Chrome 120 · Windows". */
  browser: string;
  /** The browser's own key of this request (weblogin.open `requestId`): a retry answers the same request. */
  key: string;
  status: 'pending' | 'confirmed' | 'used';
  createdAt: Date;
  expiresAt: Date;
  confirmedBy: WebStaffStamp | null;
  confirmedAt: Date | null;
  /** The web session the confirmation opened (its id is the ticket's custom-login uid). */
  sessionId: string | null;
  usedAt: Date | null;
}

/** `web_sessions`: one signed-in browser of one staff member. */
export interface WebSessionDoc {
  _id: string;
  staff: string;
  name: string;
  role: StaffRole;
  storeId: string | null;
  browser: string;
  requestId: string;
  createdAt: Date;
  lastSeenAt: Date;
  /** The session ends here at the latest (WEB_SESSION_MAX_MS). */
  expiresAt: Date;
  revokedAt: Date | null;
  /** Why it ended early: signed out, deactivated, role changed. */
  revokedReason: string | null;
}

/** The status a request shows at `now` (a pending one past its time is expired). */
export function requestStatus(doc: { status: WebLoginRequestDoc['status']; expiresAt: Date | string }, now: Date): LoginRequestStatus {
  if (doc.status === 'pending' && new Date(doc.expiresAt).getTime() <= now.getTime()) return 'expired';
  return doc.status;
}

/** Why `role` may not open the web console, or null when it may (the console's roles; a manager for their store). */
export function webConsoleRefusal(role: StaffRole): string | null {
  if ((CONSOLE_ROLES as readonly StaffRole[]).includes(role)) return null;
  return `${ROLE_NAMES[role]}账号不能登录网页版运营后台，请使用店长、运营、数据分析或管理员账号扫码`;
}

export type SessionEnd = 'revoked' | 'idle' | 'expired' | 'changed';

/** Why a session no longer works at `now`, or null while it does. */
export function sessionEnd(session: { revokedAt: Date | string | null; expiresAt: Date | string; lastSeenAt: Date | string }, now: Date, idleMinutes: number): SessionEnd | null {
  if (session.revokedAt) return 'revoked';
  if (new Date(session.expiresAt).getTime() <= now.getTime()) return 'expired';
  if (now.getTime() - new Date(session.lastSeenAt).getTime() > idleMinutes * 60_000) return 'idle';
  return null;
}

export const SESSION_END_MESSAGES: Record<SessionEnd, string> = {
  revoked: '网页登录已失效，请重新扫码登录',
  idle: '长时间未操作，已退出登录，请重新扫码登录',
  expired: '网页登录已到期，请重新扫码登录',
  changed: '你的岗位或门店已变更，请重新扫码登录',
};

/** Whether a staff record still matches the session it was signed in as (a role or store change ends it). */
export const sessionMatches = (session: Pick<WebSessionDoc, 'role' | 'storeId'>, staff: { role: StaffRole; storeId: string | null }): boolean =>
  session.role === staff.role && (session.storeId ?? null) === (staff.storeId ?? null);
