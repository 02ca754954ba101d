// Tier benefits (权益通) figures: database requests of the daily job's month start per member — a 钻石会员 due December's
// 4 parking vouchers and 100 points (the quarter's breakfast came in November; one member transaction: start, get, 4
// voucher inserts, the points entry, the expiry reminder, the member update, commit, plus a share of the chunk query),
// and a 普通会员 with nothing due (the look that moves benefitsAt) — and of a member's claim, 卡券包 and 我的券包.
import { benchCloud, call, row } from './lib';

const N = 20;

async function setClock(url: string, iso: string) {
  await fetch(`${url}/_clock`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now: iso, freeze: true }) });
}

async function runJob(url: string): Promise<number> {
  const res = await fetch(`${url}/_triggers/jobs`, { method: 'POST' });
  return Number(res.headers.get('x-localcloud-db-ops'));
}

export async function benchBenefits() {
  console.log('\n权益通 (tier benefits): database requests');
  const cloud = await benchCloud('empty');
  try {
    await cloud.db.insertMany('stores', [{ _id: 'bench-store', name: '基准门店', format: 'mall', formatName: '购物中心' }]);
    await setClock(cloud.url, '2026-11-30T20:00:00+08:00');
    const since = new Date('2026-01-01T00:00:00+08:00');
    for (let i = 0; i < N; i++) {
      await call(cloud.url, 'member', { action: 'login' }, `bench-diamond-${i}`);
      await cloud.db.setFields('members', { openid: `bench-diamond-${i}` }, { tierLevel: 3, tierSince: since, tierValidUntil: new Date('2027-06-01T00:00:00+08:00'), giftedLevels: [0, 1, 2, 3] });
      await call(cloud.url, 'member', { action: 'login' }, `bench-entry-${i}`);
    }
    await runJob(cloud.url); // November's, for everyone registered
    await setClock(cloud.url, '2026-11-30T23:00:00+08:00');
    const idle = await runJob(cloud.url);
    // Only the 钻石 members at the month start: the entry-tier members are moved to a later look first.
    await cloud.db.setFields('members', { tierLevel: 0 }, { benefitsAt: new Date('2027-02-01T00:00:00+08:00') });
    await setClock(cloud.url, '2026-12-01T00:05:00+08:00');
    const month = await runJob(cloud.url);
    const vouchers = cloud.db.find('benefit_vouchers', { period: '2026-12' }, { limit: 0 }).total;
    row('job run with no member due (fixed cost)', String(idle));
    row(`month start, per 钻石 member (${vouchers / N} vouchers + points)`, ((month - idle) / N).toFixed(1));
    const rerun = await runJob(cloud.url);
    row('a second run the same day (nothing due)', String(rerun));
    await cloud.db.setFields('members', { tierLevel: 0 }, { benefitsAt: new Date('2026-12-01T00:00:00+08:00') });
    const entry = await runJob(cloud.url);
    row('per 普通会员 member with nothing due', ((entry - idle) / N).toFixed(1));

    const claim = await call(cloud.url, 'mall', { action: 'claimBenefit', benefitKey: 'late_checkout' }, 'bench-diamond-0');
    row('mall.claimBenefit db requests (2 vouchers)', String(claim.dbOps));
    row('mall.claimBenefit db requests (already claimed)', String((await call(cloud.url, 'mall', { action: 'claimBenefit', benefitKey: 'late_checkout' }, 'bench-diamond-0')).dbOps));
    row('mall.coupons db requests (待使用)', String((await call(cloud.url, 'mall', { action: 'coupons', tab: 'toUse' }, 'bench-diamond-0')).dbOps));
    row('mall.wallet db requests', String((await call(cloud.url, 'mall', { action: 'wallet' }, 'bench-diamond-0')).dbOps));
  } finally {
    await cloud.cleanup();
  }
}
