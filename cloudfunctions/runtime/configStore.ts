import { DEFAULT_CONFIG, mergeConfig, type LoyaltyConfig } from '../core/config';
import type { Database } from './cloud';

// A warm instance keeps the rules for a short while: they change rarely and every read is a billed request.
const TTL_MS = 30_000;
let cached: { config: LoyaltyConfig; at: number } | null = null;

export async function loadConfig(db: Database): Promise<LoyaltyConfig> {
  if (cached && Date.now() - cached.at < TTL_MS) return cached.config;
  const { data } = await db.collection('config').where({ _id: 'loyalty' }).get();
  const config = mergeConfig(DEFAULT_CONFIG, data[0]?.rules);
  cached = { config, at: Date.now() };
  return config;
}

export function forgetConfig(): void {
  cached = null;
}
