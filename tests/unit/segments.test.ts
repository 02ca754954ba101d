// Segments (core/segments.ts): every field and op against hand-made facts, Shanghai-day windows at their boundaries,
// missing facts, AND/OR nesting, the activity summary kept by orders and refunds, memberFacts from a member document,
// and the contract's rule schema with its Chinese refusals.
import {
  activityAfterOrder, activityAfterRefund, activityFromOrders, ACTIVITY_DAYS, describeRule, emptyActivity, matchesCondition, matchesSegment,
  MAX_VISITS, memberFacts, priorOrdersFromActivity, registrationChannel, ruleFields, ruleProblem, type FactsSource, type MemberFacts, type SegmentCondition, type SegmentRule,
} from '../../cloudfunctions/core/segments';
import { segmentRule } from '../../contract/segmentRule';
import { describeIssues } from '../../contract/issues';

// Shanghai day d (0 = 2026-03-01) at h o'clock Shanghai time.
const at = (d: number, h = 12) => new Date(Date.parse('2026-03-01T00:00:00+08:00') + d * 86_400_000 + h * 3_600_000);
const NOW = at(30, 10); // 2026-03-31 10:00 Shanghai

function facts(over: Partial<FactsSource> = {}, now = NOW): MemberFacts {
  return memberFacts({ openid: 'o1', memberNo: '80000000001', createdAt: at(0), tierLevel: 1, points: { balance: 0, lots: [] }, ...over }, now);
}
const c = (x: Partial<SegmentCondition> & Pick<SegmentCondition, 'field' | 'op'>): SegmentCondition => x as SegmentCondition;
const all = (...items: SegmentRule['items']): SegmentRule => ({ match: 'all', items });
const any = (...items: SegmentRule['items']): SegmentRule => ({ match: 'any', items });

test('number ops on tier, points and risk, between inclusive, in and nin', () => {
  const f = facts({ tierLevel: 2, points: { balance: 500 }, riskScore: 40 });
  const yes = (x: SegmentCondition) => expect(matchesCondition(x, f)).toBe(true);
  const no = (x: SegmentCondition) => expect(matchesCondition(x, f)).toBe(false);
  yes(c({ field: 'tierLevel', op: 'eq', value: 2 })); no(c({ field: 'tierLevel', op: 'eq', value: 1 }));
  yes(c({ field: 'tierLevel', op: 'neq', value: 1 })); yes(c({ field: 'tierLevel', op: 'in', value: [1, 2] })); no(c({ field: 'tierLevel', op: 'nin', value: [2, 3] }));
  yes(c({ field: 'points', op: 'gte', value: 500 })); no(c({ field: 'points', op: 'gt', value: 500 }));
  yes(c({ field: 'points', op: 'lte', value: 500 })); no(c({ field: 'points', op: 'lt', value: 500 }));
  yes(c({ field: 'points', op: 'between', value: [500, 600] })); yes(c({ field: 'points', op: 'between', value: [400, 500] })); no(c({ field: 'points', op: 'between', value: [501, 600] }));
  yes(c({ field: 'riskScore', op: 'between', value: [40, 40] }));
});

test('a missing fact matches only the negative ops', () => {
  const f = facts(); // no lifecycle, no risk, no birthday, no experiment
  expect(f.stage).toBeNull();
  expect(matchesCondition(c({ field: 'stage', op: 'eq', value: 'new' }), f)).toBe(false);
  expect(matchesCondition(c({ field: 'stage', op: 'neq', value: 'new' }), f)).toBe(true);
  expect(matchesCondition(c({ field: 'stage', op: 'in', value: ['new'] }), f)).toBe(false);
  expect(matchesCondition(c({ field: 'stage', op: 'nin', value: ['new'] }), f)).toBe(true);
  expect(matchesCondition(c({ field: 'riskScore', op: 'lt', value: 100 }), f)).toBe(false);
  expect(matchesCondition(c({ field: 'riskScore', op: 'neq', value: 5 }), f)).toBe(true);
  expect(matchesCondition(c({ field: 'birthday', op: 'current' }), f)).toBe(false);
  expect(matchesCondition(c({ field: 'birthday', op: 'neq', value: 3 }), f)).toBe(true);
  expect(matchesCondition(c({ field: 'experiment', op: 'eq', value: 'A', key: 'exp1' }), f)).toBe(false);
  expect(matchesCondition(c({ field: 'experiment', op: 'neq', value: 'A', key: 'exp1' }), f)).toBe(true);
  expect(matchesCondition(c({ field: 'lastPurchase', op: 'never' }), f)).toBe(true);
  expect(matchesCondition(c({ field: 'lastPurchase', op: 'before', value: 1 }), f)).toBe(false);
  expect(matchesCondition(c({ field: 'lastPurchase', op: 'within', value: 366 }), f)).toBe(false);
});

