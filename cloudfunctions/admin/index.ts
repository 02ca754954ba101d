import { noInput } from '../core/validate';
import { defineFunction, staffAction } from '../runtime/handler';
import { adjustAction, adjustInput } from './adjust';
import { audit, auditInput } from './audit';
import { getConfig, setConfig, setConfigInput } from './config';

export const main = defineFunction({
  actions: {
    getConfig: staffAction(['admin'], noInput, getConfig),
    setConfig: staffAction(['admin'], setConfigInput, setConfig),
    adjustPoints: staffAction(['manager', 'admin'], adjustInput, adjustAction),
    audit: staffAction(['admin'], auditInput, audit),
  },
});
