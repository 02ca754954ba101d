// The mini-program's side of the web console's sign-in (core/webLogin.ts): the staff member who scanned a login
// request's QR code sees it (which browser, who would be signed in) and confirms it, which opens a web session for
// them. The browser collects the session's custom-login ticket itself (function weblogin).
import crypto from 'node:crypto';
import type { Output, ParsedInput } from '../../contract';
import { AppError } from '../core/errors';
import { ROLE_NAMES } from '../core/roles';
import { requestStatus, WEB_SESSION_MAX_MS, webConsoleRefusal, type WebLoginRequestDoc, type WebSessionDoc } from '../core/webLogin';
import type { Stored } from '../core/documents';
import type { Database } from '../runtime/dbTypes';
import { retryOnConflict } from '../runtime/dbErrors';
import type { StaffContext, StaffMember } from '../runtime/handler';
import { storeNames } from './staff/views';

const iso = (d: Date | string) => new Date(d).toISOString();

async function loadRequest(db: Database, loginId: string): Promise<Stored<WebLoginRequestDoc>> {
  const { data } = await db.collection('web_login_requests').where({ _id: loginId }).get();
  if (!data[0]) throw new AppError('NOT_FOUND', '登录二维码无效，请在网页上刷新二维码后重新扫码');
  return data[0];
}

async function whoOf(db: Database, staff: StaffMember) {
  const stores = staff.storeId ? await storeNames(db) : new Map<string, string>();
  return { name: staff.name, role: staff.role, roleName: ROLE_NAMES[staff.role], storeName: staff.storeId ? stores.get(staff.storeId) ?? null : null };
}

export async function webLoginRequest({ db, input, staff, now }: StaffContext<ParsedInput<'admin', 'webLoginRequest'>>): Promise<Output<'admin', 'webLoginRequest'>> {
  const [request, who] = await Promise.all([loadRequest(db, input.loginId), whoOf(db, staff)]);
  const refusal = webConsoleRefusal(staff.role);
  return {
    loginId: request._id, status: requestStatus(request, now), browser: request.browser, createdAt: iso(request.createdAt), expiresAt: iso(request.expiresAt),
    staff: who, allowed: refusal === null, refusal,
  };
}

export async function confirmWebLogin({ db, input, staff, now, recordChange }: StaffContext<ParsedInput<'admin', 'confirmWebLogin'>>): Promise<Output<'admin', 'confirmWebLogin'>> {
  const _ = db.command;
  const refusal = webConsoleRefusal(staff.role);
  if (refusal) throw new AppError('FORBIDDEN', refusal);
  const [request, who] = await Promise.all([loadRequest(db, input.loginId), whoOf(db, staff)]);
  const answer = (replayed: boolean) => ({ loginId: request._id, browser: request.browser, staff: who, replayed });
  const settled = () => {
    const status = requestStatus(request, now);
    if (status !== 'pending' && request.confirmedBy?.openid === staff.openid) return answer(true);
    if (status === 'expired') throw new AppError('NOT_ELIGIBLE', '登录二维码已过期，请在网页上刷新二维码后重新扫码');
    throw new AppError('ALREADY_DONE', '该登录二维码已被使用，请在网页上刷新二维码后重新扫码');
  };
  if (requestStatus(request, now) !== 'pending') return settled();
  // The session first, then the request's one move from pending (conditional: of two confirmations one wins); the
  // loser's session is removed, and one left behind by a crash is never signed into (its ticket is never issued).
  const session: WebSessionDoc = {
    _id: `ws_${crypto.randomBytes(16).toString('base64url')}`,
    staff: staff.openid, name: staff.name, role: staff.role, storeId: staff.storeId ?? null, browser: request.browser, requestId: request._id,
    createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + WEB_SESSION_MAX_MS), revokedAt: null, revokedReason: null,
  };
  await retryOnConflict(() => db.collection('web_sessions').add({ data: session }));
  const { stats } = await retryOnConflict(() => db.collection('web_login_requests').where({ _id: request._id, status: 'pending', expiresAt: _.gt(now) }).update({
    data: { status: 'confirmed', confirmedAt: now, sessionId: session._id, confirmedBy: { openid: staff.openid, name: staff.name, role: staff.role, storeId: staff.storeId ?? null } },
  }));
  if (stats.updated !== 1) {
    await retryOnConflict(() => db.collection('web_sessions').where({ _id: session._id }).remove());
    Object.assign(request, await loadRequest(db, input.loginId));
    return settled();
  }
  recordChange({ collection: 'web_sessions', id: session._id, before: null, after: { ...session, createdAt: iso(now), lastSeenAt: iso(now), expiresAt: iso(session.expiresAt) } });
  return answer(false);
}
