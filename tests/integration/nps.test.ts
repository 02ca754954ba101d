// The NPS survey (推荐意愿) through the local cloud: services/nps.ts queueNpsSurvey (what an automation calls after a
// purchase; run here in the test process on the real wx-server-sdk against the local cloud's database) queues the
// survey and its subscription message once a quarter; the notify timer delivers it opening the survey page; the
// member answers through survey.answer once (a replay answers the first, another answer is refused, bad input writes
// nothing, an expired or unsent survey is refused); the nightly snapshot counts the answers (NPS of the day, the month).
import type { Database } from '../../cloudfunctions/runtime/dbTypes';
import { queueNpsSurvey } from '../../cloudfunctions/services/nps';
import { startTestCloud, type TestCloud } from '../helpers/cloud';

let t: TestCloud;
jest.setTimeout(180_000);
let db: Database;
const at = (iso: string) => new Date(iso);
const TEMPLATE = 'local-nps-survey';

beforeAll(async () => {
  t = await startTestCloud({ seed: 'empty' });
  // The test process speaks to the local cloud's database as a function does: the real SDK, signed with its key pair.
  process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: `${t.url}/tcb` });
  process.env.TENCENTCLOUD = 'true';
  process.env.TENCENTCLOUD_SECRETID = t.cloud.secrets.secretId;
  process.env.TENCENTCLOUD_SECRETKEY = t.cloud.secrets.secretKey;
  process.env.SILENCE = 'true';
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const cloud = require('wx-server-sdk');
  cloud.init({ env: 'local' });
  db = cloud.database() as Database;
  await t.cloud.db.insertMany('staff', [{ _id: 'nps-analyst', openid: 'nps-analyst', name: '分析', role: 'analyst', storeId: null, active: true }]);
});

afterAll(async () => {
  await t.stop();
});

const survey = (openid: string, input: object) => t.call('survey', { action: 'answer', ...input }, openid);
const current = (openid: string, input: object = {}) => t.call('survey', { action: 'current', ...input }, openid);
const surveys = () => t.cloud.db.find('nps_responses', {}).docs as Array<Record<string, unknown>>;

