// Reads for many members at once (the daily review's pages): one query per 1,000 documents instead of one per member.
// Each pages by _id (keyset, not skip): an entry inserted meanwhile can neither shift another out of the pages nor
// repeat one, and entries are never removed, so nothing is missed.
import type { GrowthEntryDoc } from '../core/documents';
import type { GrowthEntry } from '../core/growth';
import { HISTORY_DAYS, type Purchase } from '../core/lifecycleStage';
import type { Database, Stored } from './dbTypes';
import { reviveGrowth } from './memberRepo';

const PAGE = 1000;

/** Members per growth query: a page of members in a few queries of at most 1,000 entries each, run at once. */
const MEMBERS_PER_QUERY = 50;

/** What the review reads of an entry (not its reason text or rule parts: a third of the bytes). */
const GROWTH_FIELDS = { openid: true, dimension: true, event: true, raw: true, amount: true, at: true, key: true, seq: true } as const;

/** Every member of `openids` to their growth entries at or after `since`, oldest first (ties in write order). */
export async function growthOfMembers(db: Database, openids: string[], since: Date): Promise<Map<string, GrowthEntry[]>> {
  const _ = db.command;
  const by = new Map<string, GrowthEntry[]>(openids.map((id) => [id, []]));
  const chunks = Array.from({ length: Math.ceil(openids.length / MEMBERS_PER_QUERY) }, (_x, i) => openids.slice(i * MEMBERS_PER_QUERY, (i + 1) * MEMBERS_PER_QUERY));
  await Promise.all(chunks.map(async (ids) => {
    for (let after: string | null = null; ;) {
      const where: Record<string, unknown> = { openid: _.in(ids), at: _.gte(since), ...(after === null ? {} : { _id: _.gt(after) }) };
      const { data }: { data: Stored<GrowthEntryDoc>[] } = await db.collection('growth_ledger').where(where).field(GROWTH_FIELDS).orderBy('_id', 'asc').limit(PAGE).get() as { data: Stored<GrowthEntryDoc>[] };
      for (const d of data) by.get(d.openid)?.push(reviveGrowth(d));
      if (data.length < PAGE) break;
      after = String(data[data.length - 1]._id);
    }
  }));
  for (const list of by.values()) list.sort((a, b) => a.at.getTime() - b.at.getTime() || ((a as { seq?: number }).seq ?? 0) - ((b as { seq?: number }).seq ?? 0));
  return by;
}

/**
 * Members from before lifecycle stages: their purchases (paid orders not refunded) of the kept history, newest first,
 * at most `perMember` each, read once to set their first stage.
 */
export async function purchasesOfMembers(db: Database, openids: string[], now: Date, perMember = 100): Promise<Map<string, Purchase[]>> {
  const _ = db.command;
  const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000);
  const by = new Map<string, Purchase[]>(openids.map((id) => [id, []]));
  for (let after: string | null = null; openids.length > 0;) {
    const where: Record<string, unknown> = { openid: _.in(openids), paidAt: _.gte(since), status: _.neq('refunded'), ...(after === null ? {} : { _id: _.gt(after) }) };
    const { data }: { data: Array<{ _id: string; openid: string; paidAt: Date | string }> } = await db.collection('orders').where(where).field({ _id: true, openid: true, paidAt: true }).orderBy('_id', 'asc').limit(PAGE).get();
    for (const o of data) by.get(o.openid)?.push({ orderId: String(o._id), at: new Date(o.paidAt) });
    if (data.length < PAGE) break;
    after = String(data[data.length - 1]._id);
  }
  for (const [id, list] of by) by.set(id, list.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, perMember));
  return by;
}
