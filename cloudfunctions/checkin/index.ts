import { defineFunction, memberAction } from '../runtime/handler';
import { noInput } from '../core/validate';
import { calendar, calendarInput, checkin, makeUp, makeUpInput } from './checkin';

export const main = defineFunction({
  actions: {
    checkin: memberAction(noInput, checkin),
    calendar: memberAction(calendarInput, calendar),
    makeUp: memberAction(makeUpInput, makeUp),
  },
});
