// The NPS survey (推荐意愿, issue 13 section 2), its pure parts: the quarter that limits a member to one survey, the
// answer window, the score bands. services/nps.ts sends and records; the nightly snapshot counts the answers.
import { shanghaiParts } from './time';

/** The Shanghai quarter of an instant, e.g. '2026-Q2': a member is asked at most once per quarter. */
export function quarterOf(at: Date): string {
  const { year, month } = shanghaiParts(at);
  return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/** An answer is taken up to this many days after the survey was sent. */
export const NPS_ANSWER_DAYS = 30;

export const npsSurveyId = (openid: string, quarter: string) => `${openid}:${quarter}`;

export type NpsBand = 'promoter' | 'passive' | 'detractor';

/** 9-10 promoter, 7-8 passive, 0-6 detractor. */
export const npsBand = (score: number): NpsBand => (score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor');
