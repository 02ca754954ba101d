// Experiments (function `experiments`): A/B tests of points strategies. Drafts are saved checked; start and stop put
// the live experiments into the rules document the earning and check-in paths already read (store.ts); the planner
// and the analysis are the core's (core/experimentStats.ts). Roles in core/roles.ts; docs/loyalty-rules.md "Experiments".
import type { Output, ParsedInput } from '../../contract';
import { experiments as contract } from '../../contract/experiments';
import { planMean, planProportion } from '../core/experimentStats';
import { defineFunction, staffAction, staffWrite, type StaffContext } from '../runtime/handler';
import { analyse } from './analyse';
import { readExperiment, saveDraft, start, stop, view } from './store';

type Ctx<A extends keyof typeof contract> = StaffContext<ParsedInput<'experiments', A>>;

function plan({ input }: Ctx<'plan'>): Output<'experiments', 'plan'> {
  const holdout = input.holdoutShare ?? 50;
  const treatments = input.treatments ?? 1;
  const perArmShare = (100 - holdout) / treatments;
  const common = { alpha: input.alpha, power: input.power, comparisons: treatments, ratio: holdout / perArmShare };
  const out = (p: { perTreatment: number; control: number; alphaPerComparison: number }) => {
    const total = p.perTreatment * treatments + p.control;
    // Members reach the arms in proportion to the shares: the slower of the arms decides the days.
    const days = input.perDay ? Math.ceil(Math.max(p.perTreatment / (input.perDay * perArmShare / 100), p.control / (input.perDay * holdout / 100))) : null;
    return { ...p, total, days };
  };
  return {
    proportion: out(planProportion({ ...common, baseline: input.baseline, relativeLift: input.relativeLift })),
    mean: input.mean ? out(planMean({ ...common, sd: input.mean.sd, delta: input.mean.delta })) : null,
  };
}

export const main = defineFunction({
  name: 'experiments',
  contract,
  actions: {
    list: staffAction(async ({ db }: Ctx<'list'>): Promise<Output<'experiments', 'list'>> => {
      const { data } = await db.collection('experiments').orderBy('createdAt', 'desc').limit(200).get();
      return { experiments: data.map(view) };
    }),
    get: staffAction(async ({ db, input }: Ctx<'get'>) => view(await readExperiment(db, input.experimentId))),
    save: staffWrite(async ({ db, input, staff, now }: Ctx<'save'>) => saveDraft(db, input, staff, now)),
    start: staffWrite(async ({ db, input, staff, now }: Ctx<'start'>) => start(db, input, staff, now)),
    stop: staffWrite(async ({ db, input, staff, now }: Ctx<'stop'>) => stop(db, input, staff, now)),
    plan: staffAction(async (ctx: Ctx<'plan'>) => plan(ctx)),
    analyse: staffAction(async ({ db, input, now }: Ctx<'analyse'>) => analyse(db, input.experimentId, now)),
  },
});
