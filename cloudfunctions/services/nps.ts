// The NPS survey (推荐意愿): sending it (a subscription message that opens packages/profile/survey) and recording the
// member's answer. At most once a quarter per member, on both sides: the survey's document `<openid>:<quarter>` and
// its message are created together (a second survey in the quarter hits the primary key and sends nothing), and the
// answer is written onto that document, once (a replay of the same answer answers it again; another is refused).
//
// For automations (the API): `await queueNpsSurvey(db, openid, orderId, now, source)` after a purchase, outside any
// transaction of theirs; it answers { queued, quarter, reason } and never throws for "already asked this quarter".
import type { NpsResponseDoc, Stored } from '../core/documents';
import { AppError } from '../core/errors';
import { messageDoc, messageId } from '../core/notify';
import { NPS_ANSWER_DAYS, npsSurveyId, quarterOf } from '../core/nps';
import type { Database } from '../runtime/dbTypes';
import { isDuplicateKey, retryOnConflict } from '../runtime/dbErrors';
import { inTransaction } from '../runtime/transaction';

const DAY_MS = 86_400_000;

export interface NpsQueued {
  queued: boolean;
  /** The quarter of the survey (its page's `survey` query). */
  quarter: string;
  /** Why nothing was queued: the member was already asked this quarter, or is not a member. */
  reason: 'alreadyAsked' | 'notMember' | null;
}

/**
 * Sends the NPS survey to a member (after the purchase `orderId`, or null): the survey and its subscription message
 * (`npsSurvey:<openid>:<quarter>`, delivered by the notify timer with the member's consent) in one transaction.
 * The member's second survey of a Shanghai quarter queues nothing (`alreadyAsked`).
 */
export async function queueNpsSurvey(db: Database, openid: string, orderId: string | null, now: Date, source = 'automation'): Promise<NpsQueued> {
  const quarter = quarterOf(now);
  const { data: members } = await db.collection('members').where({ _id: openid }).limit(1).field({ _id: true }).get();
  if (members.length === 0) return { queued: false, quarter, reason: 'notMember' };
  const id = messageId('npsSurvey', openid, quarter);
  const survey: NpsResponseDoc = {
    _id: npsSurveyId(openid, quarter), openid, quarter, status: 'asked', orderId, source, messageId: id,
    askedAt: now, expiresAt: new Date(now.getTime() + NPS_ANSWER_DAYS * DAY_MS), score: null, comment: null, answeredAt: null,
  };
  const message = messageDoc({ id, openid, key: 'npsSurvey', source: `nps:${source}`, variables: { at: now.toISOString() }, query: `survey=${quarter}`, expiresAt: survey.expiresAt }, now);
  try {
    await inTransaction(db, async (tx) => {
      await tx.collection('nps_responses').add({ data: survey });
      await tx.collection('messages').add({ data: message });
    });
    return { queued: true, quarter, reason: null };
  } catch (err) {
    if (isDuplicateKey(err)) return { queued: false, quarter, reason: 'alreadyAsked' };
    throw err;
  }
}

export interface SurveyView {
  quarter: string; orderId: string | null; askedAt: string; expiresAt: string;
  /** Past `expiresAt` without an answer: closed. */
  open: boolean;
  answer: { score: number; comment: string | null; answeredAt: string } | null;
}

const iso = (d: Date | string) => new Date(d).toISOString();

function viewOf(doc: Stored<NpsResponseDoc>, now: Date): SurveyView {
  const answered = doc.status === 'answered' && doc.score !== null;
  return {
    quarter: doc.quarter, orderId: doc.orderId, askedAt: iso(doc.askedAt), expiresAt: iso(doc.expiresAt),
    open: !answered && new Date(doc.expiresAt).getTime() > now.getTime(),
    answer: answered ? { score: doc.score as number, comment: doc.comment, answeredAt: iso(doc.answeredAt as Date) } : null,
  };
}

async function surveyDoc(db: Database, openid: string, quarter: string): Promise<Stored<NpsResponseDoc> | null> {
  const { data } = await db.collection('nps_responses').where({ _id: npsSurveyId(openid, quarter) }).limit(1).get();
  return data[0] ?? null;
}

/** The member's survey of `quarter` (default: this quarter), or null when none was sent. */
export async function surveyOf(db: Database, openid: string, quarter: string | undefined, now: Date): Promise<SurveyView | null> {
  const doc = await surveyDoc(db, openid, quarter ?? quarterOf(now));
  return doc ? viewOf(doc, now) : null;
}

/**
 * Records the member's answer to their survey of `quarter`: once. The same answer again (a retry) answers the first
 * with `replayed`; another answer is ALREADY_DONE; no survey sent is NOT_FOUND; past its window NOT_ELIGIBLE.
 */
export async function answerNpsSurvey(db: Database, openid: string, input: { survey: string; score: number; comment?: string }, now: Date): Promise<{ survey: SurveyView; replayed: boolean }> {
  const comment = input.comment?.trim() ? input.comment.trim() : null;
  const same = (doc: Stored<NpsResponseDoc>) => doc.score === input.score && (doc.comment ?? null) === comment;
  const before = await surveyDoc(db, openid, input.survey);
  if (!before) throw new AppError('NOT_FOUND', '没有找到这份调查');
  if (before.status === 'answered') {
    if (same(before)) return { survey: viewOf(before, now), replayed: true };
    throw new AppError('ALREADY_DONE', '本季度已参与过调查，感谢你的反馈');
  }
  if (new Date(before.expiresAt).getTime() <= now.getTime()) throw new AppError('NOT_ELIGIBLE', '调查已结束');
  // Answered only from `asked`: of two answers at once exactly one is written, the other reads it back.
  const { stats } = await retryOnConflict(() => db.collection('nps_responses').where({ _id: before._id, status: 'asked' })
    .update({ data: { status: 'answered', score: input.score, comment, answeredAt: now } }));
  const after = (await surveyDoc(db, openid, input.survey))!;
  if (stats.updated === 1) return { survey: viewOf(after, now), replayed: false };
  if (same(after)) return { survey: viewOf(after, now), replayed: true };
  throw new AppError('ALREADY_DONE', '本季度已参与过调查，感谢你的反馈');
}
