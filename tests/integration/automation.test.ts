// Marketing automation (issue 12 §3) through the local cloud with the clock: the default playbook switched on, a new
// member, an active one, one going dormant at day 60 and churned at day 90, a birthday, expiring points; exactly
// what each rule granted, sent and logged, once each, also when the daily job and the automation timer run twice and
// when a send fails and is retried; the staff follow-up tasks; the global budget under concurrent timer runs; a dry run.
import { PLAYBOOK } from '../../cloudfunctions/core/automationPlaybook';
import { DEFAULT_CONFIG } from '../../cloudfunctions/core/config';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { paidEvent, TEST_CHANNEL } from '../helpers/orders';

let t: TestCloud;
let seq = 0;
const AUTOMATION_TEMPLATE = DEFAULT_CONFIG.notify.templates.find((x) => x.key === 'automation')!.ids[0].id;

beforeAll(async () => {
  process.env.LOYALTY_CONFIG_TTL_MS = '0';
  t = await startTestCloud({ seed: 'empty' });
  await t.cloud.db.insertMany('channels', [TEST_CHANNEL]);
  await t.cloud.db.insertMany('stores', [{ _id: 'st-1', name: '一号店', format: 'mall', active: true }, { _id: 'st-2', name: '二号店', format: 'mall', active: true }]);
  await t.cloud.db.insertMany('staff', [
    { _id: 'au-operator', openid: 'au-operator', name: '运营小王', role: 'operator', storeId: null, active: true },
    { _id: 'au-analyst', openid: 'au-analyst', name: '分析师', role: 'analyst', storeId: null, active: true },
    { _id: 'au-clerk', openid: 'au-clerk', name: '店员小李', role: 'clerk', storeId: 'st-1', active: true },
    { _id: 'au-clerk2', openid: 'au-clerk2', name: '店员小赵', role: 'clerk', storeId: 'st-2', active: true },
    { _id: 'au-admin', openid: 'au-admin', name: '管理员', role: 'admin', storeId: null, active: true },
  ]);
}, 120_000);

afterAll(async () => {
  await t.stop();
  delete process.env.LOYALTY_CONFIG_TTL_MS;
});

// Shanghai day d after 2027-03-01 (day 0), at h o'clock.
const day = (d: number, h = 10) => new Date(Date.parse('2027-03-01T00:00:00+08:00') + d * 86_400_000 + h * 3_600_000);
const at = (d: number, h = 10) => t.setClock(day(d, h).toISOString(), true);

async function trigger(fn: string) {
  const res = await fetch(`${t.url}/_triggers/${fn}`, { method: 'POST' });
  const body = (await res.json()) as { result: { ok: boolean; data: any; error?: unknown } };
  expect([fn, body.result.ok, body.result.error]).toEqual([fn, true, undefined]);
  return body.result.data;
}

async function register(openid: string) {
  const r = await t.call('member', { action: 'login' }, openid);
  expect(r.body.ok).toBe(true);
  // Ten consents to automation messages (each 允许 is one send).
  for (let i = 0; i < 10; i++) {
    await fetch(`${t.url}/_wx/requestSubscribeMessage`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': openid }, body: JSON.stringify({ results: { [AUTOMATION_TEMPLATE]: 'accept' } }) });
    expect((await t.call('notify', { action: 'subscribe', requestId: `au-consent-${++seq}`, results: [{ templateId: AUTOMATION_TEMPLATE, result: 'accept' }] }, openid)).body.ok).toBe(true);
  }
  return r.body.data.member.memberNo as string;
}

async function pay(memberNo: string, d: number, amountFen: number, storeId = 'st-1', h = 10) {
  const o = { orderId: `AU-${++seq}`, memberNo, amountFen, paidAt: day(d, h).toISOString(), format: 'mall', storeId, items: [{ sku: 's', name: '商品', category: '类目', quantity: 1, amountFen }] };
  const r = await t.call('order', paidEvent(o, { at: day(d, h) }));
  expect([o.orderId, r.body.error]).toEqual([o.orderId, undefined]);
}

const runsOf = (openid: string) => (t.cloud.db.find('automation_runs', { openid }, { limit: 1000 }).docs as any[])
  .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a._id.localeCompare(b._id))
  .map((r) => `${r.rule}:${r.occurrence}:${r.outcome}${r.reason ? `:${r.reason}` : ''}`);
