import type { Output, ParsedInput } from '../../contract';
import { AppError } from '../core/errors';
import type { MemberContext } from '../runtime/handler';
import { findMember } from '../runtime/memberRepo';
import { birthdayView, publicMember } from './view';

const BIRTHDAY_SET = '生日已设置，如需修改请到门店由工作人员办理';

/**
 * Sets the caller's nickname and/or avatar (the 完善资料 task counts a real nickname and an avatar) and/or their
 * birthday, once: the birthday is written only where none is set (a compare-and-set), so a second setting is refused
 * (changes go through staff, staff.setBirthday) and nothing of that request is written; the same birthday again is a
 * replay. A birthday set makes the daily job look at the member's benefits on its next run (the birthday month gift).
 */
export async function updateProfile({ db, openid, input, now }: MemberContext<ParsedInput<'member', 'updateProfile'>>): Promise<Output<'member', 'updateProfile'>> {
  const { nickname, birthday } = input;
  const profile: Record<string, unknown> = { updatedAt: now };
  if (nickname !== undefined) profile.nickname = nickname;
  if (input.avatarUrl !== undefined) profile.avatarUrl = input.avatarUrl;
  const where: Record<string, unknown> = { _id: openid };
  const data = { ...profile };
  if (birthday) {
    where.birthday = null;
    data.birthday = { month: birthday.month, day: birthday.day, year: birthday.year ?? null, setAt: now, setBy: 'member' };
    data.benefitsAt = now;
  }
  // Profile fields are not part of the ledger, so a plain update of the member document is enough.
  const { stats } = await db.collection('members').where(where).update({ data });
  if (stats.updated === 0) {
    const exists = await findMember(db, { openid });
    if (!exists) throw new AppError('NOT_FOUND', '尚未注册会员，请先登录');
    if (birthday) {
      const held = exists.birthday;
      const same = held && held.month === birthday.month && held.day === birthday.day && held.year === (birthday.year ?? null);
      if (!same) throw new AppError('NOT_ELIGIBLE', BIRTHDAY_SET);
      // The same birthday again (a retry): the rest of the request still applies.
      if (nickname !== undefined || input.avatarUrl !== undefined) await db.collection('members').where({ _id: openid }).update({ data: profile });
    }
  }
  const member = await findMember(db, { openid });
  return { member: publicMember(member!), birthday: birthdayView(member!.birthday) };
}
