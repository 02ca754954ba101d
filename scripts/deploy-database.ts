// Deprecated: `npm run deploy -- --env <id> --only database` (scripts/deploy/, docs/deploy.md) replaces this script,
// which once called WeChat's HTTP API by hand. Running it now runs that deploy with `--only database` and the
// arguments given (e.g. `--env <id> --dry-run`).
//
// planDatabaseRequests stays only for the tests that still read the index list through it
// (tests/unit/deployDatabase.test.ts, tests/integration/outboxCleanup.test.ts); new tests use scripts/deploy/plan.ts.
import type { IndexFile } from '../localcloud/db';
import { deploy } from './deploy/index';

export interface ApiRequest { path: string; body: Record<string, unknown> }

/** @deprecated the index list in the old HTTP API's shape; the deploy itself plans with scripts/deploy/plan.ts. */
export function planDatabaseRequests(indexes: IndexFile, env: string): ApiRequest[] {
  return Object.entries(indexes).flatMap(([collection, specs]) => [
    { path: 'tcb/databasecollectionadd', body: { env, collection_name: collection } },
    {
      path: 'tcb/updateindex',
      body: {
        env,
        collection_name: collection,
        create_indexes: specs.map((s) => ({
          name: s.name,
          unique: s.unique === true,
          keys: Object.entries(s.keys).map(([name, direction]) => ({ name, direction: String(direction) })),
        })),
        drop_indexes: [],
      },
    },
  ]);
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const at = args.findIndex((a) => a === '--only' || a.startsWith('--only='));
  if (at >= 0) args.splice(at, args[at] === '--only' ? 2 : 1);
  deploy([...args, '--only', 'database'], process.env).catch((err: Error) => {
    console.error(`\n${err.message}`);
    process.exit(1);
  });
}
