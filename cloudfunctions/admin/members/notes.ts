// admin.addMemberNote: a staff note on a member, once per request id (the note's _id is the staff member and the
// request id: a replay answers the note written first; the same id with another member or text is ALREADY_EXISTS).
import type { Output, ParsedInput } from '../../../contract';
import { AppError } from '../../core/errors';
import type { StaffContext } from '../../runtime/handler';
import { once } from '../../runtime/idempotent';
import { noteId, noteView, type MemberNoteDoc } from '../../services/memberNotes';

export async function addMemberNote({ db, input, staff, now, recordChange }: StaffContext<ParsedInput<'admin', 'addMemberNote'>>): Promise<Output<'admin', 'addMemberNote'>> {
  const id = noteId(staff.openid, input.requestId);
  const stored = async () => (await db.collection('member_notes').where({ _id: id }).limit(1).get()).data[0] ?? null;
  return once({
    first: true,
    stored,
    same: (n) => n.memberNo === input.memberNo && n.text === input.text,
    taken: '该请求号已用于其他备注',
    answer: (n) => ({ note: noteView(n) }),
    run: async () => {
      const { data } = await db.collection('members').where({ memberNo: input.memberNo }).limit(1).field({ openid: true, memberNo: true }).get();
      if (!data[0]) throw new AppError('NOT_FOUND', '会员不存在');
      const doc: MemberNoteDoc = {
        _id: id, openid: data[0].openid, memberNo: data[0].memberNo, text: input.text,
        staff: staff.openid, staffName: staff.name, role: staff.role, requestId: input.requestId, at: now,
      };
      await db.collection('member_notes').add({ data: doc });
      recordChange({ collection: 'member_notes', id, before: null, after: doc });
      return { note: noteView(doc), replayed: false };
    },
  });
}
