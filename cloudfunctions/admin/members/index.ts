// The console's members actions, served by the admin function (see contract/consoleMembers.ts).
import type { Action } from '../../runtime/handler';
import { staffAction, staffWrite } from '../../runtime/handler';
import type { consoleMembers as contract } from '../../../contract/consoleMembers';
import { memberDetail } from './detail';
import { freezeMember } from './freeze';
import { memberLedger } from './ledger';
import { addMemberNote } from './notes';
import { searchMembers } from './search';

export const membersActions: { [K in keyof typeof contract]: Action<(typeof contract)[K]> } = {
  searchMembers: staffAction(searchMembers),
  memberDetail: staffAction(memberDetail),
  memberLedger: staffAction(memberLedger),
  freezeMember: staffWrite(freezeMember),
  addMemberNote: staffWrite(addMemberNote),
};
