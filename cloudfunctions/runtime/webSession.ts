// Web console sessions at the boundary: a web caller's CloudBase custom-login user id (TCB_CUSTOM_USER_ID) names its
// session (core/webLogin.ts); the session names the staff member. Checked on every call: revoked, idle past
// `staff.webSessionIdleMinutes`, past its last day, or its staff member's role or store changed: UNAUTHENTICATED
// with why, and the browser shows the QR code again.
import { AppError } from '../core/errors';
import { isWebSessionId, sessionEnd, sessionMatches, SESSION_END_MESSAGES, WEB_SESSION_TOUCH_MS, type WebSessionDoc } from '../core/webLogin';
import type { Stored } from '../core/documents';
import type { Database } from './dbTypes';
import { loadConfig } from './configStore';
import { retryOnConflict } from './dbErrors';

/** The live session of a web caller, or UNAUTHENTICATED saying why there is none. `lastSeenAt` moves (at most once a minute). */
export async function liveWebSession(db: Database, customUserId: string | null, now: Date): Promise<Stored<WebSessionDoc>> {
  if (!isWebSessionId(customUserId)) throw new AppError('UNAUTHENTICATED', '请先扫码登录网页版运营后台');
  const [{ data }, config] = await Promise.all([db.collection('web_sessions').where({ _id: customUserId }).get(), loadConfig(db)]);
  const session = data[0];
  if (!session) throw new AppError('UNAUTHENTICATED', SESSION_END_MESSAGES.revoked);
  const end = sessionEnd(session, now, config.staff.webSessionIdleMinutes);
  if (end) throw new AppError('UNAUTHENTICATED', SESSION_END_MESSAGES[end]);
  if (now.getTime() - new Date(session.lastSeenAt).getTime() >= WEB_SESSION_TOUCH_MS) {
    // Conditional: a revocation written meanwhile is never undone by this touch.
    await retryOnConflict(() => db.collection('web_sessions').where({ _id: session._id, revokedAt: null }).update({ data: { lastSeenAt: now } }));
  }
  return session;
}

/** The session is signed in as the staff member's current role and store; otherwise it ends now. */
export async function checkSessionStaff(db: Database, session: Stored<WebSessionDoc>, staff: { role: WebSessionDoc['role']; storeId: string | null }, now: Date): Promise<void> {
  if (sessionMatches(session, staff)) return;
  await revokeSession(db, session._id, 'changed', now);
  throw new AppError('UNAUTHENTICATED', SESSION_END_MESSAGES.changed);
}

/** Ends one session (idempotent: an ended one stays as it ended). */
export async function revokeSession(db: Database, sessionId: string, reason: string, now: Date): Promise<boolean> {
  const { stats } = await retryOnConflict(() => db.collection('web_sessions').where({ _id: sessionId, revokedAt: null }).update({ data: { revokedAt: now, revokedReason: reason } }));
  return (stats?.updated ?? 0) > 0;
}

/** Ends every open web session of a staff member (deactivated, role or store changed); answers how many. */
export async function revokeStaffSessions(db: Database, staffOpenid: string, reason: string, now: Date): Promise<number> {
  const { stats } = await retryOnConflict(() => db.collection('web_sessions').where({ staff: staffOpenid, revokedAt: null }).update({ data: { revokedAt: now, revokedReason: reason } }));
  return stats?.updated ?? 0;
}
