// What the catalog rules check against: the stores with their formats, the tiers of the rules.
import type { StoreDoc, Stored } from '../core/documents';
import { loadConfig } from '../runtime/configStore';
import type { Database } from '../runtime/dbTypes';
import type { CatalogContext } from './itemRules';

export async function allStores(db: Database): Promise<Stored<StoreDoc>[]> {
  const { data } = await db.collection('stores').limit(1000).get();
  return data;
}

export async function catalogContext(db: Database) {
  const [stores, config] = await Promise.all([allStores(db), loadConfig(db)]);
  const ctx: CatalogContext = { stores: new Map(stores.map((s) => [s._id, s.format])), tierLevels: config.tiers.map((t) => t.level) };
  return { ctx, config };
}
