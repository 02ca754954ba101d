// Segments and tags (issue 12 §2) through the local cloud: a generated population of a few thousand members, the
// segments timer's sweep checked segment by segment against a brute-force computation written here from the raw
// generated facts (no core/segments.ts); the preview's count; events recorded once (a second run, a replayed pass);
// versioning while a live automation uses a segment; rule tags added and removed as real orders and refunds change
// the facts; manual and bulk tagging with bad numbers.
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { paidEvent, refundEvent, TEST_CHANNEL } from '../helpers/orders';

let t: TestCloud;

const DAY_MS = 86_400_000;
const NOW = Date.parse('2026-06-15T12:00:00+08:00');
const ago = (days: number) => new Date(NOW - days * DAY_MS);
const midnightIn = (days: number) => new Date(Date.parse('2026-06-15T00:00:00+08:00') + days * DAY_MS);

let seed = 11;
const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return Math.floor(seed / 65536) % n; };
const pick = <T>(xs: readonly T[]) => xs[rnd(xs.length)];

interface Order { ago: number; fen: number; format: string; store: string; refunded: boolean }
interface Person {
  openid: string; memberNo: string; tier: number; stage: string | null; risk: number | null; points: number;
  lots: Array<{ inDays: number; remaining: number }>; orders: Order[]; birthMonth: number | null; referred: boolean; imported: boolean;
  tags: string[]; arm: string | null; joinedAgo: number; withSummary: boolean;
}

const N = 2400;
function population(): Person[] {
  return Array.from({ length: N }, (_, i) => {
    const orders: Order[] = Array.from({ length: rnd(6) }, () => ({
      ago: pick([0, 5, 29, 30, 31, 59, 60, 89, 90, 200, 300]), fen: 500 + rnd(30_000), format: pick(['mall', 'hotel', 'cafe']), store: pick(['s1', 's2', 's3']), refunded: rnd(6) === 0,
    }));
    return {
      openid: `sg-${String(i).padStart(4, '0')}`, memberNo: `7${String(i).padStart(10, '0')}`, tier: rnd(4), stage: pick([null, 'new', 'active', 'occasional', 'dormant', 'churned']),
      risk: rnd(5) === 0 ? null : rnd(101), points: rnd(3000), lots: Array.from({ length: rnd(3) }, () => ({ inDays: pick([1, 3, 8, 9, 40, -1]), remaining: rnd(500) })),
      orders, birthMonth: rnd(4) === 0 ? null : 1 + rnd(12), referred: rnd(3) === 0, imported: rnd(10) === 0,
      tags: ['vip', 'coffee', 'tea'].filter(() => rnd(3) === 0), arm: pick([null, 'A', 'B']), joinedAgo: pick([1, 20, 29, 30, 100, 400]), withSummary: rnd(2) === 0,
    };
  });
}

const PEOPLE = population();

/** The activity summary as the order writes keep it (a day bucket per Shanghai day; visits with their last day). */
function summaryOf(p: Person) {
  const day = (a: number) => new Date(NOW - a * DAY_MS + 8 * 3_600_000).toISOString().slice(0, 10);
  const days = new Map<string, { d: string; n: number; f: number }>();
  const visits = { formats: new Map<string, string>(), stores: new Map<string, string>() };
  for (const o of p.orders) {
    const d = day(o.ago);
    if (!o.refunded) { const b = days.get(d) ?? { d, n: 0, f: 0 }; b.n++; b.f += o.fen; days.set(d, b); }
    for (const [map, k] of [[visits.formats, o.format], [visits.stores, o.store]] as const) if (!map.get(k) || map.get(k)! < d) map.set(k, d);
  }
  const list = (m: Map<string, string>) => [...m].map(([k, d]) => ({ k, d })).sort((a, b) => (a.d < b.d ? 1 : -1));
  return { days: [...days.values()].sort((a, b) => (a.d < b.d ? 1 : -1)), formats: list(visits.formats), stores: list(visits.stores) };
}

