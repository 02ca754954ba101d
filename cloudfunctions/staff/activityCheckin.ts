// A member who joined an in-store activity (a class, a tasting, a VIP evening), recorded by staff at the door:
// activity growth (interaction) within its daily cap, and progress on the 参与活动 task. Once per member and activity.
// Activities are documents (`activities`, _id = the code staff type): only an active one, within its time window,
// held in the caller's store (or in every store) is accepted; its own growth and daily cap, when set, replace the
// `growth.events.activity` rule.
import type { Output, ParsedInput } from '../../contract';
import type { LoyaltyConfig } from '../core/config';
import type { ActivityDoc, Stored } from '../core/documents';
import { AppError } from '../core/errors';
import { loadConfig } from '../runtime/configStore';
import type { Database } from '../runtime/dbTypes';
import type { StaffContext, StaffMember } from '../runtime/handler';
import { findMember } from '../runtime/memberRepo';
import { rewardMember } from '../services/activityRewards';

type Activity = Stored<ActivityDoc>;

async function findActivity(db: Database, id: string): Promise<Activity | null> {
  const { data } = await db.collection('activities').where({ _id: id }).get();
  return data[0] ?? null;
}

/** The activity, if staff may record attendance for it now; a refusal with the reason otherwise. */
export function checkActivity(activity: Activity | null, staff: Pick<StaffMember, 'storeId'>, now: Date): Activity {
  if (!activity) throw new AppError('NOT_FOUND', '活动不存在');
  if (!activity.active) throw new AppError('NOT_ELIGIBLE', '活动已停用');
  if (now.getTime() < new Date(activity.startAt).getTime()) throw new AppError('NOT_ELIGIBLE', '活动未开始');
  if (now.getTime() > new Date(activity.endAt).getTime()) throw new AppError('NOT_ELIGIBLE', '活动已结束');
  const stores = activity.storeIds ?? [];
  if (stores.length > 0 && !(staff.storeId && stores.includes(staff.storeId))) throw new AppError('NOT_ELIGIBLE', '活动不在本店举办');
  return activity;
}

/** The rules with the activity's own growth and daily cap in place of `growth.events.activity`, where it sets them. */
function withActivityRule(config: LoyaltyConfig, activity: Activity): LoyaltyConfig {
  const rule = config.growth.events.activity;
  const growth = typeof activity.growth === 'number' ? activity.growth : rule.growth;
  const dailyCap = typeof activity.dailyCap === 'number' ? activity.dailyCap : rule.dailyCap;
  if (growth === rule.growth && dailyCap === rule.dailyCap) return config;
  return { ...config, growth: { ...config.growth, events: { ...config.growth.events, activity: { growth, dailyCap } } } };
}

export async function activityCheckin({ db, input, staff, now }: StaffContext<ParsedInput<'staff', 'activityCheckin'>>): Promise<Output<'staff', 'activityCheckin'>> {
  const [member, found] = await Promise.all([findMember(db, { memberNo: input.memberNo }), findActivity(db, input.activityId)]);
  if (!member) throw new AppError('NOT_FOUND', '会员不存在');
  const activity = checkActivity(found, staff, now);
  const config = withActivityRule(await loadConfig(db), activity);
  const reward = await rewardMember(db, member.openid, {
    activity: { type: 'activity', at: now, key: `activity:${activity._id}`, ref: staff.storeId ?? undefined },
    issuer: `staff:${staff.openid}`,
  }, now, config);
  const skipped = reward.growthSkipped ?? (reward.replayed ? 'duplicate' : null);
  return {
    memberNo: member.memberNo,
    activityId: activity._id,
    name: activity.name,
    growthEarned: reward.growthEarned,
    message: skipped === 'duplicate' ? '该会员已登记过本次活动' : skipped === 'dailyCap' ? '该会员今日活动奖励已达上限' : skipped ? '活动奖励未开启' : '已登记参与活动',
  };
}
