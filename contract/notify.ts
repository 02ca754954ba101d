// WeChat subscription messages (订阅消息, function `notify`): the member's side. The mini-program loads the template
// ids of this environment (`templates`) before any tap, asks consent with wx.requestSubscribeMessage inside a tap
// (at most 3 ids a call), and reports WeChat's answer (`subscribe`): each 允许 lets us send one message of that
// template. The messages themselves are queued by the features (services/messages.ts) and sent by the timer.
import * as z from 'zod/mini';
import { action } from './action';
import { array, bool, integer, nullable, object, oneOf, requestId, str, text } from './fields';

const messageKey = oneOf(['tierChanged', 'pointsExpiring', 'redemptionStatus', 'checkinReminder', 'birthdayGift', 'voucherExpiring', 'automation', 'npsSurvey']);
const consents = array(object({ key: messageKey, count: integer() }));

export const notify = {
  /**
   * The templates a member may subscribe to here (with an id in this environment), the consents left for each, and
   * the time of the daily check-in reminder (Shanghai HH:mm; null when it is off).
   */
  templates: action({
    input: z.strictObject({}),
    output: object({ templates: array(object({ key: messageKey, templateId: text(), title: text() })), consents, checkinReminderTime: nullable(text()) }),
  }),
  /**
   * WeChat's answer to one consent dialog, per template id (accept / reject / ban / filter): +1 consent per accept,
   * once per `requestId`. Ids this environment does not know are ignored.
   */
  subscribe: action({
    input: z.strictObject({
      requestId: requestId(),
      results: array(z.strictObject({
        templateId: str(1, 64, /^[A-Za-z0-9_-]+$/),
        result: oneOf(['accept', 'reject', 'ban', 'filter']),
      })).check(z.minLength(1), z.maxLength(3)),
    }),
    output: object({ accepted: integer(), consents, replayed: bool() }),
    errors: ['NOT_FOUND'],
  }),
};