async function seedPopulation() {
  await t.cloud.db.insertMany('members', PEOPLE.map((p) => {
    const bought = p.orders.filter((o) => !o.refunded);
    return {
      _id: p.openid, openid: p.openid, memberNo: p.memberNo, nickname: `会员${p.memberNo.slice(-4)}`, tierLevel: p.tier, createdAt: ago(p.joinedAgo), updatedAt: ago(400),
      points: { balance: p.points, debt: 0, pending: 0, lots: p.lots.map((l, k) => ({ lotId: `l${k}`, amount: l.remaining, remaining: l.remaining, earnedAt: ago(10), availableAt: ago(10), expiresAt: midnightIn(l.inDays), format: '', ref: 'seed' })) },
      ...(p.stage ? { lifecycle: { stage: p.stage, since: ago(1), previous: null, purchases: bought.map((o, k) => ({ orderId: `${p.openid}-o${k}`, at: ago(o.ago) })) } } : {}),
      ...(p.risk === null ? {} : { riskScore: p.risk }),
      ...(p.birthMonth ? { birthday: { month: p.birthMonth, day: 1, setAt: ago(50) } } : {}),
      ...(p.referred ? { referredBy: 'sg-0000' } : {}), ...(p.imported ? { imported: { points: 1 } } : {}),
      ...(p.tags.length ? { tags: p.tags } : {}), ...(p.arm ? { experiments: { exp1: p.arm } } : {}),
      // Half keep the summary; the other half bought before it existed (the sweep rebuilds it from their orders).
      ...(p.withSummary || !p.stage ? { activity: summaryOf(p) } : {}),
    };
  }));
  await t.cloud.db.insertMany('orders', PEOPLE.flatMap((p) => p.orders.map((o, k) => ({
    _id: `${p.openid}-o${k}`, openid: p.openid, memberNo: p.memberNo, paidFen: o.fen, paidAt: ago(o.ago), items: [], categories: [], storeId: o.store, format: o.format,
    channel: 'test', status: o.refunded ? 'refunded' : 'paid', rewards: o.refunded ? { refundedFen: o.fen } : {}, createdAt: ago(o.ago),
  }))));
}

// The segments, and the same rules written out by hand over the generated facts.
const kept = (p: Person) => p.orders.filter((o) => !o.refunded);
const lastBought = (p: Person) => (kept(p).length ? Math.min(...kept(p).map((o) => o.ago)) : null);
const RULES: Array<{ title: string; tag?: string; rule: object; brute: (p: Person) => boolean }> = [
  {
    title: '高等级近30天有消费',
    rule: { match: 'all', items: [{ field: 'tierLevel', op: 'gte', value: 2 }, { field: 'orders', op: 'gte', value: 1, days: 30 }] },
    brute: (p) => p.tier >= 2 && kept(p).filter((o) => o.ago < 30).length >= 1,
  },
  {
    title: '沉睡流失或高风险',
    rule: { match: 'any', items: [{ field: 'stage', op: 'in', value: ['dormant', 'churned'] }, { field: 'riskScore', op: 'gt', value: 70 }] },
    brute: (p) => p.stage === 'dormant' || p.stage === 'churned' || (p.risk !== null && p.risk > 70),
  },
  {
    title: '中等消费的咖啡或二三店客人',
    rule: { match: 'all', items: [{ field: 'spendFen', op: 'between', value: [5000, 40000], days: 90 }, { match: 'any', items: [{ field: 'formats', op: 'has', value: 'cafe', days: 90 }, { field: 'stores', op: 'any', value: ['s2', 's3'] }] }] },
    brute: (p) => {
      const spend = kept(p).filter((o) => o.ago < 90).reduce((s, o) => s + o.fen, 0);
      return spend >= 5000 && spend <= 40000 && (p.orders.some((o) => o.format === 'cafe' && o.ago < 90) || p.orders.some((o) => o.store === 's2' || o.store === 's3'));
    },
  },
  {
    title: '积分将过期的非VIP', tag: '高潜',
    rule: { match: 'all', items: [{ field: 'points', op: 'gte', value: 1000 }, { field: 'expiring', op: 'gt', value: 0, days: 7 }, { field: 'tags', op: 'lacks', value: 'vip' }] },
    // A lot expiring at 00:00 in k days is last usable k − 1 days ahead: within 7 days for k = 1..8.
    brute: (p) => p.points >= 1000 && p.lots.some((l) => l.inDays >= 1 && l.inDays <= 8 && l.remaining > 0) && !p.tags.includes('vip'),
  },
  {
    title: '混合条件',
    rule: {
      match: 'any', items: [
        { match: 'all', items: [{ field: 'birthday', op: 'current' }, { field: 'channel', op: 'eq', value: 'referral' }] },
        { match: 'all', items: [{ field: 'experiment', op: 'eq', value: 'B', key: 'exp1' }, { field: 'joined', op: 'within', value: 30 }] },
        { match: 'all', items: [{ field: 'lastPurchase', op: 'before', value: 60 }, { field: 'tags', op: 'any', value: ['coffee', 'tea'] }, { field: 'channel', op: 'neq', value: 'import' }] },
        { match: 'all', items: [{ field: 'lastPurchase', op: 'never' }, { field: 'birthday', op: 'nin', value: [1, 2, 3] }] },
      ],
    },
    brute: (p) => (p.birthMonth === 6 && p.referred && !p.imported)
      || (p.arm === 'B' && p.joinedAgo < 30)
      || (lastBought(p) !== null && lastBought(p)! >= 60 && p.tags.some((x) => x === 'coffee' || x === 'tea') && !p.imported)
      || (lastBought(p) === null && !(p.birthMonth !== null && p.birthMonth <= 3)),
  },
];

