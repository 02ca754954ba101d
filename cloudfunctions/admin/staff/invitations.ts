// One-time staff invitations: an admin names the person, the role and (for clerks and managers) the store; the code
// is shown as a link / QR code for the invitee to open in the mini-program (member.joinStaff). 72 hours, once; an
// open one can be revoked. The same request id makes the same invitation (a double click invites once).
import type { Output, ParsedInput } from '../../../contract';
import { AppError } from '../../core/errors';
import { INVITATION_TTL_MS, invitationCode, invitationState, needsStore } from '../../core/invitations';
import { codeSecret } from '../../runtime/codeSecret';
import { isDuplicateKey } from '../../runtime/dbErrors';
import type { StaffContext } from '../../runtime/handler';
import { invitationView, storeNames } from './views';

export async function inviteStaff({ db, input, staff, now, recordChange }: StaffContext<ParsedInput<'admin', 'inviteStaff'>>): Promise<Output<'admin', 'inviteStaff'>> {
  const stores = await storeNames(db);
  if (needsStore(input.role) && !input.storeId) throw new AppError('NOT_ELIGIBLE', '店员和店长必须指定门店');
  if (input.storeId && !stores.has(input.storeId)) throw new AppError('NOT_FOUND', '门店不存在');
  const code = invitationCode(codeSecret(), staff.openid, input.requestId);
  const doc = {
    _id: code, name: input.name, role: input.role, storeId: needsStore(input.role) ? input.storeId ?? null : null, status: 'open' as const,
    requestId: input.requestId, createdBy: staff.openid, createdByName: staff.name, createdAt: now, expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
    usedBy: null, usedAt: null, revokedAt: null,
  };
  try {
    await db.collection('staff_invitations').add({ data: doc });
    recordChange({ collection: 'staff_invitations', id: code, before: null, after: doc });
    return invitationView(doc, stores, now);
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const { data } = await db.collection('staff_invitations').where({ _id: code }).get();
    return invitationView(data[0], stores, now);
  }
}

export async function listInvitations({ db, now }: StaffContext<ParsedInput<'admin', 'listInvitations'>>): Promise<Output<'admin', 'listInvitations'>> {
  const [{ data }, stores] = await Promise.all([db.collection('staff_invitations').orderBy('createdAt', 'desc').limit(100).get(), storeNames(db)]);
  return { items: data.map((inv) => invitationView(inv, stores, now)) };
}

export async function revokeInvitation({ db, input, now, recordChange }: StaffContext<ParsedInput<'admin', 'revokeInvitation'>>): Promise<Output<'admin', 'revokeInvitation'>> {
  const read = async () => (await db.collection('staff_invitations').where({ _id: input.code }).get()).data[0];
  const before = await read();
  if (!before) throw new AppError('NOT_FOUND', '邀请码不存在');
  const stores = await storeNames(db);
  if (before.status === 'revoked') return invitationView(before, stores, now);
  if (invitationState(before, now) !== 'open') throw new AppError('NOT_ELIGIBLE', before.status === 'used' ? '该邀请已被使用，不能撤回；如需停用请在员工列表中操作' : '该邀请已过期');
  const { stats } = await db.collection('staff_invitations').where({ _id: input.code, status: 'open' }).update({ data: { status: 'revoked', revokedAt: now } });
  const after = await read();
  if (stats.updated !== 1 && after.status !== 'revoked') throw new AppError('NOT_ELIGIBLE', '该邀请已被使用，不能撤回；如需停用请在员工列表中操作');
  if (stats.updated === 1) recordChange({ collection: 'staff_invitations', id: input.code, before, after });
  return invitationView(after, stores, now);
}
