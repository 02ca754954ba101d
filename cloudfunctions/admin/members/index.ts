// The console's members actions, served by the admin function (see contract/consoleMembers.ts).
import type { Action } from '../../runtime/handler';
import type { consoleMembers as contract } from '../../../contract/consoleMembers';

export const membersActions: { [K in keyof typeof contract]: Action<(typeof contract)[K]> } = {
};
