import { mall } from '../../contract/mall';
import { defineFunction, memberAction } from '../runtime/handler';
import { cancel } from './cancel';
import { claimBenefit, coupons } from './coupons';
import { detail, list } from './items';
import { redeem } from './redeem';
import { myRedemptions, wallet } from './redemptions';

// The points mall: browse, redeem with points, see and cancel one's redemptions. Staff write vouchers off through
// the staff function.
export const main = defineFunction({
  name: 'mall',
  contract: mall,
  actions: {
    list: memberAction(list),
    detail: memberAction(detail),
    redeem: memberAction(redeem),
    myRedemptions: memberAction(myRedemptions),
    wallet: memberAction(wallet),
    coupons: memberAction(coupons),
    claimBenefit: memberAction(claimBenefit),
    cancel: memberAction(cancel),
  },
});
