// A member's points or growth entries, newest first, paged by the entries' per-member sequence (memberDocuments.ts):
// the member's own history (member.history) and the console's (admin.memberLedger).
import type { GrowthDimension } from '../core/config';
import { AppError } from '../core/errors';
import type { Database } from '../runtime/dbTypes';

export type HistoryKind = 'points' | 'growth';

export interface HistoryItem {
  id: string;
  type: string;
  amount: number;
  /** Points only. */
  balanceAfter?: number;
  /** Growth only. */
  dimension?: GrowthDimension;
  reason: string;
  /** Who wrote the entry (points entries; growth entries name none). */
  issuer: string | null;
  createdAt: string;
}

/** One page: `cursor` is the `seq` of the last entry of the page before (digits), `size` entries at most. */
export async function historyPage(db: Database, openid: string, kind: HistoryKind, cursor: string | undefined, size: number): Promise<{ items: HistoryItem[]; nextCursor: string | null }> {
  const _ = db.command;
  const where: Record<string, unknown> = { openid };
  if (cursor) where.seq = _.lt(Number(cursor));
  const read = async <N extends 'point_ledger' | 'growth_ledger'>(collection: N) => {
    const { data } = await db.collection(collection).where(where).orderBy('seq', 'desc').limit(size + 1).get();
    if (!Array.isArray(data)) throw new AppError('INTERNAL');
    return data;
  };
  const rows: Array<{ seq: number; item: HistoryItem }> = kind === 'points'
    ? (await read('point_ledger')).map((e) => ({
      seq: e.seq,
      item: { id: e.key, type: e.type, amount: e.amount, balanceAfter: e.balanceAfter, reason: e.reason, issuer: e.issuer ?? null, createdAt: new Date(e.createdAt).toISOString() },
    }))
    : (await read('growth_ledger')).map((e) => ({
      seq: e.seq,
      item: { id: e.key, type: e.event, amount: e.amount, dimension: e.dimension, reason: e.reason, issuer: null, createdAt: new Date(e.at).toISOString() },
    }));
  const page = rows.slice(0, size);
  return { items: page.map((r) => r.item), nextCursor: rows.length > size ? String(page[page.length - 1].seq) : null };
}
