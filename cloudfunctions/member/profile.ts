import { AppError } from '../core/errors';
import { v } from '../core/validate';
import type { MemberContext } from '../runtime/handler';
import { findMember } from '../runtime/memberRepo';
import { publicMember } from './view';

// The avatar is a file the client uploaded to cloud storage (cloud://…) or an https URL from WeChat's avatar picker.
export const profileInput = v.object({
  nickname: v.string({ min: 1, max: 20 }).optional(),
  avatarUrl: v.string({ min: 8, max: 512, pattern: /^(cloud|https):\/\/\S+$/ }).optional(),
});

/** Sets the caller's nickname and/or avatar (the 完善资料 task counts a real nickname and an avatar). */
export async function updateProfile({ db, openid, input, now }: MemberContext<{ nickname?: string; avatarUrl?: string }>) {
  if (input.nickname === undefined && input.avatarUrl === undefined) throw new AppError('INVALID_INPUT', '请填写昵称或头像');
  const nickname = input.nickname?.trim();
  if (nickname !== undefined && nickname.length === 0) throw new AppError('INVALID_INPUT', '参数 nickname 不能为空');
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
