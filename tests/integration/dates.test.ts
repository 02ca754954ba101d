// Impossible and out-of-range dates at every date and month field: INVALID_INPUT naming the field, nothing written
// (before, `2026-02-30T10:00Z` was stored as 2 March and year 0000 or 9999 answered INTERNAL from the core).
import { DEMO_CHANNEL } from '../../localcloud/seed/demo';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { dumpDatabase } from '../helpers/dump';
import { signed } from '../helpers/orders';

let t: TestCloud;
let memberNo: string;

beforeAll(async () => {
  t = await startTestCloud({ seed: 'demo' });
  memberNo = (t.cloud.db.find('members', { openid: 'demo-member-1' }).docs[0] as { memberNo: string }).memberNo;
});

afterAll(async () => {
  await t.stop();
});

const channel = { channel: DEMO_CHANNEL._id, secret: DEMO_CHANNEL.secret };
const BAD_TIMES = ['2026-02-30T10:00Z', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2026-13-01T10:00:00Z', '2026-01-01T24:00:00+08:00'];
const BAD_DAYS = ['2026-02-30', '0000-01-01', '9999-12-31', '2026-13-01'];
const BAD_MONTHS = ['0000-01', '9999-12', '2026-13', '2026-00'];

async function refused(fn: string, event: object, openid: string | null, message: RegExp) {
  const before = dumpDatabase(t);
  const r = await t.call(fn, event, openid);
  expect(r.body).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(message) } });
  expect(dumpDatabase(t)).toEqual(before);
}

describe('order channel times', () => {
  test.each(BAD_TIMES)('order.paid with paidAt %s', async (paidAt) => {
    const ev = signed('paid', 'order', { orderId: `DATE-${paidAt.replace(/\W/g, '')}`, memberNo, amountFen: 5000, paidAt }, channel);
    await refused('order', ev, null, /^支付时间(不是有效的时间|格式不正确)$/);
  });

  test('2026-02-30T10:00Z in particular names the field', async () => {
    const r = await t.call('order', signed('paid', 'order', { orderId: 'DATE-FEB30', memberNo, amountFen: 5000, paidAt: '2026-02-30T10:00Z' }, channel));
    expect(r.body.error).toEqual({ code: 'INVALID_INPUT', message: '支付时间不是有效的时间' });
    expect(t.cloud.db.find('orders', { _id: 'DATE-FEB30' }).total).toBe(0);
  });

  test.each(BAD_TIMES)('order.refunded with refundedAt %s', async (refundedAt) => {
    const ev = signed('refunded', 'refund', { refundId: 'DATE-R1', orderId: 'DATE-O1', amountFen: 100, refundedAt }, channel);
    await refused('order', ev, null, /^退款时间(不是有效的时间|格式不正确)$/);
  });

  test.each(BAD_TIMES)('order.reviewed with reviewedAt %s', async (reviewedAt) => {
    const ev = signed('reviewed', 'review', { reviewId: 'DATE-V1', orderId: 'DATE-O1', withPhoto: true, reviewedAt }, channel);
    await refused('order', ev, null, /^评价时间(不是有效的时间|格式不正确)$/);
  });
});

describe('staff', () => {
  test.each(BAD_DAYS)('staff.settlement from %s', async (from) => {
    await refused('staff', { action: 'settlement', from, to: '2026-03-31' }, 'demo-admin', /^开始日期(不是有效的日期|格式不正确)$/);
  });

  test.each(BAD_DAYS)('staff.settlement to %s', async (to) => {
    await refused('staff', { action: 'settlement', from: '2026-01-01', to }, 'demo-admin', /^结束日期(不是有效的日期|格式不正确)$/);
  });

  test.each(BAD_TIMES)('staff.recordPurchase with paidAt %s', async (paidAt) => {
    await refused('staff', { action: 'recordPurchase', memberNo, orderId: 'DATE-P1', amountFen: 100, paidAt }, 'demo-clerk', /^支付时间(不是有效的时间|格式不正确)$/);
  });
});

describe('member months and days', () => {
  test.each(BAD_MONTHS)('referral.leaderboard month %s', async (month) => {
    await refused('referral', { action: 'leaderboard', month }, 'demo-member-1', /^月份(不是有效的月份|格式不正确)$/);
  });

  test.each(BAD_MONTHS)('checkin.calendar month %s', async (month) => {
    await refused('checkin', { action: 'calendar', month }, 'demo-member-1', /^月份(不是有效的月份|格式不正确)$/);
  });

  test.each(BAD_DAYS)('checkin.makeUp (补签) day %s', async (day) => {
    await refused('checkin', { action: 'makeUp', day }, 'demo-member-1', /^日期(不是有效的日期|格式不正确)$/);
  });

  test('a real month and day still work', async () => {
    expect((await t.call('checkin', { action: 'calendar', month: '2026-02' }, 'demo-member-1')).body.ok).toBe(true);
    expect((await t.call('referral', { action: 'leaderboard', month: '2026-02' }, 'demo-member-1')).body.ok).toBe(true);
    const s = await t.call('staff', { action: 'settlement', from: '2028-02-01', to: '2028-02-29' }, 'demo-admin');
    expect(s.body.ok).toBe(true);
  });
});
