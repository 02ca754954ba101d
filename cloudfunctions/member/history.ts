import type { Output, ParsedInput } from '../../contract';
import { AppError } from '../core/errors';
import type { MemberContext } from '../runtime/handler';

/** The member's points or growth entries, newest first, paged by the entries' per-member sequence. */
export async function history({ db, openid, input }: MemberContext<ParsedInput<'member', 'history'>>): Promise<Output<'member', 'history'>> {
  const _ = db.command;
  const size = input.pageSize ?? 20;
  const where: Record<string, unknown> = { openid };
  if (input.cursor) where.seq = _.lt(Number(input.cursor));
  const read = async <N extends 'point_ledger' | 'growth_ledger'>(collection: N) => {
    const { data } = await db.collection(collection).where(where).orderBy('seq', 'desc').limit(size + 1).get();
    if (!Array.isArray(data)) throw new AppError('INTERNAL');
    return data;
  };
  const rows = input.kind === 'points'
    ? (await read('point_ledger')).map((e) => ({
      seq: e.seq,
      item: { id: e.key, type: e.type, amount: e.amount, balanceAfter: e.balanceAfter, reason: e.reason, createdAt: new Date(e.createdAt).toISOString() },
    }))
    : (await read('growth_ledger')).map((e) => ({
      seq: e.seq,
      item: { id: e.key, type: e.event, amount: e.amount, dimension: e.dimension, reason: e.reason, createdAt: new Date(e.at).toISOString() },
    }));
  const page = rows.slice(0, size);
  return { items: page.map((r) => r.item), nextCursor: rows.length > size ? String(page[page.length - 1].seq) : null };
}
