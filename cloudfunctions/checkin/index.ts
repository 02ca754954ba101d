import { defineFunction, memberAction } from '../runtime/handler';
import { checkin as contract } from '../../contract/engage';
import { calendar, checkin, makeUp } from './checkin';

export const main = defineFunction({
  name: 'checkin',
  contract,
  actions: {
    checkin: memberAction(checkin),
    calendar: memberAction(calendar),
    makeUp: memberAction(makeUp),
  },
});