test('stage, channel, experiment arm and birthday month', () => {
  const f = facts({ lifecycle: { stage: 'dormant' }, referredBy: 'oX', birthday: { month: 3 }, experiments: { exp1: 'B' } });
  expect(matchesCondition(c({ field: 'stage', op: 'in', value: ['dormant', 'churned'] }), f)).toBe(true);
  expect(matchesCondition(c({ field: 'channel', op: 'eq', value: 'referral' }), f)).toBe(true);
  expect(matchesCondition(c({ field: 'experiment', op: 'eq', value: 'B', key: 'exp1' }), f)).toBe(true);
  expect(matchesCondition(c({ field: 'experiment', op: 'eq', value: 'B', key: 'exp2' }), f)).toBe(false);
  expect(matchesCondition(c({ field: 'birthday', op: 'current' }), f)).toBe(true);
  expect(matchesCondition(c({ field: 'birthday', op: 'current' }), facts({ birthday: { month: 3 } }, at(31, 10)))).toBe(false); // April 1st
  // March 31st 23:30 Shanghai is 15:30 UTC: still March.
  expect(matchesCondition(c({ field: 'birthday', op: 'current' }), facts({ birthday: { month: 3 } }, new Date('2026-03-31T23:30:00+08:00')))).toBe(true);
  expect(matchesCondition(c({ field: 'birthday', op: 'current' }), facts({ birthday: { month: 4 } }, new Date('2026-04-01T00:10:00+08:00')))).toBe(true);
  expect(matchesCondition(c({ field: 'birthday', op: 'in', value: [1, 3] }), f)).toBe(true);
});

test('registration channel: stored, imported, referred, else direct', () => {
  expect(registrationChannel({})).toBe('direct');
  expect(registrationChannel({ referredBy: 'o2' })).toBe('referral');
  expect(registrationChannel({ imported: { points: 1 }, referredBy: 'o2' })).toBe('import');
  expect(registrationChannel({ registrationChannel: 'referral' })).toBe('referral');
  expect(registrationChannel({ registrationChannel: 'alien' })).toBe('direct');
});

test('tags: has, lacks, any, none, all', () => {
  const f = facts({ tags: ['vip', 'coffee'] });
  const m = (op: SegmentCondition['op'], value: string[] | string) => matchesCondition(c({ field: 'tags', op, value }), f);
  expect(m('has', 'vip')).toBe(true); expect(m('has', 'tea')).toBe(false);
  expect(m('lacks', 'tea')).toBe(true); expect(m('lacks', 'vip')).toBe(false);
  expect(m('any', ['tea', 'coffee'])).toBe(true); expect(m('any', ['tea'])).toBe(false);
  expect(m('none', ['tea', 'milk'])).toBe(true); expect(m('none', ['tea', 'vip'])).toBe(false);
  expect(m('all', ['vip', 'coffee'])).toBe(true); expect(m('all', ['vip', 'tea'])).toBe(false);
  expect(matchesCondition(c({ field: 'tags', op: 'lacks', value: 'vip' }), facts())).toBe(true);
});

