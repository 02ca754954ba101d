import { storedRules, describeProblems, type LoyaltyConfig } from '../core/config';
import type { Database } from './cloud';
import { warmCache } from './warmCache';

export const CONFIG_DOC_ID = 'loyalty';

// Kept LOYALTY_CONFIG_TTL_MS (default 30 s) per warm instance: a change reaches every instance within that time.
// Checked once per load; overrides stored before a check existed must not take every function down with them.
const rules = warmCache(() => Number(process.env.LOYALTY_CONFIG_TTL_MS ?? 30_000), async (db: Database): Promise<LoyaltyConfig> => {
  const { data } = await db.collection('config').where({ _id: CONFIG_DOC_ID }).get();
  const stored = storedRules(data[0]?.rules);
  if (stored.fallback !== 'none') {
    const using = stored.fallback === 'defaults' ? 'running with the default rules' : 'running without the unknown keys';
    console.error(`[config] stored rules (config/${CONFIG_DOC_ID}) are invalid, ${using}: ${describeProblems(stored.problems)}`);
  }
  return stored.config;
});

export const loadConfig = (db: Database): Promise<LoyaltyConfig> => rules.get(db);

export const forgetConfig = (): void => rules.forget();