async function join(openid: string) {
  expect((await t.call('member', { action: 'login' }, openid)).body.ok).toBe(true);
  const wx = await fetch(`${t.url}/_wx/requestSubscribeMessage`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': openid }, body: JSON.stringify({ results: { [TEMPLATE]: 'accept' } }) });
  expect(wx.status).toBe(200);
  const r = await t.call('notify', { action: 'subscribe', requestId: `nps-consent-${openid}`, results: [{ templateId: TEMPLATE, result: 'accept' }] }, openid);
  expect(r.body.data.accepted).toBe(1);
}

test('a survey after a purchase: queued once a quarter, delivered opening the survey page, answered once', async () => {
  await t.setClock('2026-05-20T10:00:00+08:00', true);
  await join('nps-1');
  const now = at('2026-05-20T10:00:00+08:00');
  expect(await queueNpsSurvey(db, 'nps-1', 'order-1', now)).toEqual({ queued: true, quarter: '2026-Q2', reason: null });
  // A second purchase in the quarter, concurrently too: nothing more is queued.
  const again = await Promise.all([queueNpsSurvey(db, 'nps-1', 'order-2', now), queueNpsSurvey(db, 'nps-1', 'order-3', at('2026-06-30T23:59:59+08:00'))]);
  expect(again).toEqual([{ queued: false, quarter: '2026-Q2', reason: 'alreadyAsked' }, { queued: false, quarter: '2026-Q2', reason: 'alreadyAsked' }]);
  expect(await queueNpsSurvey(db, 'nobody', 'order-9', now)).toEqual({ queued: false, quarter: '2026-Q2', reason: 'notMember' });
  expect(t.cloud.db.find('messages', { key: 'npsSurvey' }).docs).toHaveLength(1);

  // The notify timer sends it with the member's consent: the message opens the survey of its quarter.
  const sent = await fetch(`${t.url}/_triggers/notify`, { method: 'POST' });
  expect(((await sent.json()) as { result: { data: { sent: number } } }).result.data.sent).toBe(1);
  const inbox = t.cloud.subscribe.view('nps-1').inbox;
  expect(inbox).toHaveLength(1);
  expect(inbox[0]).toMatchObject({ templateId: TEMPLATE, page: 'packages/profile/survey/index?survey=2026-Q2', data: { thing1: { value: '邀请你为本次消费体验打分' }, time2: { value: '2026年5月20日 10:00' } } });

  expect((await current('nps-1', { survey: '2026-Q2' })).body.data.survey).toEqual({
    quarter: '2026-Q2', orderId: 'order-1', askedAt: now.toISOString(), expiresAt: at('2026-06-19T10:00:00+08:00').toISOString(), open: true, answer: null,
  });

  // Bad input: refused with the field in Chinese, nothing written.
  const before = surveys();
  for (const bad of [{ survey: '2026-Q2', score: 11 }, { survey: '2026-Q2', score: 7.5 }, { survey: '2026-Q5', score: 8 }, { survey: '2026-Q2', score: 8, comment: '好'.repeat(201) }, { survey: '2026-Q2', score: 8, openid: 'nps-2' }]) {
    const r = await survey('nps-1', bad);
    expect(r.body.error.code).toBe('INVALID_INPUT');
  }
  expect((await survey('nps-1', { survey: '2026-Q2', score: 11 })).body.error.message).toContain('推荐意愿评分');
  expect(surveys()).toEqual(before);

  // The answer, twice at once (a double tap): written once, the other answers it as a replay.
  await t.setClock('2026-06-10T12:00:00+08:00', true);
  const answers = await Promise.all([survey('nps-1', { survey: '2026-Q2', score: 9, comment: ' 店员很热情 ' }), survey('nps-1', { survey: '2026-Q2', score: 9, comment: '店员很热情' })]);
  expect(answers.map((a) => a.body.ok)).toEqual([true, true]);
  expect(answers.map((a) => a.body.data.replayed).sort()).toEqual([false, true]);
  expect(answers[0].body.data.survey.answer).toEqual({ score: 9, comment: '店员很热情', answeredAt: at('2026-06-10T12:00:00+08:00').toISOString() });
  // Another answer later: refused, the first stays.
  const other = await survey('nps-1', { survey: '2026-Q2', score: 3 });
  expect(other.body.error).toEqual({ code: 'ALREADY_DONE', message: '本季度已参与过调查，感谢你的反馈' });
  expect(surveys().find((d) => d._id === 'nps-1:2026-Q2')).toMatchObject({ status: 'answered', score: 9, comment: '店员很热情' });

  // Next quarter the member may be asked again.
  expect(await queueNpsSurvey(db, 'nps-1', 'order-7', at('2026-07-01T00:00:00+08:00'))).toEqual({ queued: true, quarter: '2026-Q3', reason: null });
});

test('no survey sent: nothing to answer; an unanswered survey closes after 30 days', async () => {
  await t.setClock('2026-06-01T10:00:00+08:00', true);
  await join('nps-2');
  expect((await current('nps-2')).body.data.survey).toBeNull();
  expect((await survey('nps-2', { survey: '2026-Q2', score: 10 })).body.error.code).toBe('NOT_FOUND');
  await queueNpsSurvey(db, 'nps-2', null, at('2026-04-01T10:00:00+08:00'));
  await t.setClock('2026-05-01T10:00:00+08:00', true);
  expect((await current('nps-2')).body.data.survey).toMatchObject({ open: false, answer: null });
  expect((await survey('nps-2', { survey: '2026-Q2', score: 10 })).body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '调查已结束' });
});

test('the nightly snapshot: NPS of the day and of the month to date from the answers', async () => {
  // nps-1 answered 9 on 10 June; two more members answer on 10 June (6: a detractor) and on 3 June (7: passive).
  for (const [openid, score, day] of [['nps-3', 6, '2026-06-10T20:00:00+08:00'], ['nps-4', 7, '2026-06-03T09:00:00+08:00']] as const) {
    await t.setClock('2026-06-01T08:00:00+08:00', true);
    await join(openid);
    await queueNpsSurvey(db, openid, `o-${openid}`, at('2026-06-01T08:00:00+08:00'));
    await t.setClock(day, true);
    expect((await survey(openid, { survey: '2026-Q2', score })).body.ok).toBe(true);
  }
  await t.setClock('2026-06-11T01:00:00+08:00', true);
  await fetch(`${t.url}/_triggers/stats`, { method: 'POST' });
  const { body } = await t.call('stats', { action: 'snapshots', from: '2026-06-10', to: '2026-06-10' }, 'nps-analyst');
  expect(body.data.snapshots[0].nps).toEqual({
    day: { responses: 2, promoters: 1, passives: 0, detractors: 1, score: 0 },
    month: { month: '2026-06', responses: 3, promoters: 1, passives: 1, detractors: 1, score: 0 },
  });
});
