// Marketing automation (function `automation`, issue 12 §3): the console's rules (list, save, status, dry run, run
// log), the staff follow-up tasks (the store's list, the outcome, the report) and, on its timer, the engine
// (engine.ts: event sources with cursors, then the day's pass). Kept apart from `admin` and `staff` for their bundle sizes.
import type { ParsedInput } from '../../contract';
import { automation as contract } from '../../contract/automation';
import { codeSecret } from '../runtime/codeSecret';
import { loadConfig } from '../runtime/configStore';
import { defineFunction, staffAction, staffWrite, type StaffContext } from '../runtime/handler';
import { runAutomation } from './engine';
import { dryRun, listRules, runs, saveRule, setRuleStatus } from './rules';
import { listTasks, recordOutcome, taskReport } from './tasks';

// Leaves headroom inside the function timeout (config.json: 60 s) to record the run and return (wall time).
const BUDGET_MS = 40_000;

type Ctx<A extends keyof typeof contract> = StaffContext<ParsedInput<'automation', A>>;

export const main = defineFunction({
  name: 'automation',
  contract,
  actions: {
    listRules: staffAction(async ({ db }: Ctx<'listRules'>) => listRules(db)),
    saveRule: staffWrite(async ({ db, input, staff, now }: Ctx<'saveRule'>) => saveRule(db, input, staff, now)),
    setRuleStatus: staffWrite(async ({ db, input, staff, now }: Ctx<'setRuleStatus'>) => setRuleStatus(db, input, staff, now)),
    dryRun: staffAction(async ({ db, input, now }: Ctx<'dryRun'>) => dryRun(db, input, now)),
    runs: staffAction(async ({ db, input }: Ctx<'runs'>) => runs(db, input)),
    tasks: staffAction(async ({ db, input, staff, now }: Ctx<'tasks'>) => listTasks(db, staff, input, now)),
    recordTaskOutcome: staffWrite(async ({ db, input, staff, now }: Ctx<'recordTaskOutcome'>) => recordOutcome(db, staff, input, now)),
    taskReport: staffAction(async ({ db, input, now }: Ctx<'taskReport'>) => taskReport(db, input, now)),
  },
  onTimer: async ({ db, now }) => {
    const config = await loadConfig(db);
    const run = await runAutomation({ db, now, config, secret: codeSecret() }, BUDGET_MS);
    return run;
  },
});
