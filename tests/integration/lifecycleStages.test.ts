// Lifecycle stages (issue 12 §1) through the local cloud with the clock: a new member, an active one, one going
// dormant at day 60 and churned at day 90 (each transition logged once, also when the daily job runs twice), a
// purchase bringing a dormant member back, a refund taking an active member's 4th order away (replayed: once).
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { paidEvent, refundEvent, TEST_CHANNEL } from '../helpers/orders';

let t: TestCloud;
let seq = 0;

beforeAll(async () => {
  t = await startTestCloud({ seed: 'empty' });
  await t.cloud.db.insertMany('channels', [TEST_CHANNEL]);
  await t.cloud.db.insertMany('staff', [
    { _id: 'analyst-1', openid: 'analyst-1', name: '分析师', role: 'analyst', storeId: null, active: true },
    { _id: 'manager-1', openid: 'manager-1', name: '店长', role: 'manager', storeId: 's1', active: true },
    { _id: 'admin-1', openid: 'admin-1', name: '管理员', role: 'admin', storeId: null, active: true },
  ]);
});

afterAll(async () => {
  await t.stop();
});

// Shanghai day d after 2026-03-01 (day 0), at h o'clock Shanghai time.
const day = (d: number, h = 10) => new Date(Date.parse('2026-03-01T00:00:00+08:00') + d * 86_400_000 + h * 3_600_000);
const at = (d: number, h = 10) => t.setClock(day(d, h).toISOString(), true);

async function pay(memberNo: string, d: number) {
  const o = { orderId: `LS-${++seq}`, memberNo, amountFen: 5000, paidAt: day(d).toISOString(), format: 'mall', items: [{ sku: 's', name: '商品', category: '类目', quantity: 1, amountFen: 5000 }] };
  const r = await t.call('order', paidEvent(o, { at: day(d) }));
  expect(r.body.ok).toBe(true);
  return o.orderId;
}

const runJobs = async () => {
  const r = await fetch(`${t.url}/_triggers/jobs`, { method: 'POST' });
  expect(r.status).toBe(200);
};
const login = async (openid: string) => (await t.call('member', { action: 'login' }, openid)).body.data.member.memberNo as string;
const member = (openid: string) => t.cloud.db.find('members', { openid }).docs[0] as any;
const stageOf = (openid: string) => member(openid).lifecycle?.stage;
const log = (openid: string) => (t.cloud.db.find('lifecycle_transitions', { openid }, { limit: 100 }).docs as any[])
  .sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).map((x) => `${x.from}>${x.to}@${new Date(x.at).toISOString()}:${x.cause}`);

