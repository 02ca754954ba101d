// An order's growth bonuses (purchase day, repurchase, new category: core/growth.ts) read the member's earlier orders
// of the growth window. order.paid takes them from the member's activity summary (no query, issue 14 §4) and reads
// the orders only when the summary cannot answer. Two members get the same orders and refunds over four months;
// one has its summary removed before every order, so its window always comes from the orders query: both must earn
// exactly the same growth for every order.
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { paidEvent, refundEvent, TEST_CHANNEL } from '../helpers/orders';

let t: TestCloud;

beforeAll(async () => {
  // One warm instance keeping the channel: the requests of the two paths differ by the orders query alone.
  process.env.CHANNEL_TTL_MS = '3600000';
  t = await startTestCloud({ seed: 'empty', maxWorkersPerFunction: 1 });
  await t.cloud.db.insertMany('channels', [TEST_CHANNEL]);
  await t.call('order', paidEvent({ orderId: 'GW-WARM', memberNo: '80000000000', amountFen: 100, paidAt: new Date().toISOString() }));
}, 60_000);

afterAll(async () => {
  await t.stop();
  delete process.env.CHANNEL_TTL_MS;
});

let seed = 11;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const CATEGORIES = ['茶饮', '烘焙', '咖啡', '轻食', '文创'];

test('growth from the activity summary equals growth from the orders query, order by order, refunds included', async () => {
  const start = Date.parse('2026-03-01T02:00:00Z');
  await t.setClock(new Date(start).toISOString(), true);
  const numbers: Record<string, string> = {};
  for (const who of ['gw-summary', 'gw-query']) numbers[who] = (await t.call('member', { action: 'login' }, who)).body.data.member.memberNo;

  const orders: Array<{ id: string; amountFen: number }> = [];
  const requests: Record<string, number> = { 'gw-summary': 0, 'gw-query': 0 };
  let at = start;
  for (let i = 0; i < 40; i++) {
    // Orders a few hours to three weeks apart, some on the same Shanghai day.
    at += Math.floor(rand() * 4) === 0 ? 3 * 3600_000 : Math.floor(1 + rand() * 20) * 86_400_000;
    await t.setClock(new Date(at).toISOString(), true);
    const categories = CATEGORIES.filter(() => rand() < 0.3);
    const amountFen = 1000 + Math.floor(rand() * 60_000);
    for (const who of ['gw-summary', 'gw-query']) {
      if (who === 'gw-query') await t.cloud.db.setFields('members', { _id: who }, { activity: null });
      const items = categories.map((c, k) => ({ sku: c, name: c, category: c, quantity: 1, amountFen: Math.floor(amountFen / categories.length) + (k === 0 ? amountFen % categories.length : 0) }));
      const order = { orderId: `GW-${who}-${i}`, memberNo: numbers[who], amountFen, paidAt: new Date(at).toISOString(), ...(items.length ? { items } : {}) };
      const r = await t.call('order', paidEvent(order, { at: new Date(at) }));
      expect(r.body.error ?? null).toBeNull();
      requests[who] += r.dbOps;
    }
    orders.push({ id: String(i), amountFen });
    // Now and then a refund of an earlier order, in full or in part.
    if (rand() < 0.25) {
      const o = orders[Math.floor(rand() * orders.length)];
      const full = rand() < 0.5;
      for (const who of ['gw-summary', 'gw-query']) {
        const refund = { refundId: `GW-${who}-${o.id}-R${i}`, orderId: `GW-${who}-${o.id}`, amountFen: full ? o.amountFen : 100, refundedAt: new Date(at).toISOString() };
        await t.call('order', refundEvent(refund, { at: new Date(at) }));
      }
    }
  }
  const growth = (who: string) => (t.cloud.db.find('growth_ledger', { openid: who }, { limit: 1000 }).docs as Array<{ key: string; amount: number; parts?: Record<string, number> }>)
    .filter((e) => e.key.startsWith('order:'))
    .map((e) => ({ order: e.key.replace(`GW-${who}-`, ''), amount: e.amount, parts: e.parts }))
    .sort((a, b) => (a.order < b.order ? -1 : 1));
  const summary = growth('gw-summary');
  expect(summary).toHaveLength(40);
  expect(summary).toEqual(growth('gw-query'));
  // The bonuses were in play: some orders earned a repurchase or a new-category bonus, some did not.
  const earned = (part: string) => summary.filter((e) => (e.parts?.[part] ?? 0) > 0).length;
  for (const part of ['purchaseDay', 'repurchase', 'newCategory']) {
    expect({ part, some: earned(part) > 0 }).toEqual({ part, some: true });
  }
  expect(summary.some((e) => (e.parts?.purchaseDay ?? 0) === 0)).toBe(true);
  // The same work but the orders query: one request fewer for each order from the summary.
  expect(requests['gw-query'] - requests['gw-summary']).toBe(40);
});