const runTimer = async () => {
  const r = await fetch(`${t.url}/_triggers/segments`, { method: 'POST' });
  expect(r.status).toBe(200);
  const body = (await r.json()) as { result: { data: { sweep: { status: string; events: number; members: number }; changes: { members: number; events: number } } } };
  return body.result.data;
};
const sweepToEnd = async () => {
  for (let i = 0; i < 20; i++) {
    const r = await runTimer();
    if (r.sweep.status !== 'running') return r;
  }
  throw new Error('the sweep did not finish');
};
const operator = (event: object) => t.call('segments', event, 'sg-operator');
const inKey = (key: string) => new Set((t.cloud.db.find('segment_members', { segs: key }, { limit: 100_000 }).docs as Array<{ _id: string }>).map((d) => d._id));
const events = (filter: object = {}) => t.cloud.db.find('segment_events', filter, { limit: 100_000 }).docs as Array<{ _id: string; key: string; openid: string; kind: string; n: number }>;
const expected = (i: number) => new Set(PEOPLE.filter(RULES[i].brute).map((p) => p.openid));
const ids: string[] = [];
let clockSet = 0;
/** The local cloud's clock (set to NOW, running). */
const cloudNow = () => new Date(NOW + Date.now() - clockSet);

beforeAll(async () => {
  t = await startTestCloud({ seed: 'empty' });
  await t.setClock(new Date(NOW).toISOString());
  clockSet = Date.now();
  await t.cloud.db.insertMany('channels', [TEST_CHANNEL]);
  await t.cloud.db.insertMany('staff', [
    { _id: 'sg-operator', openid: 'sg-operator', name: '运营甲', role: 'operator', storeId: null, active: true },
    { _id: 'sg-analyst', openid: 'sg-analyst', name: '分析乙', role: 'analyst', storeId: null, active: true },
    { _id: 'sg-clerk', openid: 'sg-clerk', name: '店员丙', role: 'clerk', storeId: 's1', active: true },
  ]);
  await seedPopulation();
}, 120_000);

afterAll(async () => {
  await t.stop();
});

