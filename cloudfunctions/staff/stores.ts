// Stores change rarely: a warm instance keeps the list for a minute (STORES_TTL_MS), so a write-off or a recorded
// purchase does not pay a read for the store each time.
import { AppError } from '../core/errors';
import type { StoreDoc } from '../core/documents';
import type { Database } from '../runtime/dbTypes';
import type { StaffMember } from '../runtime/handler';
import { warmCache } from '../runtime/warmCache';

const stores = warmCache(() => Number(process.env.STORES_TTL_MS ?? 60_000), async (db: Database): Promise<StoreDoc[]> => {
  const { data } = await db.collection('stores').limit(1000).get();
  return data;
});

export const allStores = (db: Database): Promise<StoreDoc[]> => stores.get(db);

/** The caller's store; staff without one (e.g. an operations admin) cannot act in store. */
export async function storeOf(db: Database, staff: StaffMember): Promise<StoreDoc> {
  if (!staff.storeId) throw new AppError('FORBIDDEN', '当前账号未绑定门店');
  const store = (await allStores(db)).find((s) => s._id === staff.storeId);
  if (!store) throw new AppError('FORBIDDEN', '所属门店不存在或已停用');
  return store;
}

export async function formatNames(db: Database): Promise<Record<string, string>> {
  const names: Record<string, string> = { '': '未标注' };
  for (const s of await allStores(db)) names[s.format] = s.formatName ?? s.format;
  return names;
}
