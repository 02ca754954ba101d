// Experiments through the local cloud: a draft checked whole (bad arms and overlays refused, nothing written), started
// into the rules document; seeded members ordering through order.paid get their arm's points (holdout: the base rules),
// the arm hashed from salt + openid, recorded once at first exposure and never changed, with no extra database request;
// check-in uses the arm too; the fixed horizon (no verdict before the planned end + window); the analysis's numbers
// against a direct computation from the documents; stop ends the arms.
import { DEFAULT_CONFIG, mergeConfig } from '../../cloudfunctions/core/config';
import { orderPoints } from '../../cloudfunctions/core/earning';
import { assignArm } from '../../cloudfunctions/core/experiments';
import { incrementalMargin, moneyTest, planProportion, sampleRatioMismatch, twoProportionTest, welchTest } from '../../cloudfunctions/core/experimentStats';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { paidEvent, refundEvent, TEST_CHANNEL } from '../helpers/orders';

let t: TestCloud;
let seq = 0;
const X = 'double-points';
const ARMS = [
  { id: 'a', name: '三倍积分', share: 50, overlay: { points: { pointsPerYuan: 3 }, checkin: { points: 20 } } },
  { id: 'holdout', name: '对照', share: 50, overlay: {} },
];
const PLAN = { baseline: 0.2, relativeLift: 2, alpha: 0.05, power: 0.8 };
const N = 48;

beforeAll(async () => {
  process.env.LOYALTY_CONFIG_TTL_MS = '0'; // every call reads the rules document: a start is seen at once, and budgets compare like with like
  t = await startTestCloud({ seed: 'empty', maxWorkersPerFunction: 4 });
  await t.cloud.db.insertMany('channels', [TEST_CHANNEL]);
  await t.cloud.db.insertMany('staff', [
    { _id: 'ex-op', openid: 'ex-op', name: '运营', role: 'operator', storeId: null, active: true },
    { _id: 'ex-an', openid: 'ex-an', name: '分析', role: 'analyst', storeId: null, active: true },
  ]);
}, 60_000);

afterAll(async () => {
  await t.resetClock();
  await t.stop();
  delete process.env.LOYALTY_CONFIG_TTL_MS;
});

const call = (action: string, input: object, who = 'ex-op') => t.call('experiments', { action, ...input }, who);
const memberDoc = (openid: string) => t.cloud.db.find('members', { openid }).docs[0] as { memberNo: string; experiments?: Record<string, string>; experimentsAt?: Record<string, string>; points: { balance: number } };
const ledger = (openid: string) => t.cloud.db.find('point_ledger', { openid }, { limit: 1000 }).docs as Array<{ amount: number; type: string; createdAt: string }>;
const at = (iso: string) => new Date(iso);

let clock = '';
async function setClock(iso: string) {
  clock = iso;
  await t.setClock(iso, true);
}
const order = (memberNo: string, amountFen: number) => ({
  orderId: `EX-${++seq}`, memberNo, amountFen, paidAt: at(clock).toISOString(), storeId: 'store-1', format: 'mall',
  items: [{ sku: 'sku-1', name: '衬衫', category: '服饰', quantity: 1, amountFen }],
});
/** The points an order earns a member under `rules`, at the member's tier before the order. */
function points(openid: string, amountFen: number, rules = DEFAULT_CONFIG) {
  const level = (t.cloud.db.find('members', { openid }).docs[0] as { tierLevel: number }).tierLevel;
  return orderPoints({ amountFen, paidAt: at(clock), storeFormat: 'mall' }, rules.tiers.find((x) => x.level === level)!, rules).points;
}
const pay = (memberNo: string, amountFen: number) => t.call('order', paidEvent(order(memberNo, amountFen), { at: at(clock) }));

const draft = {
  experimentId: X, requestId: 'exp-save-0001', name: '三倍积分促复购', hypothesis: '三倍积分让会员 30 天内再次购买',
  arms: ARMS, plannedStart: '2027-01-05', plannedEnd: '2027-01-10', windowDays: 30, plan: PLAN, marginRate: 0.3,
};

const members: Array<{ openid: string; memberNo: string }> = [];
let version = 0;
let salt = '';

