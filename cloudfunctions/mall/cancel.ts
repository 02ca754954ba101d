// mall.cancel: a member cancels an unused redemption of theirs (within the window, cancellable kinds); the shared
// cancellation (services/redemptions.ts) also serves staff.
import { v } from '../core/validate';
import type { MemberContext } from '../runtime/handler';
import { cancelRedemption } from '../services/redemptions';

export const cancelInput = v.object({
  redemptionId: v.string({ min: 4, max: 64, pattern: /^[A-Za-z0-9_-]+$/ }),
  reason: v.string({ min: 1, max: 100 }).optional(),
});

export const cancel = ({ db, openid, input, now }: MemberContext<{ redemptionId: string; reason?: string }>) =>
  cancelRedemption(db, input.redemptionId, { by: 'member', openid }, input.reason ?? '会员取消', now);
