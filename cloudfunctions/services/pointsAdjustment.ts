// A manual points correction (admin.adjustPoints, staff.adjustPoints): idempotent by the caller's request id.
import type { ParsedInput } from '../../contract';
import { planAdjust } from '../core/ledger';
import { pointsStateOf } from '../core/member';
import { nextReviewAt } from '../core/reviewSchedule';
import { AppError } from '../core/errors';
import { loadConfig } from '../runtime/configStore';
import { findMember, writeMember } from '../runtime/memberRepo';
import type { LedgerEntryDoc, Stored } from '../core/documents';
import type { Database } from '../runtime/dbTypes';
import { once } from '../runtime/idempotent';

export type AdjustInput = ParsedInput<'admin', 'adjustPoints'>;

export interface AdjustResult { memberNo: string; amount: number; balance: number; replayed: boolean }

/**
 * A manual correction by a manager or admin, recorded in the ledger with who did it and why. The ledger entry's key
 * (`adjust:<requestId>`, unique per member) makes it once: a replay, sequential or concurrent, answers the first
 * adjustment with `replayed: true` (a concurrent twin that lost the race finds the entry written, or its lot there).
 */
export async function adjustPoints(db: Database, input: AdjustInput, issuer: string, now: Date): Promise<AdjustResult> {
  const member = await findMember(db, { memberNo: input.memberNo });
  if (!member) throw new AppError('NOT_FOUND', '会员不存在');
  const key = `adjust:${input.requestId}`;
  return once<AdjustResult, Stored<LedgerEntryDoc>>({
    first: true,
    stored: async () => (await db.collection('point_ledger').where({ openid: member.openid, key }).get()).data[0] ?? null,
    answer: (entry) => ({ memberNo: member.memberNo, amount: entry.amount, balance: entry.balanceAfter }),
    run: async () => {
      const config = await loadConfig(db);
      return writeMember(db, member.openid, { now }, ({ member: m, lots }) => {
        const ledger = planAdjust(pointsStateOf(m, lots), { amount: input.amount, key, reason: input.reason, ref: input.requestId, issuer, at: now }, config);
        const reviewAt = nextReviewAt({ lots: ledger.state.lots, tier: m, previous: m.reviewAt, now });
        return { write: { ledger, fields: { reviewAt } }, result: { memberNo: m.memberNo, amount: input.amount, balance: ledger.points.balance, replayed: false } };
      });
    },
  });
}
