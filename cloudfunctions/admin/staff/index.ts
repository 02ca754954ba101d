// The console's staff actions, served by the admin function (see contract/consoleStaff.ts).
import type { consoleStaff as contract } from '../../../contract/consoleStaff';
import { staffAction, staffWrite, type Action } from '../../runtime/handler';
import { auditLog } from './auditLog';
import { inviteStaff, listInvitations, revokeInvitation } from './invitations';
import { listStaff, updateStaff } from './members';
import { session } from './session';

export const staffActions: { [K in keyof typeof contract]: Action<(typeof contract)[K]> } = {
  session: staffAction(session),
  listStaff: staffAction(listStaff),
  inviteStaff: staffWrite(inviteStaff),
  listInvitations: staffAction(listInvitations),
  revokeInvitation: staffWrite(revokeInvitation),
  updateStaff: staffWrite(updateStaff),
  auditLog: staffAction(auditLog),
};
