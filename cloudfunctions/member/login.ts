import { AppError } from '../core/errors';
import { newMember, type MemberDoc } from '../core/member';
import type { MemberContext } from '../runtime/handler';
import { isDuplicateKey } from '../runtime/dbErrors';
import { publicMember } from './view';

/**
 * Registers the caller on first call. The member's _id is the openid, so concurrent first logins race on the
 * primary key: one insert wins, the others read the winner. No read-then-write window.
 */
export async function login({ db, openid, now }: MemberContext<Record<string, never>>) {
  const members = db.collection('members');
  const existing = await members.where({ _id: openid }).get();
  if (existing.data.length > 0) return { member: publicMember(existing.data[0] as MemberDoc), created: false };

  for (let salt = 0; salt < 3; salt++) {
    const doc = newMember(openid, now, salt);
    try {
      await members.add({ data: doc });
      return { member: publicMember(doc), created: true };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const winner = await members.where({ _id: openid }).get();
      if (winner.data.length > 0) return { member: publicMember(winner.data[0] as MemberDoc), created: false };
      // Not our _id: the derived member number collided with another member's; try the next salt.
    }
  }
  throw new AppError('CONFLICT', '会员号分配失败，请重试');
}
