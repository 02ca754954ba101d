// A member who joined an in-store activity (a class, a tasting, a VIP evening), recorded by staff at the door:
// activity growth (interaction) within its daily cap, and progress on the 参与活动 task. Once per member and activity.
import { AppError } from '../core/errors';
import { v } from '../core/validate';
import { loadConfig } from '../runtime/configStore';
import type { StaffContext } from '../runtime/handler';
import { findMember } from '../runtime/memberRepo';
import { rewardMember } from '../services/activityRewards';

export const activityInput = v.object({
  memberNo: v.string({ min: 6, max: 20, pattern: /^\d+$/ }),
  activityId: v.string({ min: 1, max: 64, pattern: /^[A-Za-z0-9_.:-]+$/ }),
});

export async function activityCheckin({ db, input, staff, now }: StaffContext<{ memberNo: string; activityId: string }>) {
  const member = await findMember(db, { memberNo: input.memberNo });
  if (!member) throw new AppError('NOT_FOUND', '会员不存在');
  const config = await loadConfig(db);
  const reward = await rewardMember(db, member.openid, {
    activity: { type: 'activity', at: now, key: `activity:${input.activityId}`, ref: staff.storeId ?? undefined },
    issuer: `staff:${staff.openid}`,
  }, now, config);
  const skipped = reward.growthSkipped ?? (reward.replayed ? 'duplicate' : null);
  return {
    memberNo: member.memberNo,
    activityId: input.activityId,
    growthEarned: reward.growthEarned,
    message: skipped === 'duplicate' ? '该会员已登记过本次活动' : skipped === 'dailyCap' ? '该会员今日活动奖励已达上限' : skipped ? '活动奖励未开启' : '已登记参与活动',
  };
}
