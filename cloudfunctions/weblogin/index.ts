// The browser's side of the web console's sign-in (core/webLogin.ts): a login request for the QR code, its status
// (the first answer after a staff member confirmed it in the mini-program carries the custom-login ticket, once),
// and signing out. Only web callers (CloudBase web SDK users) reach these actions; the confirmation itself is
// admin.confirmWebLogin, by the staff member's WeChat identity.
import crypto from 'node:crypto';
import { weblogin } from '../../contract/webLogin';
import type { Output, ParsedInput } from '../../contract';
import { AppError } from '../core/errors';
import { ROLE_NAMES } from '../core/roles';
import { isWebSessionId, LOGIN_REQUEST_TTL_MS, requestStatus, type WebLoginRequestDoc } from '../core/webLogin';
import { createLoginTicket } from '../runtime/customLogin';
import { isDuplicateKey, retryOnConflict } from '../runtime/dbErrors';
import type { Stored } from '../core/documents';
import type { Database } from '../runtime/dbTypes';
import { browserAction, defineFunction, type BrowserContext } from '../runtime/handler';
import { revokeSession } from '../runtime/webSession';

const iso = (d: Date | string) => new Date(d).toISOString();

// The request's id follows from the browser and its key, so a retried `open` finds the request it made; the
// browser's CloudBase uid in it keeps ids of different browsers apart, and only that browser collects the ticket.
const requestIdOf = (browserUid: string, key: string) => `wl_${crypto.createHash('sha256').update(`${browserUid}\n${key}`).digest('base64url').slice(0, 22)}`;

async function loadOwn(db: Database, loginId: string, browserUid: string): Promise<Stored<WebLoginRequestDoc>> {
  const { data } = await db.collection('web_login_requests').where({ _id: loginId }).get();
  const request = data[0];
  // Another browser's request is as good as none: its QR code is public, its ticket is not.
  if (!request || request.browserUid !== browserUid) throw new AppError('NOT_FOUND', '登录请求不存在，请刷新二维码');
  return request;
}

async function open({ db, input, browser, now }: BrowserContext<ParsedInput<'weblogin', 'open'>>): Promise<Output<'weblogin', 'open'>> {
  const _id = requestIdOf(browser.uid, input.requestId);
  const doc: WebLoginRequestDoc = {
    _id, browserUid: browser.uid, browser: input.browser, key: input.requestId, status: 'pending', createdAt: now,
    expiresAt: new Date(now.getTime() + LOGIN_REQUEST_TTL_MS), confirmedBy: null, confirmedAt: null, sessionId: null, usedAt: null,
  };
  try {
    await retryOnConflict(() => db.collection('web_login_requests').add({ data: doc }));
    return { loginId: _id, expiresAt: iso(doc.expiresAt), replayed: false };
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const first = await loadOwn(db, _id, browser.uid);
    if (first.browser !== input.browser) throw new AppError('ALREADY_EXISTS', '该请求编号已用于其他登录请求');
    return { loginId: _id, expiresAt: iso(first.expiresAt), replayed: true };
  }
}

async function status({ db, input, browser, now }: BrowserContext<ParsedInput<'weblogin', 'status'>>): Promise<Output<'weblogin', 'status'>> {
  const request = await loadOwn(db, input.loginId, browser.uid);
  const who = request.confirmedBy
    ? { name: request.confirmedBy.name, role: request.confirmedBy.role, roleName: ROLE_NAMES[request.confirmedBy.role], storeName: null }
    : null;
  const answer = (state: Output<'weblogin', 'status'>['status'], ticket: string | null = null) => ({ status: state, expiresAt: iso(request.expiresAt), ticket, staff: who });
  const state = requestStatus(request, now);
  if (state !== 'confirmed' || !request.sessionId) return answer(state);
  const { data } = await db.collection('web_sessions').where({ _id: request.sessionId }).get();
  const session = data[0];
  if (!session || session.revokedAt) return answer('used');
  const ticket = createLoginTicket(session._id, new Date(session.expiresAt));
  // Handed out once: of two polls at once, one moves the request to used and gets the ticket.
  const { stats } = await retryOnConflict(() => db.collection('web_login_requests').where({ _id: request._id, status: 'confirmed' }).update({ data: { status: 'used', usedAt: now } }));
  return stats.updated === 1 ? answer('confirmed', ticket) : answer('used');
}

async function signOut({ db, browser, now }: BrowserContext<ParsedInput<'weblogin', 'signOut'>>): Promise<Output<'weblogin', 'signOut'>> {
  if (isWebSessionId(browser.customUserId)) await revokeSession(db, browser.customUserId, 'signed out', now);
  return { signedOut: true };
}

export const main = defineFunction({
  name: 'weblogin',
  contract: weblogin,
  actions: { open: browserAction(open), status: browserAction(status), signOut: browserAction(signOut) },
});
