// A flash sale (秒杀) on one item, at 0 and at 10 ms per database round trip (issue 14): BENCH_FLASH_MEMBERS members
// (default 1,000; the target is 5,000 for a stock of 500) each redeem once, all at once, against a stock of a
// tenth of them, with the mall function's pool sized like an autoscaler (BENCH_FLASH_INSTANCES, default 40 workers)
// and its real timeout. Reports what the members were answered, the latency, the database requests per successful
// redemption and whether stock + sold still equals the initial stock.
import type { LocalCloud } from '../localcloud';
import { benchCloud, call, row } from './lib';

const MEMBERS = Number(process.env.BENCH_FLASH_MEMBERS ?? 1000);
const INSTANCES = Number(process.env.BENCH_FLASH_INSTANCES ?? 40);
const STOCK = Math.max(1, Math.floor(MEMBERS / 10));
const MANAGER = { _id: 'flash-manager', openid: 'flash-manager', name: 'bench', role: 'manager', storeId: 'flash-store', active: true };
const STORE = { _id: 'flash-store', name: 'bench', format: 'mall', formatName: '购物中心' };
const ITEM = {
  _id: 'flash-item', name: '秒杀好礼', kind: 'coupon', category: '优惠券', description: '', image: null, pointsPrice: 100, stock: STOCK, sold: 0, perOrderLimit: 0,
  perMemberLimit: 1, minTierLevel: 0, saleStart: null, saleEnd: null, fundedBy: { format: 'mall', storeId: null }, voucherValidDays: 30, active: true, sort: 0,
};

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];

/** Members registered with points (at 0 latency, so the sale alone is timed). */
async function seed(cloud: LocalCloud): Promise<string[]> {
  await cloud.db.insertMany('stores', [STORE]);
  await cloud.db.insertMany('staff', [MANAGER]);
  await cloud.db.insertMany('mall_items', [ITEM]);
  const members = Array.from({ length: MEMBERS }, (_, i) => `flash-m-${i}`);
  for (let i = 0; i < members.length; i += 20) {
    await Promise.all(members.slice(i, i + 20).map(async (m) => {
      const login = await call(cloud.url, 'member', { action: 'login' }, m);
      const memberNo = (login.body.data as { member: { memberNo: string } }).member.memberNo;
      await call(cloud.url, 'staff', { action: 'adjustPoints', memberNo, amount: 1000, reason: '压测积分', requestId: `flash-seed-${i}-${m}` }, 'flash-manager');
    }));
  }
  return members;
}

async function sale(latencyMs: number): Promise<void> {
  // The mall's real timeout (timeoutScale 1): a redemption that takes longer than the cloud allows counts as timed out.
  const cloud = await benchCloud('empty', { timeoutScale: 1, instances: { mall: INSTANCES }, maxWorkersPerFunction: 4 });
  try {
    const members = await seed(cloud);
    // An autoscaler's instances are warm before a sale that was announced: start every worker first.
    await Promise.all(members.slice(0, INSTANCES).map((m) => call(cloud.url, 'mall', { action: 'wallet' }, m)));
    cloud.db.setLatency({ ms: latencyMs, jitterMs: latencyMs / 5 });
    const answers = new Map<string, number>();
    const latencies: number[] = [];
    let successOps = 0;
    const started = Date.now();
    await Promise.all(members.map(async (m) => {
      const t0 = Date.now();
      let code = 'OK';
      try {
        const r = await call(cloud.url, 'mall', { action: 'redeem', itemId: ITEM._id, requestId: `flash-${m}` }, m);
        if (r.body.ok) successOps += r.dbOps;
        else code = (r.body.error as { code: string }).code;
      } catch {
        code = 'NETWORK';
      }
      latencies.push(Date.now() - t0);
      answers.set(code, (answers.get(code) ?? 0) + 1);
    }));
    const seconds = (Date.now() - started) / 1000;
    cloud.db.setLatency({ ms: 0 });
    const item = cloud.db.find('mall_items', { _id: ITEM._id }).docs[0] as { stock: number; sold: number };
    const ok = answers.get('OK') ?? 0;
    const bad = [...answers].filter(([c]) => !['OK', 'SOLD_OUT', 'LIMIT_REACHED'].includes(c)).reduce((s, [, n]) => s + n, 0);
    const at = `${latencyMs} ms`;
    console.log(`  -- ${MEMBERS} members, stock ${STOCK}, mall ${INSTANCES} instances, database round trip ${at}`);
    row(`flash sale: succeeded (${at})`, `${ok} of ${STOCK}`, String(STOCK), ok === STOCK);
    row(`flash sale: answers (${at})`, [...answers].map(([c, n]) => `${c} ${n}`).join(', '));
    row(`flash sale: CONFLICT/INTERNAL/timeouts (${at})`, String(bad), '0', bad === 0);
    row(`flash sale: p50 / p99 latency (${at})`, `${percentile(latencies, 50)} / ${percentile(latencies, 99)} ms`, '2000 ms p99', percentile(latencies, 99) < 2000);
    row(`flash sale: whole sale took (${at})`, `${seconds.toFixed(1)} s`, '60 s', seconds <= 60);
    row(`flash sale: db requests per success (${at})`, ok ? (successOps / ok).toFixed(1) : '-');
    row(`flash sale: stock + sold = initial (${at})`, `${item.stock} + ${item.sold} = ${item.stock + item.sold}`, String(STOCK), item.stock + item.sold === STOCK);
  } finally {
    await cloud.cleanup();
  }
}

export async function benchFlash(): Promise<void> {
  console.log('\nFlash sale on one item');
  for (const latency of [0, 10]) await sale(latency);
}
