// Names of formats and stores for what members read (限酒店使用): from the store list, kept a minute by a warm
// instance (stores change rarely; a card or a 卡券包 view does not pay a read each time).
import type { StoreDoc } from '../core/documents';
import type { Database } from '../runtime/dbTypes';
import { warmCache } from '../runtime/warmCache';

const stores = warmCache(() => 60_000, async (db: Database): Promise<StoreDoc[]> => {
  const { data } = await db.collection('stores').limit(1000).get();
  return data;
});

/** Format codes to their names (购物中心, 酒店) and store ids to store names, from the store list (kept a minute). */
export async function placeNames(db: Database): Promise<{ formats: Record<string, string>; stores: Record<string, string> }> {
  const formats: Record<string, string> = {};
  const names: Record<string, string> = {};
  for (const s of await stores.get(db)) {
    formats[s.format] = s.formatName ?? s.format;
    names[s._id] = s.name;
  }
  return { formats, stores: names };
}

/** Where a voucher may be written off, in words: 限酒店使用, 限星河酒店、购物中心使用; null: everywhere. */
export function whereText(v: { formats: string[]; storeIds: string[] }, names: { formats: Record<string, string>; stores: Record<string, string> }): string | null {
  const places = [...v.storeIds.map((id) => names.stores[id] ?? id), ...v.formats.map((f) => names.formats[f] ?? f)];
  return places.length ? `限${places.join('、')}使用` : null;
}

