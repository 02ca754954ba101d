import { DEFAULT_CONFIG, mergeConfig, type LoyaltyConfig } from '../core/config';
import type { Database } from './cloud';

// A warm instance keeps the rules for a short while (LOYALTY_CONFIG_TTL_MS, default 30 s): they change rarely and
// every read is a billed request. A change therefore reaches every instance within that time.
const ttlMs = () => Number(process.env.LOYALTY_CONFIG_TTL_MS ?? 30_000);
let cached: { config: LoyaltyConfig; at: number } | null = null;

export const CONFIG_DOC_ID = 'loyalty';

export async function loadConfig(db: Database): Promise<LoyaltyConfig> {
  if (cached && Date.now() - cached.at < ttlMs()) return cached.config;
  const { data } = await db.collection('config').where({ _id: CONFIG_DOC_ID }).get();
  const config = mergeConfig(DEFAULT_CONFIG, data[0]?.rules);
  cached = { config, at: Date.now() };
  return config;
}

export function forgetConfig(): void {
  cached = null;
}
