// Staff scan a member code (or type its digits) and see the member's tier, points and benefits; then record a
// purchase for them through the one order path (services/orders.ts), idempotent by order id, within the till limits.
import type { Output, ParsedInput } from '../../contract';
import { readMemberCode } from '../core/codes';
import { AppError } from '../core/errors';
import { isTillRole, type TillRole } from '../core/roles';
import { shanghaiDay } from '../core/time';
import { recordPaidOrder } from '../services/orders';
import { codeSecret } from '../runtime/codeSecret';
import { loadConfig } from '../runtime/configStore';
import type { Database } from '../runtime/dbTypes';
import type { StaffContext } from '../runtime/handler';
import { findMember } from '../runtime/memberRepo';
import { logActivity } from './activity';
import { approvalView, findApproval, holdPurchase, sameHeld, stampOf } from './approvals';
import { freshMemberView, staffMemberView } from './memberView';
import { releaseTill, reserveTill, tillLimitsFor } from './tillLimits';
import { yuan } from '../core/numbers';
import { checkBackdate } from './backdate';
import { storeOf } from './stores';
import { unusedVouchers } from './vouchers';
import { phoneOwner } from '../services/phones';
import { deductionFor, type DeductionRef } from '../services/deductions';

const normalise = (code: string) => code.replace(/[\s-]+/g, '');

/** The member number in a valid member code; CODE_EXPIRED or CODE_INVALID otherwise. */
export async function memberFromCode(db: Database, code: string, now: Date) {
  const config = await loadConfig(db);
  const reading = readMemberCode(codeSecret(), normalise(code), now, config.memberCode);
  if (!reading.ok) {
    if (reading.reason === 'expired') throw new AppError('CODE_EXPIRED', '会员码已过期，请会员刷新后重新出示');
    throw new AppError('CODE_INVALID', reading.reason === 'malformed' ? '会员码应为 18 位数字' : '会员码无效');
  }
  const member = await findMember(db, { memberNo: reading.memberNo });
  if (!member) throw new AppError('NOT_FOUND', '会员不存在');
  return { member, config, expiresAt: reading.expiresAt };
}

/** The caller's store for judging vouchers; null for staff without one (an admin). */
const storeOrNull = (db: Database, staff: StaffContext<unknown>['staff']) => (staff.storeId ? storeOf(db, staff) : Promise.resolve(null));

export async function scanMember({ db, input, staff, now }: StaffContext<ParsedInput<'staff', 'scanMember'>>): Promise<Output<'staff', 'scanMember'>> {
  const [{ member, config, expiresAt }, store] = await Promise.all([memberFromCode(db, input.code, now), storeOrNull(db, staff)]);
  return { ...staffMemberView(member, config, now), codeExpiresAt: expiresAt.toISOString(), vouchers: await unusedVouchers(db, member.openid, store, now) };
}

/** By the bound phone (member_phones) or the member number: the two keys a member can say at the till. */
export async function findMemberAtTill({ db, input, staff, now }: StaffContext<ParsedInput<'staff', 'findMember'>>): Promise<Output<'staff', 'findMember'>> {
  const foundBy = input.keyword.startsWith('1') ? 'phone' as const : 'memberNo' as const;
  const [member, config, store] = await Promise.all([
    foundBy === 'phone'
      ? phoneOwner(db, input.keyword).then((openid) => (openid ? findMember(db, { openid }) : null))
      : findMember(db, { memberNo: input.keyword }),
    loadConfig(db),
    storeOrNull(db, staff),
  ]);
  if (!member) throw new AppError('NOT_FOUND', foundBy === 'phone' ? '没有会员绑定这个手机号' : '会员号不存在');
  return { ...staffMemberView(member, config, now), foundBy, vouchers: await unusedVouchers(db, member.openid, store, now) };
}

/**
 * A purchase at the till, idempotent by receipt number. A clerk's purchase above the store's limits is held for a
 * manager (approvals.ts) and credits nothing; a retry of a held receipt answers its state, of an approved one the
 * recorded purchase.
 */