test('a draft is checked whole: bad arms and overlays are refused and nothing is written', async () => {
  await setClock('2027-01-01T10:00:00+08:00');
  const bad: Array<[object, string]> = [
    [{ arms: [{ ...ARMS[0], share: 60 }, ARMS[1]] }, '各组比例之和必须是 100%（现为 110%）'],
    [{ arms: [ARMS[0], { ...ARMS[0], id: 'b' }] }, '需要且只能有一个对照组（编号 holdout）'],
    [{ arms: [{ ...ARMS[0], overlay: { points: { pointsPerYuan: 500 } } }, ARMS[1]] }, '实验组 三倍积分 的规则调整有误：每元积分必须在 0-100 之间'],
    [{ arms: [{ ...ARMS[0], overlay: { stats: { activeDays: 3 } } }, ARMS[1]] }, '实验组 三倍积分 的规则调整有误：实验只能调整积分、签到和等级权益规则（不支持 stats）'],
    [{ arms: [ARMS[0], { ...ARMS[1], overlay: { points: { pointsPerYuan: 2 } } }] }, '对照组不能调整规则'],
    [{ plannedEnd: '2027-01-01' }, '结束日期不能早于开始日期'],
  ];
  for (const [patch, message] of bad) {
    const r = await call('save', { ...draft, ...patch });
    expect(r.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message } });
  }
  const r = await call('save', { ...draft, plan: { ...PLAN, power: 2 } });
  expect(r.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  expect(r.body.error.message).toContain('统计功效');
  expect(t.cloud.db.find('experiments', {}).docs).toHaveLength(0);
  // An analyst may not write.
  expect((await call('save', draft, 'ex-an')).body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

test('members with pre-period spend before the experiment (no exposure, base rules)', async () => {
  for (let i = 0; i < N; i++) {
    const openid = `exm-${String(i).padStart(2, '0')}`;
    const r = await t.call('member', { action: 'login' }, openid);
    members.push({ openid, memberNo: r.body.data.member.memberNo });
    // Pre-period spend that predicts later spend (CUPED's covariate): members with a higher index spend more.
    const expected = points(openid, 5000 + 1000 * (i % 8));
    const paid = await pay(members[i].memberNo, 5000 + 1000 * (i % 8));
    expect(paid.body.data.pointsEarned).toBe(expected);
    expect(memberDoc(openid).experiments).toBeUndefined();
  }
}, 120_000);

let baselineOps = 0;

test('save, plan, start: the live experiment rides in the rules document', async () => {
  // The request budget of a second order before any experiment is live (the exposure order is compared with it).
  await setClock('2027-01-03T10:00:00+08:00');
  const before = await pay(members[0].memberNo, 1000);
  baselineOps = before.dbOps;

  const saved = await call('save', draft);
  expect(saved.body.ok).toBe(true);
  const needed = planProportion({ ...PLAN, comparisons: 1, ratio: 1 });
  expect(saved.body.data).toMatchObject({ id: X, status: 'draft', version: 1, minimum: { perTreatment: needed.perTreatment, control: needed.control, alphaPerComparison: 0.05 }, readyAt: '2027-02-09T16:00:00.000Z' });
  // A double click saves once.
  expect((await call('save', draft)).body.data.version).toBe(1);
  const edited = await call('save', { ...draft, requestId: 'exp-save-0002', expectedVersion: 1, name: '三倍积分促复购（改）' });
  expect(edited.body.data).toMatchObject({ version: 2, name: '三倍积分促复购（改）' });
  expect((await call('save', { ...draft, requestId: 'exp-save-0003', expectedVersion: 1 })).body).toMatchObject({ ok: false, error: { code: 'STALE_VERSION' } });
  version = 2;

  const plan = await call('plan', { ...PLAN, perDay: 10 }, 'ex-an');
  expect(plan.body.data.proportion).toMatchObject({ perTreatment: needed.perTreatment, control: needed.control, total: needed.perTreatment + needed.control });
  expect(plan.body.data.proportion.days).toBe(Math.ceil(needed.perTreatment / 5));

  const started = await call('start', { experimentId: X, expectedVersion: version });
  expect(started.body.data).toMatchObject({ status: 'live', version: 3 });
  version = 3;
  expect((await call('start', { experimentId: X, expectedVersion: 3 })).body).toMatchObject({ ok: false, error: { code: 'NOT_ELIGIBLE' } });
  // A live experiment is fixed: no more edits.
  expect((await call('save', { ...draft, requestId: 'exp-save-0004', expectedVersion: 3 })).body).toMatchObject({ ok: false, error: { code: 'NOT_ELIGIBLE' } });
  const cfg = t.cloud.db.find('config', { _id: 'loyalty' }).docs[0] as { version: number; experiments: Array<{ id: string; salt: string }> };
  expect(cfg.experiments.map((x) => x.id)).toEqual([X]);
  salt = cfg.experiments[0].salt;
  // Before the planned start nobody is exposed.
  const earlyPoints = points(members[1].openid, 1000);
  const early = await pay(members[1].memberNo, 1000);
  expect(early.body.data.pointsEarned).toBe(earlyPoints);
  expect(memberDoc(members[1].openid).experiments).toBeUndefined();
});

test('order.paid: the arm decides the points, the arm is recorded once, no extra database request', async () => {
  await setClock('2027-01-06T10:00:00+08:00');
  const armConfig = mergeConfig(DEFAULT_CONFIG, ARMS[0].overlay);
  for (const [i, m] of members.entries()) {
    const arm = assignArm(salt, m.openid, ARMS);
    const amount = 8000 + 1000 * (i % 8);
    const expected = points(m.openid, amount, arm === 'a' ? armConfig : DEFAULT_CONFIG);
    const r = await pay(m.memberNo, amount);
    expect(r.body.ok).toBe(true);
    expect(r.body.data.pointsEarned).toBe(expected);
    expect(memberDoc(m.openid).experiments).toEqual({ [X]: arm });
    expect(new Date(memberDoc(m.openid).experimentsAt![X]).toISOString()).toBe(at(clock).toISOString());
    if (i < 2) expect(r.dbOps).toBe(baselineOps); // the exposure is in the member update the order already makes
  }
  const counts = ARMS.map((a) => members.filter((m) => memberDoc(m.openid).experiments![X] === a.id).length);
  expect(counts[0]).toBeGreaterThan(0);
  expect(counts[1]).toBeGreaterThan(0);
}, 120_000);

test('the arm is stable: later orders and concurrent deliveries keep it and the first exposure time', async () => {
  await setClock('2027-01-08T10:00:00+08:00');
  const m = members[2];
  const first = memberDoc(m.openid);
  const o = order(m.memberNo, 2000);
  const expected = points(m.openid, 2000, first.experiments![X] === 'a' ? mergeConfig(DEFAULT_CONFIG, ARMS[0].overlay) : DEFAULT_CONFIG);
  const results = await Promise.all(Array.from({ length: 8 }, () => t.call('order', paidEvent(o, { at: at(clock) }))));
  expect(new Set(results.map((r) => r.body.data.pointsEarned)).size).toBe(1);
  expect(results[0].body.data.pointsEarned).toBe(expected);
  const after = memberDoc(m.openid);
  expect(after.experiments).toEqual(first.experiments);
  expect(after.experimentsAt).toEqual(first.experimentsAt);
});

test('check-in uses the arm: 20 points in the arm, the base 5 in the holdout; a first check-in exposes', async () => {
  await setClock('2027-01-09T09:00:00+08:00');
  const inArm = members.find((m) => memberDoc(m.openid).experiments![X] === 'a')!;
  const held = members.find((m) => memberDoc(m.openid).experiments![X] === 'holdout')!;
  expect((await t.call('checkin', { action: 'checkin' }, inArm.openid)).body.data.pointsEarned).toBe(20);
  expect((await t.call('checkin', { action: 'checkin' }, held.openid)).body.data.pointsEarned).toBe(5);
  await t.call('member', { action: 'login' }, 'exm-checkin');
  const r = await t.call('checkin', { action: 'checkin' }, 'exm-checkin');
  const arm = assignArm(salt, 'exm-checkin', ARMS);
  expect(r.body.data.pointsEarned).toBe(arm === 'a' ? 20 : 5);
  expect(memberDoc('exm-checkin').experiments).toEqual({ [X]: arm });
  members.push({ openid: 'exm-checkin', memberNo: memberDoc('exm-checkin').memberNo });
});

test('no verdict before the planned end + window (fixed horizon)', async () => {
  const r = await call('analyse', { experimentId: X }, 'ex-an');
  expect(r.body.data.finished).toBe(false);
  expect(r.body.data.comparisons[0]).toMatchObject({ verdict: 'not_finished', label: '实验尚未结束' });
  expect(r.body.data.comparisons[0].reasons[0]).toBe('观察期未满：2027-02-10 00:00 起可读取结果');
});

test('repurchases in the window; after enrolment new members are not enrolled but the exposed keep their arm', async () => {
  await setClock('2027-01-20T10:00:00+08:00');
  for (const [i, m] of members.entries()) {
    if (m.openid === 'exm-checkin') continue;
    const arm = memberDoc(m.openid).experiments![X];
    // The arm repurchases more: every member of the arm but one in four, one holdout member in three.
    if (arm === 'a' ? i % 4 !== 0 : i % 3 === 0) {
      const amount = 6000 + 1000 * (i % 8) + (arm === 'a' ? 2000 : 0);
      const expected = points(m.openid, amount, arm === 'a' ? mergeConfig(DEFAULT_CONFIG, ARMS[0].overlay) : DEFAULT_CONFIG);
      const r = await pay(m.memberNo, amount);
      expect(r.body.data.pointsEarned).toBe(expected);
    }
  }
  // One refund in full: the order no longer counts as a repurchase, nor its GMV.
  const refunded = members[5];
  const o = order(refunded.memberNo, 4000);
  await t.call('order', paidEvent(o, { at: at(clock) }));
  await t.call('order', refundEvent({ refundId: `R-${o.orderId}`, orderId: o.orderId, amountFen: 4000, refundedAt: at(clock).toISOString() }, { at: at(clock) }));
  // A member who first shows up after the planned end is not enrolled.
  await t.call('member', { action: 'login' }, 'exm-late');
  const latePoints = points('exm-late', 1000);
  const late = await pay(memberDoc('exm-late').memberNo, 1000);
  expect(late.body.data.pointsEarned).toBe(latePoints);
  expect(memberDoc('exm-late').experiments).toBeUndefined();
}, 120_000);

test('after the window: the analysis matches a direct computation from the documents', async () => {
  await setClock('2027-02-10T10:00:00+08:00');
  const r = await call('analyse', { experimentId: X }, 'ex-an');
  expect(r.body.ok).toBe(true);
  const res = r.body.data;
  expect(res.finished).toBe(true);

  // Direct computation, member by member, from orders and the ledger.
  const windowMs = 30 * 86_400_000;
  const rows = members.map((m) => {
    const doc = memberDoc(m.openid);
    const exposed = new Date(doc.experimentsAt![X]).getTime();
    const orders = t.cloud.db.find('orders', { openid: m.openid }, { limit: 100 }).docs as Array<{ paidAt: string; paidFen: number; status: string; rewards: { refundedFen: number } }>;
    const net = (o: (typeof orders)[number]) => o.paidFen - o.rewards.refundedFen;
    const post = orders.filter((o) => new Date(o.paidAt).getTime() > exposed && new Date(o.paidAt).getTime() <= exposed + windowMs);
    const pre = orders.filter((o) => new Date(o.paidAt).getTime() <= exposed && new Date(o.paidAt).getTime() > exposed - windowMs);
    const points = ledger(m.openid).filter((e) => (e.type === 'earn' || e.type === 'reverse') && new Date(e.createdAt).getTime() >= exposed && new Date(e.createdAt).getTime() <= exposed + windowMs);
    return {
      arm: doc.experiments![X], repurchased: post.some((o) => o.status !== 'refunded'),
      y: post.reduce((s, o) => s + net(o), 0), pre: pre.reduce((s, o) => s + net(o), 0), points: points.reduce((s, e) => s + e.amount, 0),
    };
  });
  const arm = (id: string) => rows.filter((x) => x.arm === id);
  const [ta, tc] = [arm('a'), arm('holdout')];
  expect(res.arms.map((a: { members: number }) => a.members)).toEqual([ta.length, tc.length]);
  const srm = sampleRatioMismatch([ta.length, tc.length], [50, 50]);
  expect(res.srm.pValue).toBeCloseTo(srm.pValue, 10);
  expect(res.srm.ok).toBe(true);

  const c = res.comparisons[0];
  const primary = twoProportionTest({ n: tc.length, successes: tc.filter((x) => x.repurchased).length }, { n: ta.length, successes: ta.filter((x) => x.repurchased).length });
  expect(c.primary.treatment).toMatchObject({ n: ta.length, successes: primary.treatment.successes });
  expect(c.primary.control).toMatchObject({ n: tc.length, successes: primary.control.successes });
  expect(c.primary.pValue).toBeCloseTo(primary.pValue, 10);
  expect(c.primary.difference).toBeCloseTo(primary.difference, 12);
  const money = moneyTest(tc.map(({ y, pre }) => ({ y, pre })), ta.map(({ y, pre }) => ({ y, pre })));
  expect(c.arpu.difference).toBeCloseTo(money.difference, 6);
  expect(c.arpu.pValue).toBeCloseTo(money.pValue, 10);
  expect(c.arpu.unadjusted.treatment.mean).toBeCloseTo(money.unadjusted.treatment.mean, 6);
  const points = welchTest(tc.map((x) => x.points), ta.map((x) => x.points));
  expect(c.points.difference).toBeCloseTo(points.difference, 6);
  // The arm's members earned three times the points per yuan (and 20 per check-in): more points per member.
  expect(points.difference).toBeGreaterThan(0);
  const margin = incrementalMargin({ extraGmvFen: money.difference, extraPoints: points.difference, marginRate: 0.3, fenPerPoint: 1, treatedMembers: ta.length });
  expect(c.margin.perMemberFen).toBeCloseTo(margin.perMemberFen, 6);
  expect(c.margin.totalFen).toBeCloseTo(margin.totalFen, 4);
  // The refunded order is no repurchase: the direct computation found it so too (its status is refunded).
  expect(t.cloud.db.find('orders', { status: 'refunded' }).docs).toHaveLength(1);
  // Sample reached? Then a verdict with reasons; else still not finished by sample.
  const enough = ta.length >= res.experiment.minimum.perTreatment && tc.length >= res.experiment.minimum.control;
  expect(c.verdict === 'not_finished').toBe(!enough);
  expect(['keep', 'drop', 'no_difference', 'not_finished']).toContain(c.verdict);
  expect(c.reasons.length).toBeGreaterThan(0);
}, 60_000);

test('stop: the arms end for everyone; the recorded arms stay; a stopped experiment does not start again', async () => {
  const r = await call('stop', { experimentId: X, expectedVersion: version });
  expect(r.body.data).toMatchObject({ status: 'stopped', version: version + 1 });
  expect((t.cloud.db.find('config', { _id: 'loyalty' }).docs[0] as { experiments: unknown[] }).experiments).toEqual([]);
  await setClock('2027-02-11T10:00:00+08:00');
  const inArm = members.find((m) => memberDoc(m.openid).experiments![X] === 'a')!;
  const base = points(inArm.openid, 1000);
  expect((await pay(inArm.memberNo, 1000)).body.data.pointsEarned).toBe(base);
  expect(memberDoc(inArm.openid).experiments).toEqual({ [X]: 'a' });
  expect((await call('start', { experimentId: X, expectedVersion: version + 1 })).body).toMatchObject({ ok: false, error: { code: 'NOT_ELIGIBLE' } });
  const list = await call('list', {}, 'ex-an');
  expect(list.body.data.experiments.map((x: { id: string; status: string }) => [x.id, x.status])).toEqual([[X, 'stopped']]);
});

test('eligibility by a rule-tag segment: members without its tag are not enrolled; a segment without a tag is refused', async () => {
  await setClock('2027-03-01T10:00:00+08:00');
  const [withTag, without] = ['exm-tagged', 'exm-untagged'];
  for (const openid of [withTag, without]) await t.call('member', { action: 'login' }, openid);
  const tagged = await t.call('segments', { action: 'tagMember', memberNo: memberDoc(withTag).memberNo, tag: '高潜' }, 'ex-op');
  expect(tagged.body.ok).toBe(true);
  const segment = { name: '高潜会员', description: '', version: 1, rule: { match: 'all', items: [{ field: 'tierLevel', op: 'gte', value: 0 }] }, status: 'live', usedBy: [], createdAt: new Date(), updatedAt: new Date() };
  await t.cloud.db.insertMany('segments', [{ _id: 'seg-vip', ...segment, tag: '高潜' }, { _id: 'seg-plain', ...segment, name: '普通分群', tag: null }]);
  const base = { ...draft, experimentId: 'tagged', requestId: 'exp-save-tag1', plannedStart: '2027-03-01', plannedEnd: '2027-03-10', arms: [{ ...ARMS[0], share: 90 }, { ...ARMS[1], share: 10 }] };
  expect((await call('save', { ...base, segmentId: 'seg-plain' })).body).toMatchObject({ ok: false, error: { code: 'NOT_ELIGIBLE', message: '分群 普通分群 没有设置标签：实验只能用带标签的分群（规则标签）限定参与会员' } });
  expect((await call('save', { ...base, segmentId: 'no-such-seg' })).body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  const saved = await call('save', { ...base, segmentId: 'seg-vip' });
  expect(saved.body.data).toMatchObject({ segmentId: 'seg-vip', segmentName: '高潜会员' });
  expect((await call('start', { experimentId: 'tagged', expectedVersion: 1 })).body.ok).toBe(true);
  for (const openid of [withTag, without]) await pay(memberDoc(openid).memberNo, 1000);
  expect(memberDoc(withTag).experiments).toEqual({ tagged: assignArm((t.cloud.db.find('experiments', { _id: 'tagged' }).docs[0] as { salt: string }).salt, withTag, base.arms) });
  expect(memberDoc(without).experiments).toBeUndefined();
});
