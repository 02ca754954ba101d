import type { Output, ParsedInput } from '../../contract';
import type { StaffContext } from '../runtime/handler';
import { outboxSummary } from '../services/followUps';

/**
 * Recomputes a page of members' balances from the ledger and the lots: balance must equal the sum of the ledger and
 * the unspent lots minus debt. Returns the members that drift, the cursor of the next page, and the outbox's entries not
 * yet applied (pending, failed, the oldest one's age).
 */
export async function audit({ db, input, now }: StaffContext<ParsedInput<'admin', 'audit'>>): Promise<Output<'admin', 'audit'>> {
  const _ = db.command;
  const $ = _.aggregate;
  const limit = input.limit ?? 200;
  const where = input.cursor ? { _id: _.gt(input.cursor) } : {};
  const { data: members } = await db.collection('members').where(where).orderBy('_id', 'asc').limit(limit).field({ openid: true, memberNo: true, points: true }).get();
  // Lots live on the member document; the ledger is summed by the database.
  const openids = members.map((m) => m.openid);
  const sums = async (collection: 'point_ledger', match: object, field: string) => {
    // One aggregate for the page: sum per member.
    if (openids.length === 0) return new Map<string, number>();
    const { list } = await db.collection(collection).aggregate().match({ openid: _.in(openids), ...match }).group({ _id: '$openid', total: $.sum(`$${field}`) }).limit(openids.length).end<{ _id: string; total: number }>();
    return new Map(list.map((r) => [r._id, r.total]));
  };
  const ledger = await sums('point_ledger', {}, 'amount');
  const drift = members
    .map((m) => {
      const balance = m.points?.balance ?? 0;
      const debt = m.points?.debt ?? 0;
      const ledgerSum = ledger.get(m.openid) ?? 0;
      const lotsSum = (m.points?.lots ?? []).reduce((s, l) => s + l.remaining, 0);
      return { memberNo: m.memberNo, balance, ledgerSum, lotsSum, debt };
    })
    .filter((r) => r.balance !== r.ledgerSum || r.balance !== r.lotsSum - r.debt);
  const outbox = await outboxSummary(db, now);
  return { checked: members.length, drift, outbox, nextCursor: members.length === limit ? members[members.length - 1]._id : null };
}
