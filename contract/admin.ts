// The operator console's function: the loyalty rules, manual adjustments and the ledger audit here, and the console's
// sections (members, staff, rules, redemptions) from their own files. The catalog is its own function (consoleCatalog.ts).
import * as z from 'zod/mini';
import { action } from './action';
import { adjustment, adjustmentApproval, adjustmentResult, appliedAdjustment } from './orderFields';
import { loyaltyConfigSchema } from '../cloudfunctions/core/config';
import { array, bool, freeObject, int, integer, iso, noInput, nullable, object, oneOf, opt, requestId, str, text } from './fields';
import { consoleMembers } from './consoleMembers';
import { consoleRedemptions } from './consoleRedemptions';
import { consoleRules } from './consoleRules';
import { consoleStaff } from './consoleStaff';
import { consoleWebLogin } from './webLogin';

const rules = z.record(z.string(), z.unknown());
/** The complete rules: one schema per section (docs/loyalty-rules.md). */
const loyaltyRules = loyaltyConfigSchema;

export const admin = {
  ...consoleMembers,
  ...consoleStaff,
  ...consoleRules,
  ...consoleRedemptions,
  ...consoleWebLogin,
  /** The stored overrides, the effective rules (defaults merged with the overrides) and the defaults. */
  getConfig: action({
    input: noInput,
    output: object({ version: integer(), overrides: rules, effective: loyaltyRules, defaults: loyaltyRules, updatedAt: nullable(iso()), updatedBy: nullable(text()) }),
  }),
  /** Replaces the overrides after checking them (unknown keys refused); every version is kept in history. */
  setConfig: action({
    input: z.strictObject({
      rules: freeObject().check(z.refine((r) => JSON.stringify(r).length <= 65536, { message: '参数 rules 内容过大' })),
      /** The version the operator edited; a concurrent change refuses instead of losing an update. */
      expectedVersion: int(0),
      note: opt(str(1, 200)),
    }),
    output: object({ version: integer(), effective: loyaltyRules }),
    errors: ['STALE_VERSION'],
  }),
  /** Above `staff.adjustApprovalPoints` the adjustment is `held` for another admin (admin.decideAdjustment). */
  adjustPoints: action({ input: adjustment, output: adjustmentResult, errors: ['NOT_FOUND', 'INSUFFICIENT_POINTS', 'ALREADY_EXISTS', 'CONFLICT'] }),
  /** Adjustments held for a second admin, newest first. */
  adjustmentApprovals: action({
    input: z.strictObject({ status: opt(oneOf(['pending', 'decided'])) }),
    output: object({ items: array(adjustmentApproval) }),
  }),
  /** An admin other than the requester approves (applied once) or rejects (a reason required). */
  decideAdjustment: action({
    input: z.strictObject({ id: requestId(), approve: bool(), reason: opt(str(2, 100)) })
      .check(z.refine((p) => p.approve || p.reason !== undefined, { message: '请填写驳回原因' })),
    output: object({ approval: adjustmentApproval, result: nullable(appliedAdjustment) }),
    errors: ['NOT_FOUND', 'NOT_ELIGIBLE', 'INSUFFICIENT_POINTS', 'CONFLICT'],
  }),
  /** A page of members whose balance differs from the sum of their ledger or their lots, and the outbox's state. */
  audit: action({
    input: z.strictObject({ cursor: opt(str(1, 128)), limit: opt(int(1, 500)) }),
    output: object({
      checked: integer(),
      drift: array(object({ memberNo: text(), balance: integer(), ledgerSum: integer(), lotsSum: integer(), debt: integer() })),
      /** Follow-ups to other members not yet applied (the outbox): pending, failed, and the oldest one's age. */
      outbox: object({ pending: integer(), failed: integer(), oldestAgeSeconds: nullable(integer()) }),
      nextCursor: nullable(text()),
    }),
  }),
};
