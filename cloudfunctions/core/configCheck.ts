// Rules an operator sets must make sense before they are stored: a broken tier ladder or weights that do not add
// up would silently mis-credit every member. Returns the problems in Chinese (empty when valid).
import type { LoyaltyConfig } from './config';

const isInt = (x: unknown, min = 0) => typeof x === 'number' && Number.isSafeInteger(x) && x >= min;
const isNum = (x: unknown, min = 0) => typeof x === 'number' && Number.isFinite(x) && x >= min;

export function checkConfig(c: LoyaltyConfig): string[] {
  const problems: string[] = [];
  const tiers = Array.isArray(c.tiers) ? c.tiers : [];
  if (tiers.length === 0) problems.push('至少需要一个会员等级');
  const levels = new Set(tiers.map((t) => t.level));
  if (levels.size !== tiers.length) problems.push('会员等级 level 不能重复');
  const sorted = [...tiers].sort((a, b) => a.minGrowth - b.minGrowth);
  if (sorted.length > 0 && sorted[0].minGrowth !== 0) problems.push('最低等级的成长值门槛必须为 0');
  for (const t of tiers) {
    if (!isInt(t.level)) problems.push(`等级 ${t.name} 的 level 必须是非负整数`);
    if (typeof t.name !== 'string' || t.name.length === 0 || t.name.length > 20) problems.push('等级名称必须是 1-20 个字符');
    if (!isInt(t.minGrowth)) problems.push(`等级 ${t.name} 的成长值门槛必须是非负整数`);
    if (!isNum(t.pointsMultiplier) || t.pointsMultiplier <= 0 || t.pointsMultiplier > 10) problems.push(`等级 ${t.name} 的积分倍率必须在 0-10 之间`);
    if (t.retainGrowth !== undefined && (!isInt(t.retainGrowth) || t.retainGrowth > t.minGrowth)) problems.push(`等级 ${t.name} 的保级成长值必须是不超过门槛的非负整数`);
    if (t.upgradeGiftPoints !== undefined && !isInt(t.upgradeGiftPoints)) problems.push(`等级 ${t.name} 的升级礼积分必须是非负整数`);
    if (!Array.isArray(t.benefits)) problems.push(`等级 ${t.name} 的权益必须是列表`);
  }
  const sortedLevels = sorted.map((t) => t.level);
  if (sortedLevels.some((l, i) => i > 0 && l <= sortedLevels[i - 1])) problems.push('等级 level 必须随成长值门槛递增');
  const w = c.growth?.weights;
  if (!w || !['consumption', 'interaction', 'social', 'lifecycle'].every((k) => isNum((w as Record<string, number>)[k]))) {
    problems.push('成长值权重必须包含消费、互动、社交、忠诚四项非负数');
  } else if (Math.abs(w.consumption + w.interaction + w.social + w.lifecycle - 1) > 0.001) {
    problems.push('成长值四项权重之和必须等于 1');
  }
  const win = c.growth?.window;
  if (!win || (win.mode !== 'naturalYear' && !(win.mode === 'rolling' && isInt(win.months, 1) && win.months <= 36))) problems.push('成长值周期必须是自然年或 1-36 个月滚动');
  const p = c.points;
  if (!p || !isNum(p.pointsPerYuan) || p.pointsPerYuan > 100) problems.push('每元积分必须在 0-100 之间');
  if (p && !isInt(p.registrationBonus)) problems.push('注册礼积分必须是非负整数');
  if (p && !isInt(p.pendingDays)) problems.push('积分冻结天数必须是非负整数');
  if (p && !isInt(p.expiringSoonDays, 1)) problems.push('即将过期提醒天数必须是正整数');
  if (p && !(p.expiry?.mode === 'yearEnd' ? isInt(p.expiry.yearsAfter) : p.expiry?.mode === 'rolling' && isInt(p.expiry.months, 1))) problems.push('积分有效期配置不正确');
  if (p && !['carry', 'forgive'].includes(p.negativeBalancePolicy)) problems.push('负积分策略必须是 carry 或 forgive');
  const days = p?.doublePointsDays;
  if (p && (!days || !Array.isArray(days.daysOfMonth) || !days.daysOfMonth.every((d) => isInt(d, 1) && d <= 31) || !isNum(days.multiplier, 1))) problems.push('积分加倍日配置不正确');
  for (const camp of p?.campaigns ?? []) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(camp.from) || !/^\d{4}-\d{2}-\d{2}$/.test(camp.to) || camp.from > camp.to) problems.push(`活动 ${camp.name} 的日期范围不正确`);
    if (!isNum(camp.multiplier, 1) || camp.multiplier > 10) problems.push(`活动 ${camp.name} 的倍率必须在 1-10 之间`);
  }
  problems.push(...checkEngagement(c), ...checkMall(c));
  return problems;
}

function checkEngagement(c: LoyaltyConfig): string[] {
  const problems: string[] = [];
  const ck = c.checkin;
  if (!ck || !isInt(ck.points)) problems.push('签到积分必须是非负整数');
  for (const m of ck?.milestones ?? []) if (!isInt(m.day, 1) || !isInt(m.points)) problems.push(`签到里程碑 ${m.name} 的天数必须是正整数、积分必须是非负整数`);
  if (ck?.makeUp && (!isInt(ck.makeUp.costPoints) || !isInt(ck.makeUp.maxDaysBack) || !isInt(ck.makeUp.perMonth))) problems.push('补签配置必须是非负整数');
  const ids = new Set<string>();
  for (const t of c.tasks?.list ?? []) {
    if (ids.has(t.id)) problems.push(`任务 ${t.id} 重复`);
    ids.add(t.id);
    if (!['once', 'daily', 'weekly', 'monthly'].includes(t.period)) problems.push(`任务 ${t.title} 的周期不正确`);
    if (!isInt(t.target, 1) || !isInt(t.reward?.points) || !isInt(t.reward?.growth)) problems.push(`任务 ${t.title} 的目标与奖励必须是整数`);
  }
  const r = c.referral;
  if (r && (!isInt(r.registeredPoints) || !isInt(r.firstOrderPoints) || !isInt(r.welcomePoints) || !isInt(r.monthlyCap))) problems.push('邀请奖励与每月上限必须是非负整数');
  if (r && (!isNum(r.inviterMultiplier, 1) || r.inviterMultiplier > 10)) problems.push('邀请人奖励倍率必须在 1-10 之间');
  return problems;
}

function checkMall(c: LoyaltyConfig): string[] {
  const problems: string[] = [];
  if (c.mall && !isInt(c.mall.memberCancelMinutes)) problems.push('兑换取消时限必须是非负整数（分钟）');
  const code = c.memberCode;
  if (code && (!isInt(code.slotSeconds, 10) || code.slotSeconds > 300 || !isInt(code.validSlots, 1) || code.validSlots > 10 || !isInt(code.recogniseSlots, code.validSlots))) {
    problems.push('会员码刷新间隔须为 10-300 秒，有效时段 1-10 个');
  }
  if (c.settlement && (!isNum(c.settlement.fenPerPoint) || c.settlement.fenPerPoint > 10000)) problems.push('结算单价（分/积分）不正确');
  return problems;
}
