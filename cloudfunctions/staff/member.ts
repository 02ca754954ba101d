// Staff scan a member code (or type its digits) and see the member's tier, points and benefits; then record a
// purchase for them through the one order path (services/orders.ts), idempotent by order id.
import type { Output, ParsedInput } from '../../contract';
import { readMemberCode } from '../core/codes';
import { AppError } from '../core/errors';
import { buildMemberHome } from '../core/member';
import { shanghaiDay } from '../core/time';
import { recordPaidOrder } from '../services/orders';
import { codeSecret } from '../runtime/codeSecret';
import { loadConfig } from '../runtime/configStore';
import type { Database } from '../runtime/dbTypes';
import type { StaffContext } from '../runtime/handler';
import { findMember, lotsOf } from '../runtime/memberRepo';
import { logActivity } from './activity';
import { checkBackdate } from './backdate';
import { storeOf } from './stores';

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

export async function scanMember({ db, input, now }: StaffContext<ParsedInput<'staff', 'scanMember'>>): Promise<Output<'staff', 'scanMember'>> {
  const { member, config, expiresAt } = await memberFromCode(db, input.code, now);
  const home = buildMemberHome(member, lotsOf(member), config, now);
  return {
    memberNo: member.memberNo,
    nickname: member.nickname,
    tier: home.tier,
    points: home.points,
    growth: { total: home.growth.total },
    codeExpiresAt: expiresAt.toISOString(),
  };
}


export async function recordPurchase({ db, input, staff, now }: StaffContext<ParsedInput<'staff', 'recordPurchase'>>): Promise<Output<'staff', 'recordPurchase'>> {
  const store = await storeOf(db, staff);
  const orderId = `${store._id}:${input.orderId}`;
  const paidAt = input.paidAt ?? now.toISOString();
  let backdated = false;
  try {
    ({ backdated } = checkBackdate(new Date(paidAt), staff.role, now, await loadConfig(db)));
  } catch (e) {
    // A retry of a purchase already recorded (e.g. the day before) answers its first result; a new one is refused.
    if (!(await orderExists(db, orderId))) throw e;
  }
  const result = await recordPaidOrder(db, {
    orderId, memberNo: input.memberNo, amountFen: input.amountFen, items: input.items, storeId: store._id, format: store.format, paidAt,
  }, { channel: 'store', issuer: `staff:${staff.openid}`, storeId: store._id, format: store.format }, now);
  if (!result.replayed) {
    const yuan = (input.amountFen / 100).toFixed(2);
    await logActivity(db, staff, {
      type: 'purchase', ref: orderId, memberNo: input.memberNo,
      title: backdated ? `补录 ${shanghaiDay(new Date(paidAt))} 消费 ${yuan} 元` : `消费 ${yuan} 元`,
      points: Number((result as { pointsEarned?: number }).pointsEarned ?? 0), amountFen: input.amountFen,
      ...(backdated ? { backdated: true, paidAt: new Date(paidAt) } : {}),
    }, now);
  }
  return { ...result, storeName: store.name };
}

async function orderExists(db: Database, orderId: string): Promise<boolean> {
  const { data } = await db.collection('orders').where({ _id: orderId }).field({ _id: true }).get();
  return data.length > 0;
}
