import { DEFAULT_CONFIG, mergeConfig, type LoyaltyConfig } from '../core/config';
import type { Database } from './cloud';
import { warmCache } from './warmCache';

export const CONFIG_DOC_ID = 'loyalty';

// Kept LOYALTY_CONFIG_TTL_MS (default 30 s) per warm instance: a change reaches every instance within that time.
const rules = warmCache(() => Number(process.env.LOYALTY_CONFIG_TTL_MS ?? 30_000), async (db: Database): Promise<LoyaltyConfig> => {
  const { data } = await db.collection('config').where({ _id: CONFIG_DOC_ID }).get();
  return mergeConfig(DEFAULT_CONFIG, data[0]?.rules);
});

export const loadConfig = (db: Database): Promise<LoyaltyConfig> => rules.get(db);

export const forgetConfig = (): void => rules.forget();
