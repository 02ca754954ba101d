import { admin } from '../../contract/admin';
import { defineFunction, staffAction, type StaffContext } from '../runtime/handler';
import { adjustPoints, type AdjustInput } from '../services/pointsAdjustment';
import { audit } from './audit';
import { getConfig, setConfig } from './config';

const adjustAction = ({ db, input, staff, now }: StaffContext<AdjustInput>) => adjustPoints(db, input, `staff:${staff.openid}`, now);

export const main = defineFunction({
  contract: admin,
  actions: {
    getConfig: staffAction(['admin'], getConfig),
    setConfig: staffAction(['admin'], setConfig),
    adjustPoints: staffAction(['manager', 'admin'], adjustAction),
    audit: staffAction(['admin'], audit),
  },
});
