// A member who joined an in-store activity (a class, a tasting, a VIP evening), recorded by staff at the door:
// activity growth (interaction) within its daily cap, and progress on the 参与活动 task. Once per member and activity.
import type { Output, ParsedInput } from '../../contract';
import { AppError } from '../core/errors';
import { loadConfig } from '../runtime/configStore';
import type { StaffContext } from '../runtime/handler';
import { findMember } from '../runtime/memberRepo';
import { rewardMember } from '../services/activityRewards';

export async function activityCheckin({ db, input, staff, now }: StaffContext<ParsedInput<'staff', 'activityCheckin'>>): Promise<Output<'staff', 'activityCheckin'>> {
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
