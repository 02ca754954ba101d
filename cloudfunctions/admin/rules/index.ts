// The console's rules actions besides getConfig / setConfig, served by the admin function (contract/consoleRules.ts).
import type { consoleRules as contract } from '../../../contract/consoleRules';
import { staffAction, staffWrite, type Action } from '../../runtime/handler';
import { configHistory, rollbackConfig } from './history';
import { previewConfig } from './preview';
import { ruleForm } from '../../core/rules/form';

const form = ruleForm();

export const rulesActions: { [K in keyof typeof contract]: Action<(typeof contract)[K]> } = {
  ruleForm: staffAction(async () => form),
  previewConfig: staffAction(previewConfig),
  configHistory: staffAction(configHistory),
  rollbackConfig: staffWrite(rollbackConfig),
};
