// Subscription messages end to end through the local cloud: consents counted from WeChat's answers, a send consuming
// one, 43101 ending a message without retries, 47003 for a field our registry describes wrongly (and our own long texts
// cut to fit), a transient failure retried once and delivered once, quiet hours, and the daily check-in reminder.
import { DEFAULT_CONFIG } from '../../cloudfunctions/core/config';
import { messageDoc } from '../../cloudfunctions/services/messages';
import { startTestCloud, type TestCloud } from '../helpers/cloud';

let t: TestCloud;
let seq = 0;
const ID = (key: string) => DEFAULT_CONFIG.notify.templates.find((x) => x.key === key)!.ids[0].id;

beforeAll(async () => {
  process.env.LOYALTY_CONFIG_TTL_MS = '0';
  t = await startTestCloud({ seed: 'empty' });
});

afterEach(async () => {
  await t.resetClock();
});

afterAll(async () => {
  await t.stop();
  delete process.env.LOYALTY_CONFIG_TTL_MS;
});

type Msg = { _id: string; status: string; attempts: number; reason: string | null; errcode: number | null; data: Record<string, { value: string }> | null; availableAt: Date };
const message = (id: string) => t.cloud.db.find('messages', { _id: id }).docs[0] as Msg;
const consent = (openid: string, key: string) => (t.cloud.db.find('message_consents', { _id: `${openid}:${key}` }).docs[0] as { count: number } | undefined)?.count ?? 0;
const inbox = (openid: string) => t.cloud.subscribe.view(openid).inbox;

async function member(prefix: string) {
  const openid = `${prefix}-${++seq}`;
  expect((await t.call('member', { action: 'login' }, openid)).body.ok).toBe(true);
  return openid;
}