test('orders and spend in the last N Shanghai days, today included, refunds taken off', () => {
  let a = emptyActivity();
  a = activityAfterOrder(a, { paidAt: at(30, 9), amountFen: 1000, format: 'cafe', storeId: 's1' }); // today
  a = activityAfterOrder(a, { paidAt: at(30, 1), amountFen: 500, format: 'cafe', storeId: 's1' }); // today, same bucket
  a = activityAfterOrder(a, { paidAt: at(21, 23.5), amountFen: 2000, format: 'bakery', storeId: 's2' }); // 9 days ago
  a = activityAfterOrder(a, { paidAt: at(20, 0.1), amountFen: 4000, storeId: null }); // 10 days ago
  expect(a.days).toEqual([{ d: '2026-03-31', n: 2, f: 1500, c: {} }, { d: '2026-03-22', n: 1, f: 2000, c: {} }, { d: '2026-03-21', n: 1, f: 4000, c: {} }]);
  const f = facts({ activity: a });
  const orders = (days: number) => [0, 1, 2, 3, 4, 5].filter((n) => matchesCondition(c({ field: 'orders', op: 'eq', value: n, days }), f))[0];
  expect(orders(1)).toBe(2); expect(orders(9)).toBe(2); expect(orders(10)).toBe(3); expect(orders(11)).toBe(4);
  expect(matchesCondition(c({ field: 'spendFen', op: 'eq', value: 3500, days: 10 }), f)).toBe(true);
  expect(matchesCondition(c({ field: 'spendFen', op: 'gte', value: 7500, days: 11 }), f)).toBe(true);
  // A partial refund takes spend off; a full one the order too; a bucket empty of both is dropped.
  const partly = activityAfterRefund(a, { paidAt: at(21, 23.5), refundFen: 500, full: false });
  expect(partly.days[1]).toEqual({ d: '2026-03-22', n: 1, f: 1500, c: {} });
  const fully = activityAfterRefund(partly, { paidAt: at(21, 23.5), refundFen: 1500, full: true });
  expect(fully.days.map((d) => d.d)).toEqual(['2026-03-31', '2026-03-21']);
  // Visits are kept (a refund does not undo a visit).
  expect(fully.formats).toEqual([{ k: 'cafe', d: '2026-03-31' }, { k: 'bakery', d: '2026-03-22' }]);
  // A refund of an order not in the summary (before it existed) changes nothing.
  expect(activityAfterRefund(a, { paidAt: at(-100), refundFen: 1, full: true })).toEqual(a);
});

test("each day's categories are counted per order, a full refund takes its order's off, a day recorded without them stays unknown", () => {
  let a = emptyActivity();
  a = activityAfterOrder(a, { paidAt: at(30, 9), amountFen: 1000, categories: ['tea', 'cake', 'tea'] });
  a = activityAfterOrder(a, { paidAt: at(30, 11), amountFen: 500, categories: ['tea'] });
  expect(a.days).toEqual([{ d: '2026-03-31', n: 2, f: 1500, c: { tea: 2, cake: 1 } }]);
  // A partial refund keeps the order and its categories; a full one takes them away.
  expect(activityAfterRefund(a, { paidAt: at(30, 9), refundFen: 100, full: false, categories: ['tea', 'cake'] }).days[0].c).toEqual({ tea: 2, cake: 1 });
  expect(activityAfterRefund(a, { paidAt: at(30, 9), refundFen: 1000, full: true, categories: ['tea', 'cake'] }).days[0]).toEqual({ d: '2026-03-31', n: 1, f: 500, c: { tea: 1 } });
  // A day from before categories were kept: an order added to it keeps it unknown.
  const old = { days: [{ d: '2026-03-22', n: 1, f: 2000 }], formats: [], stores: [] };
  expect(activityAfterOrder(old, { paidAt: at(21), amountFen: 1, categories: ['tea'] }).days).toEqual([{ d: '2026-03-22', n: 2, f: 2001 }]);
  // Rebuilt from orders, a fully refunded order's categories are not counted.
  const rebuilt = activityFromOrders([
    { paidAt: at(10), amountFen: 100, categories: ['tea'] },
    { paidAt: at(10, 15), amountFen: 200, categories: ['cake'], status: 'refunded' },
  ]);
  expect(rebuilt.days).toEqual([{ d: '2026-03-11', n: 1, f: 100, c: { tea: 1 } }]);
});