test('every segment after the sweep is exactly the brute-force set; one enter event each; the rule tag on exactly its members', async () => {
  for (const [i, r] of RULES.entries()) {
    const saved = await operator({ action: 'save', requestId: `create-${i}-0001`, title: r.title, rule: r.rule, ...(r.tag ? { tag: r.tag } : {}) });
    expect(saved.body).toMatchObject({ ok: true, data: { version: 1, created: true, newVersion: false } });
    ids.push(saved.body.data.segmentId);
  }
  const first = await sweepToEnd();
  expect(first.sweep).toMatchObject({ status: 'done', members: N });
  for (let i = 0; i < RULES.length; i++) {
    const want = expected(i);
    expect(want.size).toBeGreaterThan(20); // each rule picks a real share of the population
    expect(want.size).toBeLessThan(N - 20);
    const key = `${ids[i]}@1`;
    expect([RULES[i].title, [...inKey(key)].sort()]).toEqual([RULES[i].title, [...want].sort()]);
    const ev = events({ key });
    expect(ev.map((e) => e.openid).sort()).toEqual([...want].sort());
    expect(ev.every((e) => e.kind === 'enter' && e.n === 1)).toBe(true);
  }
  const tagged = (t.cloud.db.find('members', { tags: '高潜' }, { limit: 100_000 }).docs as Array<{ _id: string }>).map((m) => m._id).sort();
  expect(tagged).toEqual([...expected(3)].sort());
  // The list counts them; an analyst reads it too.
  const list = await t.call('segments', { action: 'list' }, 'sg-analyst');
  for (let i = 0; i < RULES.length; i++) expect(list.body.data.segments.find((s: { segmentId: string }) => s.segmentId === ids[i]).members).toBe(expected(i).size);
  expect((await t.call('segments', { action: 'save', requestId: 'analyst-0001', title: 'x', rule: RULES[0].rule }, 'sg-analyst')).body.error.code).toBe('FORBIDDEN');
  // A retried create is the same segment.
  const retried = await operator({ action: 'save', requestId: 'create-0-0001', title: RULES[0].title, rule: RULES[0].rule });
  expect(retried.body.data).toEqual({ segmentId: ids[0], version: 1, created: false, newVersion: false });
  expect(t.cloud.db.find('segments').total).toBe(RULES.length);
}, 300_000);

test('a second run the same day sweeps nothing and records nothing', async () => {
  const before = events().length;
  const again = await runTimer();
  expect(again.sweep.status).toBe('skipped');
  expect(events().length).toBe(before);
});

test('the preview counts what the sweep found, with a sample of matching members', async () => {
  for (const i of [0, 2, 4]) {
    const r = await t.call('segments', { action: 'preview', rule: RULES[i].rule }, 'sg-analyst');
    expect(r.body.data).toMatchObject({ count: expected(i).size, scanned: N, total: N, complete: true });
    expect(r.body.data.sample).toHaveLength(10);
    const want = expected(i);
    for (const s of r.body.data.sample) expect(want.has(PEOPLE.find((p) => p.memberNo === s.memberNo)!.openid)).toBe(true);
  }
  const bad = await t.call('segments', { action: 'preview', rule: { match: 'all', items: [{ field: 'orders', op: 'gt', value: 1 }] } }, 'sg-analyst');
  expect(bad.body.error).toEqual({ code: 'INVALID_INPUT', message: '「订单数」需要填写天数' });
});

test('a pass replayed after it recorded the events but not the membership records nothing twice', async () => {
  const p = [...expected(0)][0];
  const before = events({ openid: p }).length;
  // As if the pass had stopped after the events: the membership still as before it (not in).
  await t.cloud.db.setFields('segment_members', { _id: p }, { segs: [], n: {} });
  await t.cloud.db.setFields('members', { _id: p }, { updatedAt: cloudNow() });
  await runTimer();
  expect(inKey(`${ids[0]}@1`).has(p)).toBe(true);
  expect(events({ openid: p }).length).toBe(before);
});

