// The NPS survey (推荐意愿, function `survey`): the member's side. A subscription message sent after a purchase (an
// automation calls services/nps.ts queueNpsSurvey) opens packages/profile/survey/index?survey=<quarter>; the page reads
// the survey (`current`) and sends the 0-10 score with an optional comment (`answer`). At most once a quarter.
import * as z from 'zod/mini';
import { action } from './action';
import { bool, int, integer, nullable, object, opt, str, text, iso } from './fields';

/** A Shanghai quarter, e.g. 2026-Q2 (the survey's id for its member). */
const quarter = () => str(7, 7, /^\d{4}-Q[1-4]$/);

const surveyView = object({
  quarter: text(),
  orderId: nullable(text()),
  askedAt: iso(),
  /** No answer is taken after this. */
  expiresAt: iso(),
  /** Can be answered now (sent, not answered, not past expiresAt). */
  open: bool(),
  answer: nullable(object({ score: integer(), comment: nullable(text()), answeredAt: iso() })),
});

export const survey = {
  /** The caller's survey of `survey` (a quarter; default this one), or null when none was sent to them. */
  current: action({
    input: z.strictObject({ survey: opt(quarter()) }),
    output: object({ survey: nullable(surveyView) }),
  }),
  /**
   * The caller's answer: `score` 0-10 (how likely they are to recommend us), an optional `comment` (at most 200
   * characters). Once per survey: the same answer again answers it with `replayed`; another is ALREADY_DONE.
   */
  answer: action({
    input: z.strictObject({ survey: quarter(), score: int(0, 10), comment: opt(str(0, 200)) }),
    output: object({ survey: surveyView, replayed: bool() }),
    errors: ['NOT_FOUND', 'ALREADY_DONE', 'NOT_ELIGIBLE'],
  }),
};