test('prior orders of a growth window from the summary: one a day at its start with its categories, or null when it cannot say exactly', () => {
  let a = emptyActivity();
  a = activityAfterOrder(a, { paidAt: at(30, 9), amountFen: 1000, categories: ['tea'] });
  a = activityAfterOrder(a, { paidAt: at(10, 9), amountFen: 1000, categories: ['cake', 'tea'] });
  a = activityAfterOrder(a, { paidAt: at(2, 9), amountFen: 1000, categories: [] });
  a = activityAfterRefund(a, { paidAt: at(2, 9), refundFen: 1000, full: true, categories: [] });
  const since = at(5, 0);
  expect(priorOrdersFromActivity({ activity: a }, since)).toEqual([
    { paidAt: at(30, 0), categories: ['tea'] },
    { paidAt: at(10, 0), categories: ['cake', 'tea'] },
  ]);
  // The day a fully refunded order was paid is not a purchase day; days before the window are left out.
  expect(priorOrdersFromActivity({ activity: a }, at(0, 0))).toHaveLength(2);
  // No summary: a member who never bought (a lifecycle with no purchases) has none; otherwise the orders are read.
  expect(priorOrdersFromActivity({ lifecycle: { purchases: [] } }, since)).toEqual([]);
  expect(priorOrdersFromActivity({ lifecycle: { purchases: [{}] } }, since)).toBeNull();
  expect(priorOrdersFromActivity({}, since)).toBeNull();
  // A day in the window without categories, or a window longer than the summary keeps: the orders are read.
  expect(priorOrdersFromActivity({ activity: { days: [{ d: '2026-03-22', n: 1, f: 1 }], formats: [], stores: [] } }, since)).toBeNull();
  expect(priorOrdersFromActivity({ activity: { days: [{ d: '2026-03-22', n: 1, f: 1 }], formats: [], stores: [] } }, at(25, 0))).toEqual([]);
  expect(priorOrdersFromActivity({ activity: a }, at(30 - ACTIVITY_DAYS, 0))).toBeNull();
});

test('formats and stores visited, ever or in the last N days; bounded', () => {
  let a = emptyActivity();
  a = activityAfterOrder(a, { paidAt: at(1), amountFen: 100, format: 'bakery', storeId: 's2' });
  a = activityAfterOrder(a, { paidAt: at(28), amountFen: 100, format: 'cafe', storeId: 's1' });
  a = activityAfterOrder(a, { paidAt: at(5), amountFen: 100, format: 'cafe', storeId: 's1' }); // an older order arriving late keeps the later day
  expect(a.stores).toEqual([{ k: 's1', d: '2026-03-29' }, { k: 's2', d: '2026-03-02' }]);
  const f = facts({ activity: a });
  expect(matchesCondition(c({ field: 'formats', op: 'has', value: 'bakery' }), f)).toBe(true);
  expect(matchesCondition(c({ field: 'formats', op: 'has', value: 'bakery', days: 29 }), f)).toBe(false);
  expect(matchesCondition(c({ field: 'formats', op: 'has', value: 'bakery', days: 30 }), f)).toBe(true);
  expect(matchesCondition(c({ field: 'stores', op: 'any', value: ['s9', 's1'], days: 3 }), f)).toBe(true);
  expect(matchesCondition(c({ field: 'stores', op: 'any', value: ['s9', 's1'], days: 2 }), f)).toBe(false);
  let big = emptyActivity();
  for (let i = 0; i < MAX_VISITS + 10; i++) big = activityAfterOrder(big, { paidAt: at(i % 30, 12), amountFen: 1, storeId: `s${i}` });
  expect(big.stores).toHaveLength(MAX_VISITS);
  expect(big.stores.map((s) => s.d)).toEqual([...big.stores.map((s) => s.d)].sort().reverse());
});

test('the summary keeps ACTIVITY_DAYS days before the newest', () => {
  let a = emptyActivity();
  a = activityAfterOrder(a, { paidAt: at(0), amountFen: 1 });
  a = activityAfterOrder(a, { paidAt: at(ACTIVITY_DAYS - 1), amountFen: 1 });
  expect(a.days).toHaveLength(2);
  a = activityAfterOrder(a, { paidAt: at(ACTIVITY_DAYS), amountFen: 1 });
  expect(a.days.map((d) => d.d)).not.toContain('2026-03-01');
  expect(a.days).toHaveLength(2);
});

