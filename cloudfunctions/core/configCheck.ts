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
  return problems;
}
