import { noInput } from '../core/validate';
import { defineFunction, memberAction } from '../runtime/handler';
import { claim, claimInput, list, report, reportInput } from './tasks';

export const main = defineFunction({
  actions: {
    list: memberAction(noInput, list),
    report: memberAction(reportInput, report),
    claim: memberAction(claimInput, claim),
  },
});