test('activityFromOrders rebuilds the summary the order writes keep', () => {
  const orders = [
    { paidAt: at(3), amountFen: 1000, format: 'cafe', storeId: 's1', status: 'paid' },
    { paidAt: at(3, 18), amountFen: 600, format: 'cafe', storeId: 's1', status: 'refunded' },
    { paidAt: at(7), amountFen: 800, format: 'bakery', storeId: 's2', status: 'partiallyRefunded', refundedFen: 300 },
  ];
  let kept = emptyActivity();
  for (const o of orders) kept = activityAfterOrder(kept, o);
  kept = activityAfterRefund(kept, { paidAt: at(3, 18), refundFen: 600, full: true });
  kept = activityAfterRefund(kept, { paidAt: at(7), refundFen: 300, full: false });
  expect(activityFromOrders(orders)).toEqual(kept);
  expect(kept.days).toEqual([{ d: '2026-03-08', n: 1, f: 500, c: {} }, { d: '2026-03-04', n: 1, f: 1000, c: {} }]);
});

test('last purchase and joined: within N days and before N days at the day boundary', () => {
  const f = facts({ createdAt: at(0, 23.9), activity: activityAfterOrder(null, { paidAt: at(20, 0.1), amountFen: 1 }) });
  expect(f.lastPurchaseDay).toBe('2026-03-21');
  const lp = (op: 'within' | 'before', value: number) => matchesCondition(c({ field: 'lastPurchase', op, value }), f);
  expect(lp('within', 11)).toBe(true); expect(lp('within', 10)).toBe(false);
  expect(lp('before', 10)).toBe(true); expect(lp('before', 11)).toBe(false);
  expect(matchesCondition(c({ field: 'lastPurchase', op: 'ever' }), f)).toBe(true);
  expect(matchesCondition(c({ field: 'joined', op: 'within', value: 31 }), f)).toBe(true);
  expect(matchesCondition(c({ field: 'joined', op: 'within', value: 30 }), f)).toBe(false);
  // Purchases known only to the lifecycle (a member from before the summary) count as the last purchase too.
  const old = facts({ lifecycle: { stage: 'active', purchases: [{ at: at(25) }, { at: at(2) }] } });
  expect(old.lastPurchaseDay).toBe('2026-03-26');
});

test('points expiring within the next N days: last usable day at most today + N', () => {
  const lots = [
    { remaining: 100, expiresAt: shanghaiMidnight(35) }, // last usable day 34 = today + 4
    { remaining: 50, expiresAt: shanghaiMidnight(36) }, // day 35 = today + 5
    { remaining: 0, expiresAt: shanghaiMidnight(35) },
    { remaining: 70, expiresAt: at(29) }, // already expired
  ];
  const f = facts({ points: { balance: 150, lots } });
  const exp = (days: number) => [0, 50, 100, 150].filter((n) => matchesCondition(c({ field: 'expiring', op: 'eq', value: n, days }), f))[0];
  expect(exp(3)).toBe(0); expect(exp(4)).toBe(100); expect(exp(5)).toBe(150);
});
function shanghaiMidnight(d: number) { return new Date(Date.parse('2026-03-01T00:00:00+08:00') + d * 86_400_000); }

test('AND/OR groups nest; all of nothing is true, any of nothing false', () => {
  const f = facts({ tierLevel: 3, tags: ['vip'], lifecycle: { stage: 'active' } });
  const t = c({ field: 'tierLevel', op: 'gte', value: 3 });
  const x = c({ field: 'tags', op: 'has', value: 'none' });
  expect(matchesSegment(all(t, x), f)).toBe(false);
  expect(matchesSegment(any(t, x), f)).toBe(true);
  expect(matchesSegment(all(t, any(x, c({ field: 'stage', op: 'eq', value: 'active' }))), f)).toBe(true);
  expect(matchesSegment(all(t, any(x, all(x, t))), f)).toBe(false);
  expect(matchesSegment(all(), f)).toBe(true);
  expect(matchesSegment(any(), f)).toBe(false);
  expect([...ruleFields(all(t, any(x, c({ field: 'stage', op: 'eq', value: 'active' }))))].sort()).toEqual(['stage', 'tags', 'tierLevel']);
  expect(describeRule(all(t, any(x, c({ field: 'orders', op: 'gt', value: 2, days: 30 }))))).toBe('会员等级 大于等于 3 且 (标签 包含 none 或 订单数(近30天) 大于 2)');
});