export async function recordPurchase({ db, input, staff, now, device }: StaffContext<ParsedInput<'staff', 'recordPurchase'>>): Promise<Output<'staff', 'recordPurchase'>> {
  const store = await storeOf(db, staff);
  const orderId = `${store._id}:${input.orderId}`;
  const paidAt = input.paidAt ?? now.toISOString();
  const config = await loadConfig(db);
  let recorded: boolean | undefined;
  const alreadyRecorded = async () => (recorded ??= await orderExists(db, orderId));
  let backdated = false;
  try {
    ({ backdated } = checkBackdate(new Date(paidAt), tillRole(staff), now, config));
  } catch (e) {
    // A retry of a purchase already recorded (e.g. the day before) answers its first result; a new one is refused.
    if (!(await alreadyRecorded())) throw e;
  }
  // An approved deduction: the hold must be this receipt's (same member and amount); judged again when recorded.
  const deduction: DeductionRef | undefined = input.holdId
    ? await deductionFor(db, input.holdId, { orderId, memberNo: input.memberNo, amountFen: input.amountFen }, 'store')
    : undefined;
  const limits = tillLimitsFor(staff.role, store._id, config);
  let reserved = false;
  if (limits) {
    const held = await findApproval(db, orderId);
    if (held && held.status !== 'approved') return { status: 'held', approval: approvalView(sameHeld(held, input.memberNo, input.amountFen)), storeName: store.name };
    const reservation = held ? { ok: true as const } : await reserveTill(db, staff.openid, orderId, input.amountFen, limits, now);
    if (!reservation.ok && !(await alreadyRecorded())) {
      // A held purchase is recorded later by a manager, long after the member's hold has lapsed.
      if (deduction) throw new AppError('NOT_ELIGIBLE', '该笔消费超过限额需店长审批，不能使用积分抵扣，请先取消抵扣');
      const approval = await holdPurchase(db, {
        orderId, receipt: input.orderId, store, memberNo: input.memberNo, amountFen: input.amountFen, items: input.items ?? [], paidAt: new Date(paidAt), backdated,
        limit: reservation.limit, limitFen: reservation.limitFen,
      }, stampOf(staff, device), now);
      return { status: 'held', approval: approvalView(approval), storeName: store.name };
    }
    reserved = reservation.ok && !held;
  }
  let result;
  try {
    result = await recordPaidOrder(db, {
      orderId, memberNo: input.memberNo, amountFen: input.amountFen, items: input.items, storeId: store._id, format: store.format, paidAt,
    }, { channel: 'store', issuer: `staff:${staff.openid}`, storeId: store._id, format: store.format }, now, deduction);
  } catch (e) {
    // Refused for good (no such member, the receipt taken by another purchase): it does not count toward the day.
    if (reserved && e instanceof AppError && e.code !== 'CONFLICT' && e.code !== 'INTERNAL') await releaseTill(db, staff.openid, orderId, input.amountFen, now);
    throw e;
  }
  if (!result.replayed) {
    const amount = yuan(input.amountFen);
    await logActivity(db, staff, {
      type: 'purchase', ref: orderId, memberNo: input.memberNo,
      title: `${backdated ? `补录 ${shanghaiDay(new Date(paidAt))} 消费 ${amount} 元` : `消费 ${amount} 元`}${result.deduction ? `（积分抵扣 ${yuan(result.deduction.deductionFen)} 元）` : ''}`,
      points: result.pointsEarned, amountFen: input.amountFen,
      ...(backdated ? { backdated: true, paidAt: new Date(paidAt) } : {}),
    }, now);
  }
  return { status: 'recorded', ...result, storeName: store.name, member: await freshMemberView(db, input.memberNo, config, now) };
}

/** The role matrix lets only till roles here; the type says so too. */
function tillRole(staff: StaffContext<unknown>['staff']): TillRole {
  if (!isTillRole(staff.role)) throw new AppError('FORBIDDEN', '当前岗位无权执行该操作');
  return staff.role;
}

async function orderExists(db: Database, orderId: string): Promise<boolean> {
  const { data } = await db.collection('orders').where({ _id: orderId }).field({ _id: true }).get();
  return data.length > 0;
}
