// mall.cancel: a member cancels an unused redemption of theirs (within the window, cancellable kinds); the shared
// cancellation (services/redemptions.ts) also serves staff.
import type { MemberContext } from '../runtime/handler';
import { cancelRedemption } from '../services/redemptions';

export const cancel = ({ db, openid, input, now }: MemberContext<{ redemptionId: string; reason?: string }>) =>
  cancelRedemption(db, input.redemptionId, { by: 'member', openid }, input.reason ?? '会员取消', now);
