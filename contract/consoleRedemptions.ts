// The operator console's actions on a member's redemptions (function `admin`): cancel an unused one (points and
// stock come back, as at the till), or replace a voucher's code when the old one has leaked (the old code stops
// working at once).
import * as z from 'zod/mini';
import { action } from './action';
import { iso, object, requestId, str, text } from './fields';
import { cancellation } from './mall';

const redemptionId = () => str(4, 64, /^[A-Za-z0-9_-]+$/);

export const consoleRedemptions = {
  cancelMemberRedemption: action({
    input: z.strictObject({ redemptionId: redemptionId(), reason: str(2, 100) }),
    output: object(cancellation),
    errors: ['NOT_FOUND', 'NOT_ELIGIBLE', 'CONFLICT'],
  }),
  /** A new code for an unused, unexpired voucher; the same request again answers it. */
  reissueVoucher: action({
    input: z.strictObject({ redemptionId: redemptionId(), reason: str(2, 100), requestId: requestId() }),
    output: object({ redemptionId: text(), voucherCode: text(), expiresAt: iso(), replayed: z.boolean() }),
    errors: ['NOT_FOUND', 'NOT_ELIGIBLE', 'CONFLICT'],
  }),
};
