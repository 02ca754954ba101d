// Demo data with fixed identities that people and tests rely on. Written only into an empty database,
// and consistent with the rules: each balance equals the sum of its ledger, lots hold the unspent points.
import { DEFAULT_CONFIG } from '../../cloudfunctions/core/config';
import { newMember, type MemberDoc } from '../../cloudfunctions/core/member';
import { tierForGrowth } from '../../cloudfunctions/core/tiers';
import { endOfShanghaiYear } from '../../cloudfunctions/core/time';
import type { Database } from '../db';

export interface DemoIdentity { openid: string; label: string; role: 'member' | 'clerk' | 'manager' | 'admin' }

interface DemoMember {
  openid: string;
  nickname: string;
  growth: MemberDoc['growth'];
  /** Earnings as [points, days ago, reason]; a lot each. */
  earnings: Array<[number, number, string]>;
  spent: number;
}

const DAY = 86400000;

const MEMBERS: DemoMember[] = [
  { openid: 'demo-member-1', nickname: '林晓', growth: { total: 3680, consumption: 1840, interaction: 820, social: 560, lifecycle: 460 }, earnings: [[2600, 400, '消费奖励'], [1800, 60, '消费奖励'], [300, 3, '签到奖励']], spent: 1200 },
  { openid: 'demo-member-2', nickname: '王思远', growth: { total: 2100, consumption: 1050, interaction: 500, social: 300, lifecycle: 250 }, earnings: [[900, 380, '消费奖励'], [1200, 30, '消费奖励']], spent: 300 },
  { openid: 'demo-member-3', nickname: '陈雨桐', growth: { total: 820, consumption: 400, interaction: 230, social: 110, lifecycle: 80 }, earnings: [[560, 200, '消费奖励'], [120, 10, '签到奖励']], spent: 0 },
  { openid: 'demo-member-4', nickname: '赵一鸣', growth: { total: 1450, consumption: 700, interaction: 380, social: 210, lifecycle: 160 }, earnings: [[1300, 90, '消费奖励']], spent: 500 },
  { openid: 'demo-member-5', nickname: '周小满', growth: { total: 260, consumption: 120, interaction: 90, social: 30, lifecycle: 20 }, earnings: [[200, 5, '注册礼']], spent: 0 },
];

export const DEMO_STORES = [
  { _id: 'store-mall-01', name: '星河广场旗舰店', format: 'mall', formatName: '购物中心' },
  { _id: 'store-hotel-01', name: '星河酒店', format: 'hotel', formatName: '酒店' },
];

const STAFF = [
  { openid: 'demo-clerk', name: '店员 小李', role: 'clerk' as const, storeId: 'store-mall-01' },
  { openid: 'demo-manager', name: '店长 老张', role: 'manager' as const, storeId: 'store-hotel-01' },
  { openid: 'demo-admin', name: '运营管理员', role: 'admin' as const, storeId: null },
];

const ROLE_LABEL = { clerk: '店员', manager: '店长', admin: '管理员' };

export const DEMO_IDENTITIES: DemoIdentity[] = [
  ...MEMBERS.map((m, i) => ({ openid: m.openid, label: `会员 ${i + 1} · ${m.nickname} · ${tierForGrowth(m.growth.total, DEFAULT_CONFIG.tiers).name}`, role: 'member' as const })),
  ...STAFF.map((s) => ({ openid: s.openid, label: `${ROLE_LABEL[s.role]} · ${s.name}`, role: s.role })),
];

/** Lots the spending consumed, soonest-expiring first (the same order the ledger spends in). */
function lotsAfterSpending(m: DemoMember, now: Date) {
  let toSpend = m.spent;
  return m.earnings
    .map(([amount, daysAgo, reason], i) => {
      const earnedAt = new Date(now.getTime() - daysAgo * DAY);
      return { _id: `${m.openid}-lot-${i + 1}`, openid: m.openid, amount, remaining: amount, earnedAt, expiresAt: endOfShanghaiYear(earnedAt, 1), reason, format: 'mall' };
    })
    .sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime())
    .map((lot) => {
      const used = Math.min(lot.remaining, toSpend);
      toSpend -= used;
      return { ...lot, remaining: lot.remaining - used };
    });
}

export async function seedDemo(db: Database, now: Date): Promise<boolean> {
  if (db.find('members', {}, { limit: 1 }).total > 0) return false;
  const members: MemberDoc[] = [];
  const lots: object[] = [];
  const ledger: object[] = [];
  for (const m of MEMBERS) {
    const joined = new Date(now.getTime() - 420 * DAY);
    const memberLots = lotsAfterSpending(m, now).filter((l) => l.expiresAt > now);
    let balance = 0;
    const entries = [...m.earnings.map(([amount, daysAgo, reason], i) => ({ amount, at: new Date(now.getTime() - daysAgo * DAY), reason, type: 'earn', key: `seed:earn:${i + 1}` }))];
    if (m.spent > 0) entries.push({ amount: -m.spent, at: new Date(now.getTime() - 2 * DAY), reason: '积分商城兑换', type: 'spend', key: 'seed:spend:1' });
    const expired = lotsAfterSpending(m, now).filter((l) => l.expiresAt <= now && l.remaining > 0);
    for (const lot of expired) entries.push({ amount: -lot.remaining, at: lot.expiresAt, reason: '积分过期', type: 'expire', key: `seed:expire:${lot._id}` });
    entries.sort((a, b) => a.at.getTime() - b.at.getTime());
    for (const e of entries) {
      balance += e.amount;
      ledger.push({ openid: m.openid, type: e.type, amount: e.amount, balanceAfter: balance, reason: e.reason, ref: 'demo', key: e.key, issuer: 'seed', createdAt: e.at });
    }
    const tier = tierForGrowth(m.growth.total, DEFAULT_CONFIG.tiers);
    members.push({ ...newMember(m.openid, joined), nickname: m.nickname, tierLevel: tier.level, growth: m.growth, points: { balance, pending: 0 }, updatedAt: now });
    lots.push(...memberLots);
  }
  await db.insertMany('members', members);
  await db.insertMany('point_lots', lots);
  await db.insertMany('point_ledger', ledger);
  await db.insertMany('stores', DEMO_STORES);
  await db.insertMany('staff', STAFF.map((s) => ({ _id: s.openid, ...s, active: true, createdAt: now })));
  return true;
}
