import type { Output, ParsedInput } from '../../contract';
import { AppError } from '../core/errors';
import type { MemberContext } from '../runtime/handler';
import { findMember } from '../runtime/memberRepo';
import { publicMember } from './view';

/** Sets the caller's nickname and/or avatar (the 完善资料 task counts a real nickname and an avatar). */
export async function updateProfile({ db, openid, input, now }: MemberContext<ParsedInput<'member', 'updateProfile'>>): Promise<Output<'member', 'updateProfile'>> {
  const { nickname } = input;
  const data: Record<string, unknown> = { updatedAt: now };
  if (nickname !== undefined) data.nickname = nickname;
  if (input.avatarUrl !== undefined) data.avatarUrl = input.avatarUrl;
  // Profile fields are not part of the ledger, so a plain update of the member document is enough.
  const { stats } = await db.collection('members').where({ _id: openid }).update({ data });
  if (stats.updated === 0) {
    const exists = await findMember(db, { openid });
    if (!exists) throw new AppError('NOT_FOUND', '尚未注册会员，请先登录');
  }
  const member = await findMember(db, { openid });
  return { member: publicMember(member!) };
}
