// Staff notes on a member (admin.addMemberNote): one document each in `member_notes`, _id = `<staff openid>|<request
// id>`, so a double click or a retry keeps one note.
import type { MemberNoteDoc } from '../core/documents';
import { ROLE_NAMES } from '../core/roles';
import type { Database, Stored } from '../runtime/dbTypes';

export type { MemberNoteDoc };

export const noteId = (staffOpenid: string, requestId: string) => `${staffOpenid}|${requestId}`;

export function noteView(n: Stored<MemberNoteDoc>) {
  return { id: n._id, text: n.text, byName: n.staffName, roleName: ROLE_NAMES[n.role] ?? n.role, at: new Date(n.at).toISOString() };
}

/** The member's latest notes, newest first. */
export async function latestNotes(db: Database, openid: string, limit: number) {
  const { data } = await db.collection('member_notes').where({ openid }).orderBy('at', 'desc').limit(limit).get();
  return data.map(noteView);
}