test('a segment a live automation uses gets a new version when edited; the old version keeps its audience and events', async () => {
  // What services/segments.ts pinSegment writes when an automation goes live.
  await t.cloud.db.setFields('segments', { _id: ids[0] }, { usedBy: [{ automationId: 'auto-1', version: 1 }] });
  const rule2 = { match: 'all', items: [{ field: 'tierLevel', op: 'gte', value: 3 }, { field: 'orders', op: 'gte', value: 1, days: 30 }] };
  const edited = await operator({ action: 'save', segmentId: ids[0], requestId: 'edit-0-0001', title: '高等级近30天有消费', rule: rule2 });
  expect(edited.body.data).toEqual({ segmentId: ids[0], version: 2, created: false, newVersion: true });
  // Not pinned: edited in place, the version stays.
  const inPlace = await operator({ action: 'save', segmentId: ids[1], requestId: 'edit-1-0001', title: '沉睡或流失', rule: { match: 'any', items: [{ field: 'stage', op: 'in', value: ['dormant', 'churned'] }] } });
  expect(inPlace.body.data).toEqual({ segmentId: ids[1], version: 1, created: false, newVersion: false });
  const beforeV1 = events({ key: `${ids[0]}@1` }).length;
  await sweepToEnd();
  expect([...inKey(`${ids[0]}@1`)].sort()).toEqual([...expected(0)].sort());
  expect(events({ key: `${ids[0]}@1` }).length).toBe(beforeV1);
  const v2 = new Set(PEOPLE.filter((p) => p.tier >= 3 && kept(p).some((o) => o.ago < 30)).map((p) => p.openid));
  expect([...inKey(`${ids[0]}@2`)].sort()).toEqual([...v2].sort());
  // The in-place edit: members with only a high risk left, with a leave event each.
  const dormantOrChurned = new Set(PEOPLE.filter((p) => p.stage === 'dormant' || p.stage === 'churned').map((p) => p.openid));
  expect([...inKey(`${ids[1]}@1`)].sort()).toEqual([...dormantOrChurned].sort());
  const left = events({ key: `${ids[1]}@1`, kind: 'leave' }).map((e) => e.openid).sort();
  expect(left).toEqual([...expected(1)].filter((o) => !dormantOrChurned.has(o)).sort());
  const detail = await t.call('segments', { action: 'get', segmentId: ids[0] }, 'sg-analyst');
  expect(detail.body.data.segment).toMatchObject({ version: 2, pinned: [1] });
  expect(detail.body.data.versions.map((v: { version: number; members: number }) => [v.version, v.members])).toEqual([[2, v2.size], [1, expected(0).size]]);
  // A pinned segment cannot be archived.
  expect((await operator({ action: 'archive', segmentId: ids[0] })).body.error.code).toBe('INVALID_INPUT');
}, 300_000);

test('orders and refunds move a member in and out of a rule tag within one timer run, once each', async () => {
  const saved = await operator({ action: 'save', requestId: 'create-regular', title: '常客', tag: '常客', rule: { match: 'all', items: [{ field: 'orders', op: 'gte', value: 2, days: 30 }, { field: 'stores', op: 'has', value: 'shop-9', days: 30 }] } });
  const segmentId = saved.body.data.segmentId;
  await sweepToEnd();
  const login = await t.call('member', { action: 'login' }, 'sg-real');
  const memberNo = login.body.data.member.memberNo;
  const pay = async (orderId: string) => {
    const o = { orderId, memberNo, amountFen: 8000, paidAt: new Date(cloudNow().getTime() - 60_000).toISOString(), storeId: 'shop-9', format: 'cafe', items: [{ sku: 's', name: '咖啡', category: '饮品', quantity: 1, amountFen: 8000 }] };
    const r = await t.call('order', paidEvent(o, { at: cloudNow() }));
    expect(r.body).toMatchObject({ ok: true });
  };
  const tags = () => (t.cloud.db.find('members', { _id: 'sg-real' }).docs[0] as { tags?: string[] }).tags ?? [];
  await pay('SG-1');
  await runTimer();
  expect(tags()).not.toContain('常客');
  await pay('SG-2');
  const r = await runTimer();
  expect(r.changes.members).toBeGreaterThanOrEqual(1);
  expect(tags()).toContain('常客');
  expect(events({ openid: 'sg-real', key: `${segmentId}@1` }).map((e) => e.kind)).toEqual(['enter']);
  // The summary the orders kept on the member.
  const activity = (t.cloud.db.find('members', { _id: 'sg-real' }).docs[0] as { activity: { days: Array<{ n: number; f: number }>; stores: Array<{ k: string }> } }).activity;
  expect(activity.days.reduce((s, d) => s + d.n, 0)).toBe(2);
  expect(activity.stores.map((s) => s.k)).toEqual(['shop-9']);
  // A full refund of one: leaves, the tag is taken off; the refund replayed changes nothing more.
  const refund = { refundId: 'SG-2-R', orderId: 'SG-2', amountFen: 8000, refundedAt: cloudNow().toISOString() };
  expect((await t.call('order', refundEvent(refund, { at: cloudNow() }))).body.ok).toBe(true);
  expect((await t.call('order', refundEvent(refund, { at: cloudNow() }))).body.ok).toBe(true);
  await runTimer();
  expect(tags()).not.toContain('常客');
  await runTimer();
  expect(events({ openid: 'sg-real', key: `${segmentId}@1` }).map((e) => `${e.kind}${e.n}`).sort()).toEqual(['enter1', 'leave1']);
  // Staff may not set a rule tag by hand.
  const manual = await t.call('segments', { action: 'tagMember', memberNo, tag: '常客' }, 'sg-clerk');
  expect(manual.body.error).toEqual({ code: 'INVALID_INPUT', message: '「常客」是规则标签，由规则自动维护' });
}, 300_000);