/** What a tap on 允许 does: WeChat records the consent (the H5 dialog's call), the client reports it to notify.subscribe. */
async function allow(openid: string, keys: string[], result = 'accept', requestId = `req-${++seq}-consent`) {
  const results = Object.fromEntries(keys.map((k) => [ID(k), result]));
  const wx = await fetch(`${t.url}/_wx/requestSubscribeMessage`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': openid }, body: JSON.stringify({ results }) });
  expect(wx.status).toBe(200);
  return report(openid, keys, result, requestId);
}

/** Only our side: the client's report (WeChat holds no consent for it). */
async function report(openid: string, keys: string[], result = 'accept', requestId = `req-${++seq}-report`) {
  const r = await t.call('notify', { action: 'subscribe', requestId, results: keys.map((k) => ({ templateId: ID(k), result })) }, openid);
  expect(r.body.ok).toBe(true);
  return r.body.data as { accepted: number; consents: Array<{ key: string; count: number }>; replayed: boolean };
}

async function queue(openid: string, key: string, variables: Record<string, string | number>, now: Date) {
  const doc = messageDoc({ id: `${key}:${openid}:t${++seq}`, openid, key: key as never, variables, source: 'test' }, now);
  await t.cloud.db.insertMany('messages', [doc]);
  return doc._id;
}

async function run() {
  const res = await fetch(`${t.url}/_triggers/notify`, { method: 'POST' });
  const body = (await res.json()) as { ok: boolean; result: { ok: boolean; data: Record<string, unknown> } };
  expect(body.result.ok).toBe(true);
  return body.result.data as { sent: number; skipped: number; failed: number; retried: number; waiting: number; expired: number; reminders: { queued: number } };
}

async function setRules(notify: object) {
  await t.cloud.db.insertMany('config', [{ _id: 'loyalty', rules: { notify } }]);
}

const DAY = '2027-03-01T10:00:00+08:00';

test('the templates of this environment, and consent counted once per accept and once per request', async () => {
  const m = await member('consent');
  const listed = await t.call('notify', { action: 'templates' }, m);
  expect(listed.body.data.templates.map((x: { key: string }) => x.key).sort()).toEqual(DEFAULT_CONFIG.notify.templates.map((x) => x.key).sort());
  expect(listed.body.data.consents.every((c: { count: number }) => c.count === 0)).toBe(true);
  expect(listed.body.data.checkinReminderTime).toBe('20:00');

  const first = await allow(m, ['tierChanged', 'pointsExpiring', 'redemptionStatus'], 'accept', 'req-consent-aaa');
  expect(first).toMatchObject({ accepted: 3, replayed: false });
  expect(await report(m, ['tierChanged', 'pointsExpiring', 'redemptionStatus'], 'accept', 'req-consent-aaa')).toMatchObject({ replayed: true });
  await allow(m, ['tierChanged']);
  await allow(m, ['pointsExpiring'], 'reject');
  expect([consent(m, 'tierChanged'), consent(m, 'pointsExpiring'), consent(m, 'redemptionStatus')]).toEqual([2, 1, 1]);

  const unknown = await t.call('notify', { action: 'subscribe', requestId: 'req-unknown-1', results: [{ templateId: 'not-ours', result: 'accept' }] }, m);
  expect(unknown.body.data.accepted).toBe(0);
  const four = await t.call('notify', { action: 'subscribe', requestId: 'req-four-123', results: Array(4).fill({ templateId: ID('tierChanged'), result: 'accept' }) }, m);
  expect(four.body.ok).toBe(false);
  expect(four.body.error.code).toBe('INVALID_INPUT');
  expect(consent(m, 'tierChanged')).toBe(2);
  const stranger = await t.call('notify', { action: 'subscribe', requestId: 'req-stranger', results: [{ templateId: ID('tierChanged'), result: 'accept' }] }, 'never-registered');
  expect(stranger.body.error.code).toBe('NOT_FOUND');
});

test('a send consumes one consent; without consent nothing is sent', async () => {
  await t.setClock(DAY);
  const m = await member('send');
  await allow(m, ['automation']);
  const now = new Date(DAY);
  const a = await queue(m, 'automation', { title: '春季会员日', body: '全场积分翻倍', at: now.toISOString() }, now);
  const b = await queue(m, 'automation', { title: '第二条', body: '没有授权了', at: now.toISOString() }, now);
  const r = await run();
  expect(r.sent).toBe(1);
  expect(message(a).status).toBe('sent');
  expect(message(b)).toMatchObject({ status: 'skipped', reason: 'noConsent' });
  expect(consent(m, 'automation')).toBe(0);
  expect(inbox(m)).toHaveLength(1);
  expect(inbox(m)[0]).toMatchObject({ templateId: ID('automation'), page: 'pages/index/index', data: { thing1: { value: '春季会员日' }, time3: { value: '2027年3月1日 10:00' } } });
  await run();
  expect(inbox(m)).toHaveLength(1);
});

test('concurrent senders send each message once; a consent dialog reported 5 times at once counts once', async () => {
  await t.setClock(DAY);
  const m = await member('race');
  const results = [{ templateId: ID('automation'), result: 'accept' }];
  const replays = await Promise.all(Array.from({ length: 5 }, () => t.call('notify', { action: 'subscribe', requestId: 'req-race-same', results }, m)));
  expect(replays.every((r) => r.body.ok)).toBe(true);
  expect(replays.filter((r) => !r.body.data.replayed)).toHaveLength(1);
  expect(consent(m, 'automation')).toBe(1);
  await allow(m, ['automation']);
  await allow(m, ['automation']);
  await allow(m, ['automation']);
  await report(m, ['automation'], 'reject');
  expect(consent(m, 'automation')).toBe(4);
  const ids = [];
  for (let i = 0; i < 3; i++) ids.push(await queue(m, 'automation', { title: `第${i + 1}条`, body: '内容', at: DAY }, new Date(DAY)));
  await Promise.all(Array.from({ length: 4 }, () => run()));
  expect(ids.map((id) => message(id).status)).toEqual(['sent', 'sent', 'sent']);
  expect(inbox(m).map((x) => x.data.thing1.value).sort()).toEqual(['第1条', '第2条', '第3条']);
  expect(consent(m, 'automation')).toBe(1);
});

test('43101: WeChat has no consent left: the ledger goes to 0 and the message is never retried', async () => {
  await t.setClock(DAY);
  const m = await member('refuse');
  await report(m, ['automation']); // our ledger says 1, WeChat holds none
  const id = await queue(m, 'automation', { title: '标题', body: '内容', at: DAY }, new Date(DAY));
  await run();
  expect(message(id)).toMatchObject({ status: 'skipped', errcode: 43101, attempts: 1 });
  expect(consent(m, 'automation')).toBe(0);
  await t.setClock('2027-03-01T12:00:00+08:00');
  await run();
  expect(message(id).attempts).toBe(1);
  expect(inbox(m)).toHaveLength(0);
});

test('47003: a field the registry describes wrongly is refused by WeChat and not retried; our own long texts are cut to fit', async () => {
  await t.setClock(DAY);
  const m = await member('fields');
  await allow(m, ['redemptionStatus']);
  await allow(m, ['redemptionStatus']);
  const long = 'LimitedEditionTumbler-500ml-StarryBlue';
  // The merchant's template has thing1 (at most 20 characters), the registry says character_string (32).
  const templates = DEFAULT_CONFIG.notify.templates.map((x) => x.key !== 'redemptionStatus' ? x : { ...x, fields: x.fields.map((f) => f.key === 'thing1' ? { ...f, kind: 'character_string' } : f) });
  await setRules({ templates });
  const wrong = await queue(m, 'redemptionStatus', { itemName: long, status: '已发货', at: DAY, note: '顺丰 SF123' }, new Date(DAY));
  await run();
  expect(message(wrong)).toMatchObject({ status: 'failed', errcode: 47003 });
  expect(consent(m, 'redemptionStatus')).toBe(2);
  await t.setClock('2027-03-01T12:00:00+08:00');
  await run();
  expect(message(wrong).attempts).toBe(1);

  await t.cloud.db.setFields('config', { _id: 'loyalty' }, { rules: {} });
  const right = await queue(m, 'redemptionStatus', { itemName: `${long}，限量款保温杯`, status: '已发货', at: DAY, note: '顺丰 SF123' }, new Date(DAY));
  await run();
  expect(message(right).status).toBe('sent');
  expect([...inbox(m)[0].data.thing1.value]).toHaveLength(20);
  expect(consent(m, 'redemptionStatus')).toBe(1);
});

test('a transient failure is retried once and delivered once', async () => {
  await t.setClock(DAY);
  const m = await member('busy');
  await allow(m, ['automation']);
  const id = await queue(m, 'automation', { title: '标题', body: '内容', at: DAY }, new Date(DAY));
  await fetch(`${t.url}/_wx/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ errcodes: [-1] }) });
  expect((await run()).retried).toBe(1);
  expect(message(id)).toMatchObject({ status: 'pending', attempts: 1, errcode: -1 });
  expect(inbox(m)).toHaveLength(0);
  await run(); // not due yet: the backoff is a minute
  expect(message(id).attempts).toBe(1);
  await t.setClock('2027-03-01T10:02:00+08:00');
  expect((await run()).sent).toBe(1);
  await run();
  expect(message(id)).toMatchObject({ status: 'sent', attempts: 2 });
  expect(inbox(m)).toHaveLength(1);
  expect(consent(m, 'automation')).toBe(0);
});

test('quiet hours: a message queued at night waits for the morning', async () => {
  await t.setClock('2027-03-01T23:00:00+08:00');
  const m = await member('quiet');
  await allow(m, ['automation']);
  const id = await queue(m, 'automation', { title: '标题', body: '内容', at: '2027-03-01T23:00:00+08:00' }, new Date('2027-03-01T23:00:00+08:00'));
  expect((await run()).waiting).toBe(1);
  expect(new Date(message(id).availableAt).toISOString()).toBe(new Date('2027-03-02T08:30:00+08:00').toISOString());
  await t.setClock('2027-03-02T07:00:00+08:00');
  await run();
  expect(inbox(m)).toHaveLength(0);
  await t.setClock('2027-03-02T08:31:00+08:00');
  await run();
  expect(inbox(m)).toHaveLength(1);
});

test('the check-in reminder: at its time, once a day, only to members who asked and have not checked in', async () => {
  await t.setClock('2027-04-01T09:00:00+08:00');
  const asked = await member('remind');
  const other = await member('remind-no');
  const early = await member('remind-early');
  await allow(asked, ['checkinReminder']);
  await allow(asked, ['checkinReminder']);
  await allow(early, ['checkinReminder']);
  expect((await t.call('checkin', { action: 'checkin' }, early)).body.ok).toBe(true);
  await t.setClock('2027-04-01T19:59:00+08:00');
  await run();
  expect(inbox(asked)).toHaveLength(0);
  await t.setClock('2027-04-01T20:00:00+08:00');
  expect((await run()).reminders.queued).toBe(1);
  await t.setClock('2027-04-01T20:05:00+08:00');
  expect((await run()).reminders.queued).toBe(0);
  expect(inbox(asked)).toHaveLength(1);
  expect(inbox(asked)[0]).toMatchObject({ templateId: ID('checkinReminder'), page: 'packages/engage/checkin/index' });
  expect(inbox(other)).toHaveLength(0);
  expect(inbox(early)).toHaveLength(0);

  // Day 2: checked in in the morning, so no reminder.
  await t.setClock('2027-04-02T10:00:00+08:00');
  expect((await t.call('checkin', { action: 'checkin' }, asked)).body.ok).toBe(true);
  await t.setClock('2027-04-02T20:10:00+08:00');
  await run();
  expect(inbox(asked)).toHaveLength(1);

  // Day 3: not checked in: the second consent is used (the streak of yesterday in the text).
  await t.setClock('2027-04-03T20:10:00+08:00');
  await run();
  await run();
  expect(inbox(asked)).toHaveLength(2);
  expect(inbox(asked)[0].data.number2.value).toBe('1');
  expect(consent(asked, 'checkinReminder')).toBe(0);

  // Day 4: no consent left: nothing queued.
  await t.setClock('2027-04-04T20:10:00+08:00');
  expect((await run()).reminders.queued).toBe(0);
  expect(inbox(asked)).toHaveLength(2);

  // Settled messages are forgotten after their retention (90 days); the reminders' keys did their work by then.
  expect(t.cloud.db.find('messages', { openid: asked }).total).toBe(2);
  await t.setClock('2027-07-10T10:00:00+08:00');
  expect((await run() as unknown as { removed: number }).removed).toBeGreaterThanOrEqual(2);
  expect(t.cloud.db.find('messages', { openid: asked }).total).toBe(0);
});
