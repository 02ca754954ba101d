// admin.freezeMember: freezes or unfreezes a member through the member write path (one member transaction; the
// member's rev serialises it with redemptions): a redemption that commits after the freeze sees it and is refused.
import type { Output, ParsedInput } from '../../../contract';
import { AppError } from '../../core/errors';
import type { StaffContext } from '../../runtime/handler';
import { findMember, writeMember } from '../../runtime/memberRepo';
import { freezeView } from '../../services/memberAccount';
import { planFreeze } from './freezeRules';

export async function freezeMember({ db, input, staff, now, recordChange }: StaffContext<ParsedInput<'admin', 'freezeMember'>>): Promise<Output<'admin', 'freezeMember'>> {
  const found = await findMember(db, { memberNo: input.memberNo });
  if (!found) throw new AppError('NOT_FOUND', '会员不存在');
  const plan = await writeMember(db, found.openid, { now }, ({ member }) => {
    const p = planFreeze(member, input, staff, now);
    return { write: p.fields ? { fields: p.fields } : null, result: p };
  });
  if (!plan.replayed) {
    recordChange({ collection: 'members', id: found.openid, before: { frozen: plan.before }, after: { frozen: plan.after } });
  }
  return { memberNo: found.memberNo, frozen: freezeView(plan.after), replayed: plan.replayed };
}