const autoPoints = (openid: string) => (t.cloud.db.find('point_ledger', { openid }, { limit: 1000 }).docs as any[]).filter((e) => e.key.startsWith('auto:')).map((e) => `${e.amount}:${e.reason}`);
const vouchers = (openid: string) => (t.cloud.db.find('benefit_vouchers', { openid }, { limit: 100 }).docs as any[]).map((v) => v.title).sort();
const inbox = (openid: string) => t.cloud.subscribe.view(openid).inbox.filter((m: any) => m.templateId === AUTOMATION_TEMPLATE).map((m: any) => m.data.thing1.value).sort();
const member = (openid: string) => t.cloud.db.find('members', { openid }).docs[0] as any;

/** The daily job, then the automation timer twice (the second finds everything done), then the sender. */
async function step(d: number, h = 10) {
  await at(d, h);
  await trigger('jobs');
  await trigger('jobs');
  // Events are read a minute after they are written (a late commit is not missed).
  await at(d, h + 0.1);
  const first = await trigger('automation');
  const second = await trigger('automation');
  expect(second.acted).toBe(0);
  await trigger('notify');
  return first;
}

test('the default playbook with the clock: exactly what each member got, sent and logged, once', async () => {
  await at(0, 9);
  // Every playbook rule is listed as a draft (off) until switched on.
  const listed = (await t.call('automation', { action: 'listRules' }, 'au-analyst')).body.data.rules;
  expect(listed.map((r: any) => [r.id, r.status, r.version])).toEqual(expect.arrayContaining(PLAYBOOK.map((p) => [p.id, 'draft', 0])));
  for (const p of PLAYBOOK) {
    const r = await t.call('automation', { action: 'setRuleStatus', ruleId: p.id, status: 'live', requestId: `au-live-${p.id}` }, 'au-operator');
    expect(r.body.data.rule).toMatchObject({ id: p.id, status: 'live', version: 1 });
  }
  // A replay changes nothing; an analyst may not switch rules.
  expect((await t.call('automation', { action: 'setRuleStatus', ruleId: PLAYBOOK[0].id, status: 'live', requestId: `au-live-${PLAYBOOK[0].id}` }, 'au-operator')).body.data.replayed).toBe(true);
  expect((await t.call('automation', { action: 'setRuleStatus', ruleId: PLAYBOOK[0].id, status: 'paused', requestId: 'au-analyst-pause' }, 'au-analyst')).body.error.code).toBe('FORBIDDEN');

  await at(0, 10);
  const newNo = await register('au-new');
  const actNo = await register('au-active');
  const sleepNo = await register('au-sleeper');
  expect((await t.call('member', { action: 'updateProfile', birthday: { month: 4, day: 12 } }, 'au-new')).body.ok).toBe(true);

  // Day 0: the first-order coupon for each. The first send fails (a transient error) and is retried once.
  await fetch(`${t.url}/_wx/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ errcodes: [-1] }) });
  const day0 = await step(0);
  expect(day0.acted).toBe(3);
  await at(0, 10.5);
  await trigger('notify');
  for (const o of ['au-new', 'au-active', 'au-sleeper']) {
    expect(runsOf(o)).toEqual(['pb-new-first-order:join:acted']);
    expect(vouchers(o)).toEqual(['首单立减券']);
    expect(inbox(o)).toEqual(['首单立减券已到账']);
  }
  const coupon = t.cloud.db.find('benefit_vouchers', { openid: 'au-new' }).docs[0] as any;
  expect(coupon).toMatchObject({ status: 'issued', faceValueFen: 1000, benefitKey: 'auto_pb-new-first-order' });
  expect(new Date(coupon.voucher.expiresAt).toISOString()).toBe(day(30, 0).toISOString());
  // The member's 卡券包 counts it.
  expect((await t.call('mall', { action: 'wallet' }, 'au-new')).body.data.vouchers).toBe(1);

  // The sleeper buys once on day 1; the active one 4 times in the new period (growth 497: within 10 % of 银牌's 501).
  await at(1); await pay(sleepNo, 1, 5000);
  for (const d of [2, 10, 20, 28]) { await at(d); await pay(actNo, d, 5800); }
  expect(member('au-active').growth.total).toBeGreaterThanOrEqual(451);
  expect(member('au-active').tierLevel).toBe(0);

  // Day 30: the new one silent 30 days (wake-up gift); the active one is 活跃 and close to 银牌 (a nudge).
  await step(30);
  expect(member('au-active').lifecycle.stage).toBe('active');
  expect(runsOf('au-new')).toEqual(['pb-new-first-order:join:acted', 'pb-silent-wakeup:inactive-2027-03-01:acted']);
  expect(runsOf('au-active')).toEqual(['pb-new-first-order:join:acted', 'pb-upgrade-nudge:near-L1:acted']);
  expect(runsOf('au-sleeper')).toEqual(['pb-new-first-order:join:acted']);

  // Day 31 (1 April): the sleeper's 30 silent days; the new member's birthday month.
  await step(31);
  expect(runsOf('au-new')).toEqual(['pb-new-first-order:join:acted', 'pb-silent-wakeup:inactive-2027-03-01:acted', 'pb-birthday:birthday-2027:acted']);
  expect(runsOf('au-sleeper')).toEqual(['pb-new-first-order:join:acted', 'pb-silent-wakeup:inactive-2027-03-02:acted']);
  // The job's monthly tenure growth took the active one over 银牌's threshold: the congratulation.
  expect(member('au-active').tierLevel).toBe(1);
  const actRuns = runsOf('au-active');
  expect(actRuns).toHaveLength(3);
  expect(actRuns.slice(0, 2)).toEqual(['pb-new-first-order:join:acted', 'pb-upgrade-nudge:near-L1:acted']);
  expect(actRuns[2]).toMatch(/^pb-tier-up:tier-rev\d+:acted$/);

  // Day 40: another order (nothing triggers on it), so the active one's silence starts again.
  await at(40); await pay(actNo, 40, 10000);
  await step(40, 10.2);
  expect(runsOf('au-active')).toEqual(actRuns);

  // Day 61: both never-since buyers are 沉睡 (the new one since day 60): the win-back gift, also with the jobs twice.
  await step(61);
  expect(member('au-new').lifecycle.stage).toBe('dormant');
  expect(member('au-sleeper').lifecycle.stage).toBe('dormant');
  expect(runsOf('au-new').slice(3)).toEqual(['pb-dormant-winback:stage-dormant-2027-04-30:acted']);
  expect(runsOf('au-sleeper').slice(2)).toEqual(['pb-dormant-winback:stage-dormant-2027-05-01:acted']);
  await step(61, 14); // a later run that day: nothing new

  // Day 70: the active member is 30 days silent after the day-40 order.
  await step(70);
  expect(runsOf('au-active').slice(3)).toEqual(['pb-silent-wakeup:inactive-2027-04-10:acted']);

  // Day 91: both are 流失: a call-back task for the store of their last purchase (none: unassigned).
  await step(91);
  expect(runsOf('au-new').slice(4)).toEqual(['pb-churned-callback:stage-churned-2027-05-30:acted']);
  expect(runsOf('au-sleeper').slice(3)).toEqual(['pb-churned-callback:stage-churned-2027-05-31:acted']);

  // Exactly what was granted, issued and sent, once each.
  expect(autoPoints('au-new').sort()).toEqual(['200:沉睡唤回礼', '50:唤醒礼']);
  expect(autoPoints('au-sleeper').sort()).toEqual(['200:沉睡唤回礼', '50:唤醒礼']);
  expect(autoPoints('au-active')).toEqual(['50:唤醒礼']);
  expect(vouchers('au-new')).toEqual(['生日专享券', '首单立减券']);
  expect(vouchers('au-sleeper')).toEqual(['首单立减券']);
  expect(inbox('au-new')).toEqual(['200积分回归礼已到账', '50积分唤醒礼已到账', '生日快乐', '首单立减券已到账']);
  expect(inbox('au-sleeper')).toEqual(['200积分回归礼已到账', '50积分唤醒礼已到账', '首单立减券已到账']);
  expect(inbox('au-active')).toEqual(['50积分唤醒礼已到账', '恭喜您升级', '离升级只差一点点', '首单立减券已到账']);
  // Balances stay the sum of the ledger.
  for (const o of ['au-new', 'au-sleeper', 'au-active']) {
    const sum = (t.cloud.db.find('point_ledger', { openid: o }, { limit: 1000 }).docs as any[]).reduce((s, e) => s + e.amount, 0);
    expect(member(o).points.balance).toBe(sum);
  }

  // The run log per member and per rule, with reasons, for the console.
  const byMember = (await t.call('automation', { action: 'runs', memberNo: newNo }, 'au-analyst')).body.data.runs;
  expect(byMember.map((r: any) => r.ruleName)).toEqual(['流失会员人工回访', '沉睡会员唤回礼', '生日月礼遇', '沉默会员唤醒礼', '新会员首单券']);
  const byRule = (await t.call('automation', { action: 'runs', ruleId: 'pb-dormant-winback' }, 'au-analyst')).body.data.runs;
  expect(byRule.map((r: any) => [r.memberNo, r.outcome, r.points])).toEqual(expect.arrayContaining([[newNo, 'acted', 200], [sleepNo, 'acted', 200]]));
  const list = (await t.call('automation', { action: 'listRules' }, 'au-analyst')).body.data.rules;
  expect(list.find((r: any) => r.id === 'pb-dormant-winback')).toMatchObject({ status: 'live', spent: { points: 400, vouchers: 0 }, runs: { acted: 2, skipped: 0 } });

  // Staff follow-ups: the clerk of 一号店 sees the sleeper's task; another store's clerk does not; the outcome once.
  const tasks = (await t.call('automation', { action: 'tasks' }, 'au-clerk')).body.data;
  expect(tasks.storeId).toBe('st-1');
  expect(tasks.tasks.map((x: any) => [x.memberNo, x.reason, x.dueDay, x.storeName, x.overdue])).toEqual([[sleepNo, '人工关怀回访', '2027-06-03', '一号店', false]]);
  expect((await t.call('automation', { action: 'tasks' }, 'au-clerk2')).body.data.tasks).toEqual([]);
  expect((await t.call('automation', { action: 'tasks', storeId: 'st-1' }, 'au-clerk2')).body.error.code).toBe('FORBIDDEN');
  const taskId = tasks.tasks[0].id;
  expect((await t.call('automation', { action: 'recordTaskOutcome', taskId, outcome: 'reached', requestId: 'au-task-other' }, 'au-clerk2')).body.error.code).toBe('FORBIDDEN');
  const done = (await t.call('automation', { action: 'recordTaskOutcome', taskId, outcome: 'reached', note: '已电话联系，下周到店', requestId: 'au-task-0001' }, 'au-clerk')).body.data;
  expect(done).toMatchObject({ replayed: false, task: { status: 'done', outcome: 'reached', outcomeName: '已联系', doneByName: '店员小李' } });
  expect((await t.call('automation', { action: 'recordTaskOutcome', taskId, outcome: 'reached', requestId: 'au-task-0001' }, 'au-clerk')).body.data.replayed).toBe(true);
  expect((await t.call('automation', { action: 'recordTaskOutcome', taskId, outcome: 'noAnswer', requestId: 'au-task-0002' }, 'au-clerk')).body.error).toEqual({ code: 'ALREADY_DONE', message: '该任务已记录为「已联系」' });
  expect((await t.call('automation', { action: 'tasks' }, 'au-clerk')).body.data.tasks).toEqual([]);
  expect((await t.call('automation', { action: 'tasks', status: 'done' }, 'au-clerk')).body.data.tasks.map((x: any) => x.outcomeName)).toEqual(['已联系']);
  // The admin sees every store's; the new member's (no purchase) is unassigned.
  const all = (await t.call('automation', { action: 'tasks' }, 'au-admin')).body.data.tasks;
  expect(all.map((x: any) => [x.memberNo, x.storeName])).toEqual([[newNo, null]]);
  // The report: May's tasks per store by outcome.
  const report = (await t.call('automation', { action: 'taskReport', month: '2027-05' }, 'au-analyst')).body.data;
  expect(report.stores).toEqual(expect.arrayContaining([
    { storeId: 'st-1', storeName: '一号店', created: 1, open: 0, overdue: 0, reached: 1, noAnswer: 0, notInterested: 0 },
    { storeId: null, storeName: '未分配门店', created: 1, open: 1, overdue: 0, reached: 0, noAnswer: 0, notInterested: 0 },
  ]));
  expect(report.stores).toHaveLength(2);
}, 300_000);

test('expiring points: one reminder per expiry day, once, also on later days and with the timer twice', async () => {
  await at(100);
  const no = await register('au-expiring');
  await pay(no, 100, 5000);
  // Points of 2027 expire at the end of 2028; 30 days before: the reminder.
  await step(100 + 30);
  expect(runsOf('au-expiring').filter((r) => r.startsWith('pb-points-expiring'))).toEqual([]);
  const target = Date.parse('2028-12-05T10:00:00+08:00');
  const d = Math.round((target - day(0).getTime()) / 86_400_000);
  await step(d);
  await step(d + 1);
  expect(runsOf('au-expiring').filter((r) => r.startsWith('pb-points-expiring'))).toEqual(['pb-points-expiring:expiring-2028-12-31:acted']);
  expect(inbox('au-expiring')).toContain('您有积分即将到期');
  expect(inbox('au-expiring').filter((x) => x === '您有积分即将到期')).toHaveLength(1);
}, 300_000);

test('the global budget is never exceeded by timer runs at once; over it a run is logged as skipped', async () => {
  await at(900);
  const rule = { name: '预算测试', description: '', trigger: { kind: 'registered' }, conditions: null, actions: [{ kind: 'grantPoints', points: 60, reason: '注册礼' }], limits: { perMember: { max: 1, period: 'ever' }, budget: { points: 130, vouchers: null }, quietHours: null } };
  const saved = await t.call('automation', { action: 'saveRule', ruleId: 'budget-test', requestId: 'au-save-budget-1', rule }, 'au-operator');
  expect(saved.body.data.rule).toMatchObject({ id: 'budget-test', status: 'draft', version: 1 });
  // A draft does nothing; its dry run says what it would cost now.
  const dry = (await t.call('automation', { action: 'dryRun', ruleId: 'budget-test' }, 'au-analyst')).body.data;
  expect(dry.reached).toBe(dry.scanned);
  expect(dry.points).toBe(60 * dry.reached);
  expect(dry.budget).toEqual({ points: 130, vouchers: null });
  expect((await t.call('automation', { action: 'setRuleStatus', ruleId: 'budget-test', status: 'live', requestId: 'au-budget-live' }, 'au-operator')).body.ok).toBe(true);
  await at(900, 10.05);
  const openids = ['au-b1', 'au-b2', 'au-b3', 'au-b4'];
  for (const o of openids) expect((await t.call('member', { action: 'login' }, o)).body.ok).toBe(true);
  await at(900, 10.2);
  await Promise.all([trigger('automation'), trigger('automation'), trigger('automation')]);
  await trigger('automation');
  const outcomes = openids.map((o) => runsOf(o).filter((r) => r.startsWith('budget-test'))).flat().sort();
  expect(outcomes).toEqual(['budget-test:join:acted', 'budget-test:join:acted', 'budget-test:join:skipped:budgetPoints', 'budget-test:join:skipped:budgetPoints']);
  expect(openids.flatMap((o) => autoPoints(o))).toEqual(['60:注册礼', '60:注册礼']);
  expect((t.cloud.db.find('automation_budgets', { _id: 'budget-test' }).docs[0] as any).points).toBe(120);
  const skipped = (await t.call('automation', { action: 'runs', ruleId: 'budget-test' }, 'au-analyst')).body.data.runs.filter((r: any) => r.outcome === 'skipped');
  expect(skipped.map((r: any) => r.reasonName)).toEqual(['积分预算已用完', '积分预算已用完']);
  // A save from a stale version is refused; the saved version goes up.
  expect((await t.call('automation', { action: 'saveRule', ruleId: 'budget-test', expectedVersion: 0, requestId: 'au-save-budget-2', rule }, 'au-operator')).body.error.code).toBe('STALE_VERSION');
  expect((await t.call('automation', { action: 'saveRule', ruleId: 'budget-test', expectedVersion: 1, requestId: 'au-save-budget-3', rule: { ...rule, name: '预算测试二' } }, 'au-operator')).body.data.rule).toMatchObject({ version: 2, status: 'live', name: '预算测试二' });
  // Bad input: a rule without actions, in Chinese.
  const bad = await t.call('automation', { action: 'saveRule', ruleId: 'bad-rule', requestId: 'au-save-bad-1', rule: { ...rule, actions: [] } }, 'au-operator');
  expect(bad.body.error.code).toBe('INVALID_INPUT');
  expect(t.cloud.db.find('automation_rules', { _id: 'bad-rule' }).docs).toEqual([]);
}, 120_000);

test('an NPS survey after a purchase: each order is a run, the survey and its message once a quarter', async () => {
  await at(1000);
  const rule = { name: '消费后满意度调查', description: '', trigger: { kind: 'orderPaid', minFen: 1000 }, conditions: null, actions: [{ kind: 'npsSurvey' }], limits: { perMember: { max: 10, period: 'month' }, budget: { points: null, vouchers: null }, quietHours: null } };
  expect((await t.call('automation', { action: 'saveRule', ruleId: 'nps-after-order', requestId: 'au-save-nps-1', rule }, 'au-operator')).body.ok).toBe(true);
  expect((await t.call('automation', { action: 'setRuleStatus', ruleId: 'nps-after-order', status: 'live', requestId: 'au-nps-live' }, 'au-operator')).body.ok).toBe(true);
  await at(1000, 11);
  const no = await register('au-nps');
  await pay(no, 1000, 500, 'st-1', 11); // under the minimum: no run
  await at(1000, 11.5); await pay(no, 1000, 5000, 'st-1', 11.5);
  await at(1001); await pay(no, 1001, 6000);
  await at(1001, 10.2);
  await trigger('automation');
  await trigger('automation');
  const runs = runsOf('au-nps').filter((r) => r.startsWith('nps-after-order'));
  expect(runs).toHaveLength(2);
  expect(runs.every((r) => /^nps-after-order:order-AU-\d+:acted$/.test(r))).toBe(true);
  const surveys = t.cloud.db.find('nps_responses', { openid: 'au-nps' }).docs as any[];
  expect(surveys).toHaveLength(1);
  expect(surveys[0]).toMatchObject({ status: 'asked', source: 'automation:nps-after-order' });
  expect(t.cloud.db.find('messages', { openid: 'au-nps', key: 'npsSurvey' }).docs).toHaveLength(1);
}, 120_000);

test('entering and leaving a segment: a rule on each event, once, by the segments timer\'s events', async () => {
  await at(1100);
  const seg = await t.call('segments', { action: 'save', requestId: 'au-seg-vip-1', title: '贵宾', rule: { match: 'all', items: [{ field: 'tags', op: 'has', value: '贵宾' }] } }, 'au-operator');
  expect(seg.body.error).toBeUndefined();
  const segmentId = seg.body.data.segmentId as string;
  const body = (kind: 'segmentEntered' | 'segmentLeft', tag: string) => ({
    name: kind === 'segmentEntered' ? '进入贵宾' : '离开贵宾', description: '', trigger: { kind, segment: segmentId }, conditions: null,
    actions: [{ kind: 'addTag', tag }], limits: { perMember: { max: 5, period: 'year' }, budget: { points: null, vouchers: null }, quietHours: null },
  });
  for (const [id, kind, tag] of [['seg-in', 'segmentEntered', '欢迎贵宾'], ['seg-out', 'segmentLeft', '贵宾流失']] as const) {
    expect((await t.call('automation', { action: 'saveRule', ruleId: id, requestId: `au-save-${id}`, rule: body(kind, tag) }, 'au-operator')).body.error).toBeUndefined();
    expect((await t.call('automation', { action: 'setRuleStatus', ruleId: id, status: 'live', requestId: `au-live-${id}` }, 'au-operator')).body.error).toBeUndefined();
  }
  // Going live pinned the segment's version 1 for both rules: editing the segment now makes version 2 and the rules
  // keep version 1's audience (its events).
  const pins = (t.cloud.db.find('segments', { _id: segmentId }).docs[0] as { usedBy: Array<{ automationId: string; version: number }> }).usedBy;
  expect(pins.map((p) => `${p.automationId}@${p.version}`).sort()).toEqual(['seg-in@1', 'seg-out@1']);
  expect(t.cloud.db.find('automation_rules', { _id: 'seg-in' }).docs[0]).toMatchObject({ segmentVersion: 1 });
  const edited = await t.call('segments', { action: 'save', requestId: 'au-seg-vip-2', segmentId, title: '贵宾', rule: { match: 'all', items: [{ field: 'tags', op: 'has', value: '贵宾' }] } }, 'au-operator');
  expect(edited.body.data).toMatchObject({ version: 2, newVersion: true });
  await at(1100, 11);
  const no = await register('au-seg');
  const segTimer = async () => { for (let i = 0; i < 5; i++) await trigger('segments'); };
  await segTimer();
  expect((await t.call('segments', { action: 'tagMembers', tag: '贵宾', memberNos: [no] }, 'au-operator')).body.data.tagged).toBe(1);
  await at(1100, 11.1); await segTimer();
  await at(1100, 11.2); await trigger('automation'); await trigger('automation');
  expect(runsOf('au-seg').filter((r) => r.startsWith('seg-'))).toHaveLength(1);
  expect(member('au-seg').tags).toEqual(expect.arrayContaining(['贵宾', '欢迎贵宾']));
  expect((await t.call('segments', { action: 'tagMembers', tag: '贵宾', memberNos: [no], remove: true }, 'au-operator')).body.data.untagged).toBe(1);
  await at(1100, 11.3); await segTimer();
  await at(1100, 11.4); await trigger('automation'); await trigger('automation');
  const runs = runsOf('au-seg').filter((r) => r.startsWith('seg-'));
  expect(runs).toHaveLength(2);
  expect(runs[0]).toMatch(/^seg-in:segIn-.+:acted$/);
  expect(runs[1]).toMatch(/^seg-out:segOut-.+:acted$/);
  expect(member('au-seg').tags).toEqual(expect.arrayContaining(['欢迎贵宾', '贵宾流失']));
  expect(member('au-seg').tags).not.toContain('贵宾');
  // Both versions saw the member come and go; the rules acted on version 1's events only (once each, above).
  const versions = (t.cloud.db.find('segment_events', { openid: 'au-seg' }, { limit: 100 }).docs as Array<{ version: number }>).map((e) => e.version);
  expect(new Set(versions)).toEqual(new Set([1, 2]));
  // Paused, a rule drops its pin.
  expect((await t.call('automation', { action: 'setRuleStatus', ruleId: 'seg-in', status: 'paused', requestId: 'au-pause-seg-in' }, 'au-operator')).body.error).toBeUndefined();
  expect((t.cloud.db.find('segments', { _id: segmentId }).docs[0] as { usedBy: Array<{ automationId: string }> }).usedBy.map((p) => p.automationId)).toEqual(['seg-out']);
}, 120_000);
