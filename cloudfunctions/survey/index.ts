// The NPS survey (function `survey`, members): the page a survey message opens reads the survey and sends the answer.
// Sending is services/nps.ts queueNpsSurvey (automations call it after a purchase); the nightly snapshot counts answers.
import type { Output, ParsedInput } from '../../contract';
import { survey as contract } from '../../contract/survey';
import { defineFunction, memberAction, type MemberContext } from '../runtime/handler';
import { answerNpsSurvey, surveyOf } from '../services/nps';

export const main = defineFunction({
  name: 'survey',
  contract,
  actions: {
    current: memberAction(async ({ db, openid, input, now }: MemberContext<ParsedInput<'survey', 'current'>>): Promise<Output<'survey', 'current'>> =>
      ({ survey: await surveyOf(db, openid, input.survey, now) })),
    answer: memberAction(async ({ db, openid, input, now }: MemberContext<ParsedInput<'survey', 'answer'>>): Promise<Output<'survey', 'answer'>> =>
      answerNpsSurvey(db, openid, input, now)),
  },
});
