// A review of a paid order, reported by the channel that sold it (the review lives in the shop system): a review
// with photos earns photoReview growth (social) and completes the 晒图评价 task. One credit per order.
import { AppError } from '../core/errors';
import { v } from '../core/validate';
import { loadConfig } from '../runtime/configStore';
import type { Database, Doc } from '../runtime/dbTypes';
import { rewardMember } from '../services/activityRewards';

export const reviewInput = v.object({
  reviewId: v.string({ min: 1, max: 64, pattern: /^[A-Za-z0-9_.:-]+$/ }),
  orderId: v.string({ min: 1, max: 64, pattern: /^[A-Za-z0-9_.:-]+$/ }),
  withPhoto: v.boolean(),
  reviewedAt: v.string({ min: 10, max: 40, pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/ }),
});

export type ReviewInput = { reviewId: string; orderId: string; withPhoto: boolean; reviewedAt: string };

export async function recordReview(db: Database, input: ReviewInput, issuer: string, now: Date) {
  const { data } = await db.collection('orders').where({ _id: input.orderId }).get();
  const order = data[0] as Doc | undefined;
  if (!order) throw new AppError('NOT_FOUND', '订单不存在');
  if (order.status === 'refunded') throw new AppError('FORBIDDEN', '已退款的订单不能评价得奖励');
  if (!input.withPhoto) return { orderId: input.orderId, growthEarned: 0, credited: false, reason: '仅晒图评价可获得成长值' };
  const config = await loadConfig(db);
  const reward = await rewardMember(db, String(order.openid), {
    activity: { type: 'photoReview', at: now, key: `review:${input.orderId}`, ref: input.reviewId },
    issuer,
  }, now, config);
  return { orderId: input.orderId, growthEarned: reward.growthEarned, credited: reward.growthEarned > 0, reason: reward.growthSkipped ? skippedReason[reward.growthSkipped] : null };
}

const skippedReason = { duplicate: '该订单的评价已奖励过', dailyCap: '今日晒图评价奖励已达上限', disabled: '晒图评价奖励未开启' } as const;
