import { task } from '../../contract/engage';
import { defineFunction, memberAction } from '../runtime/handler';
import { claim, list, report } from './tasks';

export const main = defineFunction({
  name: 'task',
  contract: task,
  actions: {
    list: memberAction(list),
    report: memberAction(report),
    claim: memberAction(claim),
  },
});