test('ruleProblem names what is wrong in Chinese', () => {
  expect(ruleProblem(all(c({ field: 'tierLevel', op: 'eq', value: 1 })))).toBeNull();
  expect(ruleProblem(all())).toBe('条件组不能为空');
  expect(ruleProblem(all(c({ field: 'orders', op: 'gt', value: 1 })))).toBe('「订单数」需要填写天数');
  expect(ruleProblem(all(c({ field: 'tierLevel', op: 'gt', value: 1, days: 3 })))).toBe('「会员等级」不需要天数');
  expect(ruleProblem(all(c({ field: 'stage', op: 'gt', value: 'new' })))).toBe('「生命周期阶段」不支持「大于」');
  expect(ruleProblem(all(c({ field: 'stage', op: 'eq', value: 'zombie' })))).toBe('生命周期阶段无效');
  expect(ruleProblem(all(c({ field: 'points', op: 'between', value: [5, 1] })))).toBe('介于的下限不能大于上限');
  expect(ruleProblem(all(c({ field: 'points', op: 'between', value: 5 })))).toBe('介于需要两个整数');
  expect(ruleProblem(all(c({ field: 'points', op: 'in', value: [] })))).toBe('请至少选择一个「积分余额」的值');
  expect(ruleProblem(all(c({ field: 'points', op: 'eq' })))).toBe('请填写「积分余额」的值');
  expect(ruleProblem(all(c({ field: 'points', op: 'eq', value: [1] })))).toBe('「等于」只需要一个值');
  expect(ruleProblem(all(c({ field: 'points', op: 'eq', value: -1 })))).toBe('「积分余额」的值应为非负整数');
  expect(ruleProblem(all(c({ field: 'birthday', op: 'eq', value: 13 })))).toBe('月份应为 1 到 12');
  expect(ruleProblem(all(c({ field: 'birthday', op: 'current', value: 3 })))).toBe('「本月」不需要填写值');
  expect(ruleProblem(all(c({ field: 'experiment', op: 'eq', value: 'A' })))).toBe('请选择实验');
  expect(ruleProblem(all(c({ field: 'tags', op: 'has', value: 'x', key: 'k' })))).toBe('「标签」不需要实验');
  expect(ruleProblem(all(all(all(all(c({ field: 'tierLevel', op: 'eq', value: 1 }))))))).toBe('条件组最多嵌套 3 层');
  expect(ruleProblem(all(...Array.from({ length: 31 }, () => c({ field: 'tierLevel', op: 'eq', value: 1 }))))).toBe('条件最多 30 个');
});

describe('the contract schema', () => {
  const parse = (v: unknown) => segmentRule().safeParse(v);
  const refusal = (v: unknown) => {
    const r = parse(v);
    if (r.success) throw new Error('expected a refusal');
    return describeIssues(r.error.issues, 'rule');
  };
  test('takes a nested rule three groups deep', () => {
    const rule = all(c({ field: 'tierLevel', op: 'gte', value: 2 }), any(c({ field: 'orders', op: 'gt', value: 2, days: 30 }), all(c({ field: 'tags', op: 'any', value: ['a', 'b'] }))));
    const r = parse(rule);
    expect(r.success).toBe(true);
    expect(r.data).toEqual(rule);
  });
  test('refuses with ruleProblem sentences and shape problems', () => {
    expect(refusal(all(c({ field: 'orders', op: 'gt', value: 1 })))).toBe('「订单数」需要填写天数');
    expect(refusal({ match: 'all', items: [{ match: 'any', items: [] }] })).toBe('条件组不能为空');
    expect(refusal({ match: 'all', items: [{ op: 'eq', value: 1 }] })).toBe('请选择条件字段');
    expect(refusal({ match: 'all', items: [{ field: 'tierLevel', op: 'eq', value: 1, match: 'any', items: [] }] })).toBe('条件组不能同时是条件');
    expect(refusal({ match: 'all', items: [all(all(all(c({ field: 'tierLevel', op: 'eq', value: 1 }))))] })).toMatch(/不支持的参数/);
    expect(refusal({ match: 'all', items: [{ field: 'nope', op: 'eq', value: 1 }] })).toMatch(/^条件字段/);
    expect(refusal({ match: 'all', items: [{ field: 'tierLevel', op: 'eq', value: 1, extra: 1 }] })).toMatch(/不支持的参数 rule.items\[0\].extra/);
  });
});
