// `npm run bench [-- foundation|loyalty]`: prints the figures each issue budgets. Figures, not tests.
import { benchFoundation } from './foundation';
import { benchLoyalty } from './loyalty';
import { benchEngagement } from './engagement';
import { benchMall } from './mall';
import { benchConsole } from './console';
import { benchMigration } from './migration';
import { benchDeduction } from './deduction';
import { benchBenefits } from './benefits';
import { benchFlash } from './flash';
import { benchStats } from './stats';
import { benchSegments } from './segments';
import { benchHeavy } from './heavy';
import { benchReview } from './review';

const SUITES: Record<string, () => Promise<void>> = { foundation: benchFoundation, loyalty: benchLoyalty, mall: benchMall, engagement: benchEngagement, console: benchConsole, migration: benchMigration, deduction: benchDeduction, benefits: benchBenefits, flash: benchFlash, stats: benchStats, segments: benchSegments, heavy: benchHeavy, review: benchReview };

async function main() {
  const only = process.argv.slice(2).filter((a) => a in SUITES);
  console.log('Benchmarks (2-core machine; local cloud on loopback, real wx-server-sdk)');
  for (const name of only.length > 0 ? only : Object.keys(SUITES)) await SUITES[name]();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
