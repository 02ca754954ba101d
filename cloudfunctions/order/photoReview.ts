// A review of a paid order, reported by the channel that sold it (the review lives in the shop system): a review
// with photos earns photoReview growth (social) and completes the 晒图评价 task. One credit per order.
import type { Review } from '../../contract/orderFields';
import { AppError } from '../core/errors';
import { loadConfig } from '../runtime/configStore';
import type { Database } from '../runtime/dbTypes';
import { rewardMember } from '../services/activityRewards';
import { ownOrder, type Source } from '../services/orders';

type ReviewInput = Review;

export async function recordReview(db: Database, input: ReviewInput, source: Pick<Source, 'channel' | 'issuer'>, now: Date) {
  const { data } = await db.collection('orders').where({ _id: input.orderId }).get();
  // Only the channel that sold the order reports its review (a staff purchase is the channel 'store').
  const order = ownOrder(data[0] ?? null, source);
  if (!order) throw new AppError('NOT_FOUND', '订单不存在');
  if (order.status === 'refunded') throw new AppError('FORBIDDEN', '已退款的订单不能评价得奖励');
  if (!input.withPhoto) return { orderId: input.orderId, growthEarned: 0, credited: false, reason: '仅晒图评价可获得成长值' };
  const config = await loadConfig(db);
  const reward = await rewardMember(db, order.openid, {
    activity: { type: 'photoReview', at: now, key: `review:${input.orderId}`, ref: input.reviewId },
    issuer: source.issuer,
  }, now, config);
  return { orderId: input.orderId, growthEarned: reward.growthEarned, credited: reward.growthEarned > 0, reason: reward.growthSkipped ? skippedReason[reward.growthSkipped] : null };
}

const skippedReason = { duplicate: '该订单的评价已奖励过', dailyCap: '今日晒图评价奖励已达上限', disabled: '晒图评价奖励未开启' } as const;
