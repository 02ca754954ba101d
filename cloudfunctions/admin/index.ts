import { admin } from '../../contract/admin';
import { defineFunction, staffAction, staffWrite, type StaffContext } from '../runtime/handler';
import { adjustPoints, type AdjustInput } from '../services/pointsAdjustment';
import { audit } from './audit';
import { catalogActions } from './catalog';
import { membersActions } from './members';
import { rulesActions } from './rules';
import { staffActions } from './staff';
import { getConfig, setConfig } from './config';

const adjustAction = ({ db, input, staff, now }: StaffContext<AdjustInput>) => adjustPoints(db, input, `staff:${staff.openid}`, now);

export const main = defineFunction({
  name: 'admin',
  contract: admin,
  actions: {
    ...membersActions,
    ...catalogActions,
    ...staffActions,
    ...rulesActions,
    getConfig: staffAction(getConfig),
    setConfig: staffWrite(setConfig),
    adjustPoints: staffWrite(adjustAction),
    audit: staffAction(audit),
  },
});
