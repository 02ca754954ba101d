// The web console's sign-in (网页版运营后台, core/webLogin.ts). The browser (a CloudBase web user, signed in
// anonymously) asks for a login request and shows it as a QR code (`weblogin.open`), a staff member scans it with the
// mini-program, sees who, which role and which browser (`admin.webLoginRequest`) and confirms
// (`admin.confirmWebLogin`); the browser's next `weblogin.status` collects, once, a CloudBase custom-login ticket for
// the new web session and signs in with it (@cloudbase/js-sdk). `weblogin.signOut` ends the session.
import * as z from 'zod/mini';
import { action } from './action';
import { bool, iso, noInput, nullable, object, oneOf, requestId, str, text } from './fields';
import { staffRole } from './shared';

/** A login request's id: `wl_` and 22 characters, random, in the QR code. */
export const loginRequestId = () => str(25, 25, /^wl_[A-Za-z0-9_-]{22}$/);

const status = oneOf(['pending', 'confirmed', 'used', 'expired']);
const who = object({ name: text(), role: staffRole, roleName: text(), storeName: nullable(text()) });

/** The browser's side (function `weblogin`): only web callers. */
export const weblogin = {
  /** A new login request (a retry with the same `requestId` answers the same one): its id and when it expires (2 minutes). */
  open: action({
    input: z.strictObject({
      requestId: requestId(),
      /** How the browser describes itself on the confirm page, e.g. "Chrome 120 · Windows". */
      browser: str(1, 60),
    }),
    output: object({ loginId: text(), expiresAt: iso(), replayed: bool() }),
  }),
  /**
   * Where the request stands, for the browser that opened it only. The first answer after the confirmation carries
   * the custom-login ticket (`used` afterwards, without one): the request works once.
   */
  status: action({
    input: z.strictObject({ loginId: loginRequestId() }),
    output: object({ status, expiresAt: iso(), ticket: nullable(text()), staff: nullable(who) }),
    errors: ['NOT_FOUND'],
  }),
  /** Ends this browser's web session (answers also when it had already ended). */
  signOut: action({ input: noInput, output: object({ signedOut: bool() }) }),
};

/** The mini-program's side (function `admin`): the staff member who scanned the code. */
export const consoleWebLogin = {
  /**
   * The request a scanned QR code names: which browser, when, until when, and who would be signed in there. A role
   * that may not use the console (a clerk) gets `allowed: false` and the reason.
   */
  webLoginRequest: action({
    input: z.strictObject({ loginId: loginRequestId() }),
    output: object({ loginId: text(), status, browser: text(), createdAt: iso(), expiresAt: iso(), staff: who, allowed: bool(), refusal: nullable(text()) }),
    errors: ['NOT_FOUND'],
  }),
  /** Signs the browser in as the caller (a new web session); once: a second confirmation answers the first (`replayed`). */
  confirmWebLogin: action({
    input: z.strictObject({ loginId: loginRequestId() }),
    output: object({ loginId: text(), browser: text(), staff: who, replayed: bool() }),
    errors: ['NOT_FOUND', 'NOT_ELIGIBLE', 'ALREADY_DONE'],
  }),
};
