// A member's redemptions from the console through the local cloud: an operator replaces a leaked voucher code (the
// old code stops working at once, the new one writes off, a retried request answers the same code) and cancels an
// unused redemption (points back, as at the till); a used voucher can be neither.
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { expectConsistent, item, member, memberDoc, seedMallFixtures } from '../helpers/mall';

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud({ seed: 'empty', maxWorkersPerFunction: 2 });
  await seedMallFixtures(t, [item('tea', { pointsPrice: 50 })]);
  await t.cloud.db.insertMany('staff', [{ _id: 'operator-1', openid: 'operator-1', name: '运营甲', role: 'operator', storeId: null, active: true }]);
}, 60_000);

afterAll(async () => {
  await t.stop();
});

const redeem = async (openid: string, requestId: string) => (await t.call('mall', { action: 'redeem', itemId: 'tea', requestId }, openid)).body.data as { redemptionId: string; voucher: { code: string } };
const admin = (action: string, input: object) => t.call('admin', { action, ...input }, 'operator-1');
const writeOff = (code: string) => t.call('staff', { action: 'verifyVoucher', code }, 'clerk-mall');

test('a replaced voucher code: the old one stops working, the new one writes off once, a retry answers the same code', async () => {
  await member(t, 'cr-1', 500);
  const r = await redeem('cr-1', 'cr-1-redeem-0001');
  const first = await admin('reissueVoucher', { redemptionId: r.redemptionId, reason: '券码截图被转发', requestId: 'reissue-0001' });
  expect(first.body.data).toMatchObject({ redemptionId: r.redemptionId, replayed: false });
  const code = first.body.data.voucherCode as string;
  expect(code).toMatch(/^\d{12}$/);
  expect(code).not.toBe(r.voucher.code);
  expect((await admin('reissueVoucher', { redemptionId: r.redemptionId, reason: '券码截图被转发', requestId: 'reissue-0001' })).body.data).toMatchObject({ voucherCode: code, replayed: true });
  expect((await writeOff(r.voucher.code)).body.error).toEqual({ code: 'CODE_INVALID', message: '券码无效' });
  const mine = (await t.call('mall', { action: 'myRedemptions' }, 'cr-1')).body.data.items.find((x: { id: string }) => x.id === r.redemptionId);
  expect(mine.voucher.code).toBe(code);
  expect((await writeOff(code)).body.data).toMatchObject({ status: 'used' });
  expect((await admin('reissueVoucher', { redemptionId: r.redemptionId, reason: '再换一次', requestId: 'reissue-0002' })).body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '该券已核销，不能更换券码' });
  const audit = t.cloud.db.find('staff_audit', { action: 'reissueVoucher', replayed: false }).docs as Array<{ changes: Array<{ before: { voucherCode: string }; after: { voucherCode: string } }> }>;
  expect(audit[0].changes[0]).toEqual(expect.objectContaining({ before: { voucherCode: r.voucher.code }, after: { voucherCode: code } }));
});

test('an operator cancels an unused redemption: the points come back; a used one cannot be cancelled', async () => {
  await member(t, 'cr-2', 500);
  const r = await redeem('cr-2', 'cr-2-redeem-0001');
  const before = memberDoc(t, 'cr-2').points.balance;
  const cancelled = await admin('cancelMemberRedemption', { redemptionId: r.redemptionId, reason: '会员来电要求取消' });
  expect(cancelled.body.data).toMatchObject({ redemptionId: r.redemptionId, status: 'cancelled', pointsReturned: 50 });
  expect(memberDoc(t, 'cr-2').points.balance).toBe(before + 50);
  expect((await admin('cancelMemberRedemption', { redemptionId: r.redemptionId, reason: '再取消一次' })).body.error.code).toBe('NOT_ELIGIBLE');
  const used = await redeem('cr-2', 'cr-2-redeem-0002');
  await writeOff(used.voucher.code);
  expect((await admin('cancelMemberRedemption', { redemptionId: used.redemptionId, reason: '误兑' })).body.error).toEqual({ code: 'NOT_ELIGIBLE', message: '已核销的兑换不能取消' });
  expectConsistent(t, 'cr-2');
});
