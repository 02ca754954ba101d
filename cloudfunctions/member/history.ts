import { AppError } from '../core/errors';
import { v } from '../core/validate';
import type { MemberContext } from '../runtime/handler';

export const historyInput = v.object({
  kind: v.oneOf(['points', 'growth'] as const),
  cursor: v.string({ min: 1, max: 20, pattern: /^\d+$/ }).optional(),
  pageSize: v.int({ min: 1, max: 50 }).optional(),
});

type HistoryInput = { kind: 'points' | 'growth'; cursor?: string; pageSize?: number };

/** The member's points or growth entries, newest first, paged by the entries' per-member sequence. */
export async function history({ db, openid, input }: MemberContext<HistoryInput>) {
  const _ = db.command;
  const size = input.pageSize ?? 20;
  const collection = input.kind === 'points' ? 'point_ledger' : 'growth_ledger';
  const where: Record<string, unknown> = { openid };
  if (input.cursor) where.seq = _.lt(Number(input.cursor));
  const { data } = await db.collection(collection).where(where).orderBy('seq', 'desc').limit(size + 1).get();
  if (!Array.isArray(data)) throw new AppError('INTERNAL');
  const page = data.slice(0, size);
  return {
    items: page.map((e) => ({
      id: String(e.key),
      type: input.kind === 'points' ? String(e.type) : String(e.event),
      amount: Number(e.amount),
      ...(input.kind === 'points' ? { balanceAfter: Number(e.balanceAfter) } : { dimension: e.dimension }),
      reason: String(e.reason),
      createdAt: new Date(input.kind === 'points' ? e.createdAt : e.at).toISOString(),
    })),
    nextCursor: data.length > size ? String(page[page.length - 1].seq) : null,
  };
}