test('bulk tagging: each number its own result; bad, unknown and repeated numbers; a second run changes nothing; audited', async () => {
  const [a, b] = [PEOPLE[1], PEOPLE[2]];
  const list = [a.memberNo, ` ${b.memberNo} `, '123', 'abc-def', '79999999999', a.memberNo];
  const first = await operator({ action: 'tagMembers', tag: '活动A', memberNos: list });
  expect(first.body.data).toEqual({
    tag: '活动A',
    results: [
      { memberNo: a.memberNo, status: 'tagged' }, { memberNo: b.memberNo, status: 'tagged' }, { memberNo: '123', status: 'invalid' },
      { memberNo: 'abc-def', status: 'invalid' }, { memberNo: '79999999999', status: 'notFound' }, { memberNo: a.memberNo, status: 'unchanged' },
    ],
    tagged: 2, untagged: 0, unchanged: 1, notFound: 1, invalid: 2,
  });
  const again = await operator({ action: 'tagMembers', tag: '活动A', memberNos: [a.memberNo, b.memberNo] });
  expect(again.body.data).toMatchObject({ tagged: 0, unchanged: 2 });
  expect((t.cloud.db.find('members', { tags: '活动A' }).docs as Array<{ _id: string }>).map((m) => m._id).sort()).toEqual([a.openid, b.openid]);
  const tags = await t.call('segments', { action: 'tags' }, 'sg-analyst');
  expect(tags.body.data.tags).toEqual(expect.arrayContaining([{ tag: '活动A', kind: 'manual', members: 2, segmentId: null }, { tag: '高潜', kind: 'rule', members: expected(3).size, segmentId: ids[3] }]));
  const removed = await operator({ action: 'tagMembers', tag: '活动A', memberNos: [a.memberNo], remove: true });
  expect(removed.body.data).toMatchObject({ untagged: 1, results: [{ memberNo: a.memberNo, status: 'untagged' }] });
  // A clerk tags one member at the till; the member page lists manual and rule tags apart.
  const one = await t.call('segments', { action: 'tagMember', memberNo: b.memberNo, tag: '爱喝茶' }, 'sg-clerk');
  expect(one.body.data.changed).toBe(true);
  expect(one.body.data.tags).toEqual(expect.arrayContaining([{ tag: '活动A', kind: 'manual' }, { tag: '爱喝茶', kind: 'manual' }]));
  expect((await t.call('segments', { action: 'tagMember', memberNo: b.memberNo, tag: '爱喝茶' }, 'sg-clerk')).body.data.changed).toBe(false);
  const audit = t.cloud.db.find('staff_audit', { fn: 'segments' }, { limit: 1000 }).docs as Array<{ action: string; staff: string }>;
  expect(audit.filter((x) => x.action === 'tagMembers')).toHaveLength(3);
  expect(audit.filter((x) => x.action === 'tagMember' && x.staff === 'sg-clerk').length).toBeGreaterThanOrEqual(2);
  // Bad input: nothing written.
  const bad = await operator({ action: 'tagMembers', tag: '带 空格', memberNos: [a.memberNo] });
  expect(bad.body.error.code).toBe('INVALID_INPUT');
  expect(bad.body.error.message).toMatch(/^标签/);
  expect((await operator({ action: 'tagMembers', tag: '空', memberNos: [] })).body.error.message).toMatch(/^会员号列表/);
});