test('new, active, dormant at day 60, churned at day 90, back with a purchase, a refund: each change logged once', async () => {
  await at(0);
  const newNo = await login('ls-new');
  const activeNo = await login('ls-active');
  const sleeperNo = await login('ls-sleeper');
  const backNo = await login('ls-back');
  const steadyNo = await login('ls-steady');
  void newNo;
  await runJobs();
  expect(['ls-new', 'ls-active', 'ls-sleeper', 'ls-back'].map(stageOf)).toEqual(['new', 'new', 'new', 'new']);
  expect(member('ls-new').riskScore).toBe(0);

  // The active one buys 4 times in the new period (still 新会员); the sleeper and the one coming back buy once on day 1.
  const activeOrders: string[] = [];
  for (const d of [2, 10, 20, 28]) { await at(d); activeOrders.push(await pay(activeNo, d)); await pay(steadyNo, d); }
  await at(1); await pay(sleeperNo, 1); await pay(backNo, 1);
  expect(stageOf('ls-active')).toBe('new');

  // Day 30: the new period is over. The job reviews them (reviewAt was brought forward to day 30), twice.
  await at(30, 0.5);
  await runJobs();
  await runJobs();
  expect(stageOf('ls-new')).toBe('occasional');
  expect(stageOf('ls-active')).toBe('active');
  expect(stageOf('ls-sleeper')).toBe('occasional');
  expect(stageOf('ls-steady')).toBe('active');
  expect(log('ls-new')).toEqual([`new>occasional@${day(30, 0).toISOString()}:review`]);
  expect(member('ls-active').lifecycle).toMatchObject({ stage: 'active', previous: 'new' });

  // A full refund of one of the active member's 4 orders: 低频 now; the refund replayed logs nothing more.
  await at(35);
  const refund = { refundId: `${activeOrders[3]}-R`, orderId: activeOrders[3], amountFen: 5000, refundedAt: day(35).toISOString() };
  expect((await t.call('order', refundEvent(refund, { at: day(35) }))).body.ok).toBe(true);
  expect((await t.call('order', refundEvent(refund, { at: day(35) }))).body.ok).toBe(true);
  expect(stageOf('ls-active')).toBe('occasional');
  expect(log('ls-active')).toEqual([`new>active@${day(30, 0.5).toISOString()}:review`, `active>occasional@${day(35).toISOString()}:refund`]);

  // Day 61 = 60 days after the day-1 purchase: dormant, dated that day's start, also after a second run.
  await at(61, 3);
  await runJobs();
  await runJobs();
  expect(stageOf('ls-sleeper')).toBe('dormant');
  expect(stageOf('ls-back')).toBe('dormant');
  // The never-buyer is 60 days from joining on day 60: dormant since day 60.
  expect(stageOf('ls-new')).toBe('dormant');
  expect(log('ls-new')).toEqual([`new>occasional@${day(30, 0).toISOString()}:review`, `occasional>dormant@${day(60, 0).toISOString()}:review`]);
  const dormantRisk = member('ls-sleeper').riskScore;
  expect(dormantRisk).toBeGreaterThan(50);

  // A purchase brings one of them back.
  await at(70);
  await pay(backNo, 70);
  expect(member('ls-back').lifecycle).toMatchObject({ stage: 'occasional', previous: 'dormant', since: day(70) });
  expect(member('ls-back').riskScore).toBe(0);

  // Day 91 = 90 days after day 1: churned, once.
  await at(91, 2);
  await runJobs();
  await runJobs();
  expect(stageOf('ls-sleeper')).toBe('churned');
  expect(member('ls-sleeper').riskScore).toBeGreaterThan(dormantRisk);
  expect(log('ls-sleeper')).toEqual([
    `new>occasional@${day(30, 0).toISOString()}:review`,
    `occasional>dormant@${day(61, 0).toISOString()}:review`,
    `dormant>churned@${day(91, 0).toISOString()}:review`,
  ]);
  expect(log('ls-back')).toEqual([
    `new>occasional@${day(30, 0).toISOString()}:review`,
    `occasional>dormant@${day(61, 0).toISOString()}:review`,
    `dormant>occasional@${day(70).toISOString()}:order`,
  ]);
  expect(stageOf('ls-back')).toBe('occasional');
  // 活跃 is kept by recency: the steady buyer went from 活跃 straight to 沉睡, 60 days after the day-28 order.
  expect(log('ls-steady')).toEqual([`new>active@${day(30, 0.5).toISOString()}:review`, `active>dormant@${day(88, 0).toISOString()}:review`]);
  expect(member('ls-steady').lifecycle).toMatchObject({ stage: 'dormant', previous: 'active' });
  expect(member('ls-active').lifecycle).toMatchObject({ stage: 'dormant', previous: 'occasional', since: day(80, 0) });

  // The console member page shows the stage and the risk.
  const page = (await t.call('admin', { action: 'memberDetail', memberNo: sleeperNo }, 'admin-1')).body.data;
  expect(page.lifecycle).toEqual({ stage: 'churned', name: '流失', since: day(91, 0).toISOString(), previousName: '沉睡', riskScore: member('ls-sleeper').riskScore });

  // The month's matrix (May: days 61-91).
  const report = async (month: string, who = 'analyst-1') => (await t.call('catalog', { action: 'stageTransitions', month }, who)).body;
  const may = (await report('2026-05')).data;
  expect(may.matrix).toEqual(expect.arrayContaining([
    { from: 'active', to: 'dormant', count: 1 },
    { from: 'occasional', to: 'dormant', count: 3 },
    { from: 'dormant', to: 'occasional', count: 1 },
    { from: 'dormant', to: 'churned', count: 2 },
  ]));
  expect(may).toMatchObject({ month: '2026-05', total: 7, activeWentDormant: 1, cameBack: 1 });
  expect(may.matrix).toHaveLength(4);
  expect(may.stages.map((x: { name: string }) => x.name)).toEqual(['新会员', '活跃', '低频', '沉睡', '流失']);
  const march = (await report('2026-03')).data;
  expect(march.matrix).toEqual(expect.arrayContaining([{ from: 'new', to: 'occasional', count: 3 }, { from: 'new', to: 'active', count: 2 }]));
  expect(march.total).toBe(5);
  expect((await report('2026-04')).data.total).toBe(2); // the refund (day 35) and the never-buyer's day 60
  // Bad input and a role without the report.
  expect((await report('2026-13')).error.code).toBe('INVALID_INPUT');
  expect((await report('2026-05', 'manager-1')).error.code).toBe('FORBIDDEN');
}, 120_000);
