import { storedRules, describeProblems, type LoyaltyConfig } from '../core/config';
import { reviveLive, type LiveExperiment } from '../core/experiments';
import type { Database } from './cloud';
import { warmCache } from './warmCache';

export const CONFIG_DOC_ID = 'loyalty';

// Kept LOYALTY_CONFIG_TTL_MS (default 30 s) per warm instance: a change reaches every instance within that time.
// Checked once per load; overrides stored before a check existed must not take every function down with them.
// The same document carries the live experiments (core/experiments.ts) for the earning and check-in paths: one read.
const rules = warmCache(() => Number(process.env.LOYALTY_CONFIG_TTL_MS ?? 30_000), async (db: Database): Promise<{ config: LoyaltyConfig; experiments: LiveExperiment[] }> => {
  const { data } = await db.collection('config').where({ _id: CONFIG_DOC_ID }).get();
  const stored = storedRules(data[0]?.rules);
  if (stored.fallback !== 'none') {
    const using = stored.fallback === 'defaults' ? 'running with the default rules' : 'running without the unknown keys';
    console.error(`[config] stored rules (config/${CONFIG_DOC_ID}) are invalid, ${using}: ${describeProblems(stored.problems)}`);
  }
  return { config: stored.config, experiments: reviveLive(data[0]?.experiments) };
});

export const loadConfig = async (db: Database): Promise<LoyaltyConfig> => (await rules.get(db)).config;

/** The rules and the live experiments, from the one cached read of the config document. */
export const loadConfigAndExperiments = (db: Database) => rules.get(db);

export const forgetConfig = (): void => rules.forget();
