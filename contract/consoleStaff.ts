// The operator console's staff actions (function `admin`): who is at the console, staff and their roles, one-time
// invitations, and the audit log of every staff write. The invitation is accepted in the member function
// (`member.joinStaff`), by the invitee's own WeChat identity.
import * as z from 'zod/mini';
import { action } from './action';
import { array, bool, day, externalId, int, integer, iso, noInput, nullable, object, oneOf, opt, pageSize, requestId, str, text } from './fields';
import { staffRole } from './shared';

const sections = oneOf(['members', 'catalog', 'channels', 'staff', 'rules', 'audit', 'settlement', 'shipments', 'migration', 'unclaimed', 'segments', 'tags', 'insight', 'experiments', 'automation']);
/** A page of a console list: the position of its last row, for the next page. */
const auditCursor = () => str(1, 80, /^[A-Za-z0-9_:.-]+$/);
const staffOpenid = () => str(1, 64, /^[A-Za-z0-9_-]+$/);
/** The name and openid of the last row of a page, base64url. */
const staffCursor = () => str(4, 200, /^[A-Za-z0-9_-]+$/);

export const staffView = object({
  openid: text(), name: text(), role: staffRole, roleName: text(), storeId: nullable(text()), storeName: nullable(text()), active: bool(),
  /** The version to send back with updateStaff. */
  version: integer(),
  updatedAt: nullable(iso()),
  updatedBy: nullable(text()),
});

export const invitationView = object({
  code: text(), name: text(), role: staffRole, roleName: text(), storeId: nullable(text()), storeName: nullable(text()),
  status: oneOf(['open', 'used', 'revoked', 'expired']),
  expiresAt: iso(), createdBy: text(), createdAt: iso(), usedBy: nullable(text()), usedAt: nullable(iso()),
  /** The mini-program page the invitee opens (also as a QR code). */
  path: text(),
});

const auditEntry = object({
  id: text(), at: iso(), fn: text(), action: text(), staffOpenid: text(), staffName: text(), role: staffRole, roleName: text(),
  storeId: nullable(text()), device: nullable(text()), replayed: bool(), outcome: nullable(text()),
  input: z.record(z.string(), z.unknown()),
  changes: array(object({ collection: text(), id: text(), before: z.unknown(), after: z.unknown() })),
  /** `web`: from the web console, in web session `session`; `miniprogram` otherwise. */
  via: oneOf(['miniprogram', 'web']),
  session: nullable(text()),
});

export const consoleStaff = {
  /** Who is at the console: name, role, store, and the sections the role matrix opens to them. */
  session: action({
    input: noInput,
    output: object({
      openid: text(), name: text(), role: staffRole, roleName: text(), storeId: nullable(text()), storeName: nullable(text()), sections: array(sections),
      /** Every staff action (`fn.action`) the role matrix lets this role run: the pages hide what would be refused. */
      actions: array(text()),
    }),
  }),
  /**
   * Staff by name, a page at a time (`nextCursor` for the next one); filtered by store, role and the start of the
   * name. `stores`: every store, for choosing one.
   */
  listStaff: action({
    input: z.strictObject({
      includeInactive: opt(bool()),
      storeId: opt(externalId()),
      role: opt(staffRole),
      keyword: opt(str(1, 20)),
      cursor: opt(staffCursor()),
      pageSize: opt(pageSize()),
    }),
    output: object({ items: array(staffView), nextCursor: nullable(text()), stores: array(object({ id: text(), name: text() })) }),
  }),
  /**
   * A one-time invitation for a role (and a store, for clerks and managers): the invitee opens its path in the
   * mini-program and is bound to their own WeChat account; it expires after 72 hours and works once.
   */
  inviteStaff: action({
    input: z.strictObject({ name: str(1, 20), role: staffRole, storeId: opt(externalId(32)), requestId: requestId() }),
    output: invitationView,
    errors: ['NOT_FOUND', 'NOT_ELIGIBLE'],
  }),
  listInvitations: action({ input: noInput, output: object({ items: array(invitationView) }) }),
  revokeInvitation: action({
    input: z.strictObject({ code: str(10, 10, /^[A-Z2-9]+$/) }),
    output: invitationView,
    errors: ['NOT_FOUND', 'NOT_ELIGIBLE'],
  }),
  /** Moves a staff member to another store or role, or (de)activates them; nobody changes their own role or access. */
  updateStaff: action({
    input: z.strictObject({
      staffOpenid: staffOpenid(),
      role: opt(staffRole),
      /** null: no store (operators, analysts, admins). */
      storeId: z.optional(z.nullable(externalId(32))),
      active: opt(bool()),
      expectedVersion: int(0),
      requestId: requestId(),
    }),
    output: object({ ...staffView.shape, replayed: bool() }),
    errors: ['NOT_FOUND', 'NOT_ELIGIBLE', 'STALE_VERSION'],
  }),
  /** The staff audit trail, newest first, filtered by staff member, action (`actionName`; `action` names the call) and Shanghai days. */
  auditLog: action({
    input: z.strictObject({ staffOpenid: opt(staffOpenid()), actionName: opt(str(1, 40, /^[A-Za-z]+$/)), from: opt(day()), to: opt(day()), cursor: opt(auditCursor()), pageSize: opt(int(1, 100)) }),
    output: object({ items: array(auditEntry), nextCursor: nullable(text()) }),
  }),
};
