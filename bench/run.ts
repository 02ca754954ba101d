// `npm run bench`: prints the figures each issue budgets. Figures, not tests: nothing here fails a build.
import { benchFoundation } from './foundation';

async function main() {
  console.log('Benchmarks (2-core machine; local cloud on loopback, real wx-server-sdk)');
  await benchFoundation();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
