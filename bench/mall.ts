// Points mall and staff figures: database requests per mall.redeem (budget 8), per voucher write-off and per
// recorded purchase, and redemptions per second through the local cloud at 50 concurrent members, at 0 and 10 ms per
// database round trip.
import { benchCloud, call, median, row } from './lib';

const STORE = { _id: 'bench-store', name: 'bench', format: 'mall', formatName: '购物中心' };
const CLERK = { _id: 'bench-clerk', openid: 'bench-clerk', name: 'bench', role: 'clerk', storeId: 'bench-store', active: true };
const MANAGER = { _id: 'bench-manager', openid: 'bench-manager', name: 'bench', role: 'manager', storeId: 'bench-store', active: true };

const item = (id: string, stock: number) => ({
  _id: id, name: id, kind: 'coupon', category: '优惠券', description: '', image: null, pointsPrice: 1, stock, sold: 0, perOrderLimit: 0,
  perMemberLimit: 0, minTierLevel: 0, saleStart: null, saleEnd: null, fundedBy: { format: 'mall', storeId: null }, voucherValidDays: 30, active: true, sort: 0,
});

type Data = Record<string, any>;

export async function benchMall(): Promise<void> {
  console.log('\nPoints mall and staff');
  const cloud = await benchCloud('empty');
  try {
    await cloud.db.insertMany('stores', [STORE]);
    await cloud.db.insertMany('staff', [CLERK, MANAGER]);
    await cloud.db.insertMany('mall_items', [item('bench-item', 1_000_000)]);
    const members = Array.from({ length: 50 }, (_, i) => `bench-m-${i}`);
    for (const m of members) {
      const login = await call(cloud.url, 'member', { action: 'login' }, m);
      const memberNo = (login.body.data as Data).member.memberNo;
      await call(cloud.url, 'staff', { action: 'adjustPoints', memberNo, amount: 100_000, reason: '压测积分', requestId: `bench-seed-${m}` }, 'bench-manager');
    }
    // Warm the instance first (cold instances read the rules once), then measure.
    const redeemOps: number[] = [];
    let voucher = '';
    for (let i = 0; i < 5; i++) {
      const r = await call(cloud.url, 'mall', { action: 'redeem', itemId: 'bench-item', requestId: `bench-ops-${i}` }, members[0]);
      redeemOps.push(r.dbOps);
      voucher = (r.body.data as Data).voucher.code;
    }
    const worst = Math.max(...redeemOps.slice(1));
    row('mall.redeem db requests', `${median(redeemOps.slice(1))} (max ${worst})`, '8', worst <= 8);
    const replay = await call(cloud.url, 'mall', { action: 'redeem', itemId: 'bench-item', requestId: 'bench-ops-4' }, members[0]);
    row('mall.redeem db requests (retried request)', String(replay.dbOps));
    const writeOff = await call(cloud.url, 'staff', { action: 'verifyVoucher', code: voucher }, 'bench-clerk');
    row('staff.verifyVoucher db requests (write-off)', String(writeOff.dbOps));
    const again = await call(cloud.url, 'staff', { action: 'verifyVoucher', code: voucher }, 'bench-clerk');
    row('staff.verifyVoucher db requests (second scan)', String(again.dbOps));
    const memberNo = ((await call(cloud.url, 'member', { action: 'home' }, members[1])).body.data as Data).member.memberNo;
    const purchase = await call(cloud.url, 'staff', { action: 'recordPurchase', memberNo, orderId: 'BENCH-P-1', amountFen: 8800 }, 'bench-clerk');
    row('staff.recordPurchase db requests', String(purchase.dbOps));
    const code = ((await call(cloud.url, 'member', { action: 'code' }, members[1])).body.data as Data).code;
    const scan = await call(cloud.url, 'staff', { action: 'scanMember', code }, 'bench-clerk');
    row('staff.scanMember db requests', String(scan.dbOps));

    // Throughput: 50 members redeeming at once, 10 rounds each, all on the same (hot) item; at 0 and at 10 ms per
    // database round trip (the real service's network, which the locks of a hot document wait on).
    const rounds = 10;
    for (const latency of [0, 10]) {
      cloud.db.setLatency({ ms: latency });
      const started = Date.now();
      let ok = 0;
      let ops = 0;
      await Promise.all(members.map(async (m) => {
        for (let k = 0; k < rounds; k++) {
          const r = await call(cloud.url, 'mall', { action: 'redeem', itemId: 'bench-item', requestId: `bench-tp-${latency}-${m}-${k}` }, m);
          if (r.body.ok) { ok += 1; ops += r.dbOps; }
        }
      }));
      const seconds = (Date.now() - started) / 1000;
      row(`mall.redeem per second (50 members, one item, ${latency} ms)`, `${(ok / seconds).toFixed(0)}/s`);
      row(`mall.redeem succeeded (${latency} ms)`, `${ok} of ${members.length * rounds}, ${(ops / Math.max(1, ok)).toFixed(1)} db requests each`);
    }
    cloud.db.setLatency({ ms: 0 });
  } finally {
    await cloud.cleanup();
  }
}
