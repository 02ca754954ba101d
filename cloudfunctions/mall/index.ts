import { defineFunction, memberAction } from '../runtime/handler';
import { cancel, cancelInput } from './cancel';
import { detail, detailInput, list, listInput } from './items';
import { redeem, redeemInput } from './redeem';
import { myRedemptions, myRedemptionsInput } from './redemptions';

// The points mall: browse, redeem with points, see and cancel one's redemptions. Staff write vouchers off through
// the staff function.
export const main = defineFunction({
  actions: {
    list: memberAction(listInput, list),
    detail: memberAction(detailInput, detail),
    redeem: memberAction(redeemInput, redeem),
    myRedemptions: memberAction(myRedemptionsInput, myRedemptions),
    cancel: memberAction(cancelInput, cancel),
  },
});
