// Binding the member's phone number from WeChat's phone-number button: the client sends the one-time `code` of
// <button open-type="getPhoneNumber">, the server exchanges it (phonenumber.getPhoneNumber) — a number is never
// taken from the client. One member per number: the number's document in `member_phones` is the claim.
import type { Output, ParsedInput } from '../../contract';
import { AppError } from '../core/errors';
import { cloud } from '../runtime/cloud';
import type { MemberContext } from '../runtime/handler';
import { writeOnce } from '../runtime/idempotent';
import { requireMember } from '../runtime/memberRepo';
import { claimImported } from '../services/importClaims';
import { claimUnclaimedOrders } from '../services/unclaimedOrders';
import { maskPhone } from '../services/phones';

async function exchange(code: string): Promise<string> {
  try {
    const res = (await cloud.openapi.phonenumber.getPhoneNumber({ code })) as { phoneInfo?: { purePhoneNumber?: string; phoneNumber?: string } };
    const phone = res.phoneInfo?.purePhoneNumber ?? res.phoneInfo?.phoneNumber;
    if (!phone) throw new Error('no phone in the answer');
    return phone;
  } catch (err) {
    if ((err as { errCode?: number }).errCode === 40029) throw new AppError('INVALID_INPUT', '授权已失效，请重新获取手机号');
    throw err;
  }
}

export async function bindPhone({ db, openid, input, now }: MemberContext<ParsedInput<'member', 'bindPhone'>>): Promise<Output<'member', 'bindPhone'>> {
  const member = await requireMember(db, openid);
  const phone = await exchange(input.code);
  if (member.phone === phone) {
    // A replay also finishes a claim an interrupted first call left (the claim is once per record).
    await claimImported(db, openid, phone, now);
    return { phone: maskPhone(phone), changed: false, orders: await claimUnclaimedOrders(db, openid, phone, now) };
  }
  if (!(await writeOnce(() => db.collection('member_phones').add({ data: { _id: phone, openid, boundAt: now } })))) {
    const { data } = await db.collection('member_phones').where({ _id: phone }).get();
    // A replay of our own earlier claim continues; someone else's number is refused.
    if (data[0]?.openid !== openid) throw new AppError('ALREADY_EXISTS', '该手机号已绑定其他会员');
  }
  await db.collection('members').where({ _id: openid }).update({ data: { phone, phoneBoundAt: now, updatedAt: now } });
  if (member.phone) await db.collection('member_phones').where({ _id: member.phone, openid }).remove();
  // A member imported from the legacy system with this number becomes part of this member (docs/migration.md).
  await claimImported(db, openid, phone, now);
  // Orders a channel delivered for this number before it was bound are this member's now (docs/loyalty-rules.md 7.4).
  return { phone: maskPhone(phone), changed: true, orders: await claimUnclaimedOrders(db, openid, phone, now) };
}
