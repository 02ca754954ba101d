// A member's birthday changed by staff (the member set it once; a wrong one is corrected here, with a reason). The
// staff audit trail keeps who changed it, why, and what it was before. The member's benefits are looked at on the
// daily job's next run (a birthday moved into the current month gets this year's gift, once: core/benefits.ts).
import type { Output, ParsedInput } from '../../contract';
import { AppError } from '../core/errors';
import type { StaffContext } from '../runtime/handler';
import { findMember } from '../runtime/memberRepo';

const view = (b: { month: number; day: number; year: number | null } | null | undefined) => (b ? { month: b.month, day: b.day, year: b.year } : null);

export async function setBirthday({ db, input, now, recordChange }: StaffContext<ParsedInput<'staff', 'setBirthday'>>): Promise<Output<'staff', 'setBirthday'>> {
  const member = await findMember(db, { memberNo: input.memberNo });
  if (!member) throw new AppError('NOT_FOUND', '会员不存在');
  const previous = view(member.birthday);
  const birthday = { month: input.birthday.month, day: input.birthday.day, year: input.birthday.year ?? null, setAt: now, setBy: 'staff' as const };
  await db.collection('members').where({ _id: member.openid }).update({ data: { birthday, benefitsAt: now, updatedAt: now } });
  recordChange({ collection: 'members', id: member.openid, before: { birthday: previous }, after: { birthday: view(birthday), reason: input.reason } });
  return { memberNo: member.memberNo, birthday: view(birthday), previous };
}
