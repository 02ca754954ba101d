// Accepting a staff invitation (member.joinStaff): the invitee's own openid becomes the staff member, once. The
// invitation is claimed by a compare-and-set (open → used by this openid), then the staff document is written; a
// retry by the same openid after a crash in between finishes the binding, another openid gets ALREADY_USED.
import type { Output } from '../../contract';
import { invitationState } from '../core/invitations';
import { AppError } from '../core/errors';
import { ROLE_NAMES } from '../core/roles';
import { isDuplicateKey } from '../runtime/dbErrors';
import type { Database } from '../runtime/dbTypes';

export async function joinStaff(db: Database, openid: string, code: string, now: Date): Promise<Output<'member', 'joinStaff'>> {
  const { data } = await db.collection('staff_invitations').where({ _id: code }).get();
  const inv = data[0];
  if (!inv) throw new AppError('NOT_FOUND', '邀请码不存在，请向管理员确认');
  const storeName = async () => {
    if (!inv.storeId) return null;
    const { data: stores } = await db.collection('stores').where({ _id: inv.storeId }).get();
    return stores[0]?.name ?? null;
  };
  const answer = async (replayed: boolean) => ({ name: inv.name, role: inv.role, roleName: ROLE_NAMES[inv.role], storeName: await storeName(), replayed });
  const mine = inv.status === 'used' && inv.usedBy === openid;
  if (!mine) {
    const state = invitationState(inv, now);
    if (state === 'used') throw new AppError('ALREADY_USED', '该邀请码已被使用');
    if (state === 'revoked') throw new AppError('NOT_FOUND', '该邀请已被管理员撤回');
    if (state === 'expired') throw new AppError('CODE_EXPIRED', '邀请码已过期，请联系管理员重新邀请');
    const { data: existing } = await db.collection('staff').where({ _id: openid }).get();
    if (existing[0]) throw new AppError('ALREADY_EXISTS', existing[0].active ? '你已是员工账号，无需再次加入' : '你的员工账号已停用，请联系管理员重新启用');
    const { stats } = await db.collection('staff_invitations').where({ _id: code, status: 'open' }).update({ data: { status: 'used', usedBy: openid, usedAt: now } });
    if (stats.updated !== 1) return joinStaff(db, openid, code, now); // someone claimed it in between: say who won
  }
  try {
    await db.collection('staff').add({
      data: { _id: openid, openid, name: inv.name, role: inv.role, storeId: inv.storeId, active: true, createdAt: now, version: 1, updatedAt: now,
        lastWrite: { requestId: `join:${code}`, by: openid, byName: inv.name, at: now, fields: ['role', 'storeId', 'active'] } },
    });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return answer(true); // bound before (a retry): the staff document is there
  }
  return answer(mine);
}
