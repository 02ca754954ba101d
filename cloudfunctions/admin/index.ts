import { admin } from '../../contract/admin';
import { defineFunction, staffAction, staffWrite, type StaffContext } from '../runtime/handler';
import type { ParsedInput } from '../../contract';
import { decideAdjustment, listAdjustments, requestAdjustment } from '../services/adjustmentApprovals';
import type { AdjustInput } from '../services/pointsAdjustment';
import { stampOf } from '../runtime/audit';
import { audit } from './audit';
import { membersActions } from './members';
import { redemptionActions } from './redemptions';
import { rulesActions } from './rules';
import { staffActions } from './staff';
import { getConfig, setConfig } from './config';
import { confirmWebLogin, webLoginRequest } from './webLogin';

const adjustAction = ({ db, input, staff, device, now }: StaffContext<AdjustInput>) => requestAdjustment(db, input, stampOf(staff, device), now);
const adjustmentApprovals = ({ db, input }: StaffContext<ParsedInput<'admin', 'adjustmentApprovals'>>) => listAdjustments(db, input.status);
const decide = ({ db, input, staff, device, now }: StaffContext<ParsedInput<'admin', 'decideAdjustment'>>) => decideAdjustment(db, input, stampOf(staff, device), now);

export const main = defineFunction({
  name: 'admin',
  contract: admin,
  actions: {
    ...membersActions,
    ...staffActions,
    ...rulesActions,
    ...redemptionActions,
    getConfig: staffAction(getConfig),
    setConfig: staffWrite(setConfig),
    adjustPoints: staffWrite(adjustAction),
    adjustmentApprovals: staffAction(adjustmentApprovals),
    decideAdjustment: staffWrite(decide),
    audit: staffAction(audit),
    webLoginRequest: staffAction(webLoginRequest),
    confirmWebLogin: staffWrite(confirmWebLogin),
  },
});
