// 会员生命周期流转 (catalog.stageTransitions): the month's stage-to-stage matrix from lifecycle_transitions (issue 12
// §1): how many active members went dormant, how many dormant ones came back. One count per pair of stages.
import type { Output, ParsedInput } from '../../contract';
import { STAGE_NAMES, STAGES } from '../core/lifecycleStage';
import type { StaffContext } from '../runtime/handler';

export async function stageTransitions({ db, input }: StaffContext<ParsedInput<'catalog', 'stageTransitions'>>): Promise<Output<'catalog', 'stageTransitions'>> {
  const pairs = STAGES.flatMap((from) => STAGES.filter((to) => to !== from).map((to) => ({ from, to })));
  const counts = await Promise.all(pairs.map(async (p) => {
    const { total } = await db.collection('lifecycle_transitions').where({ month: input.month, from: p.from, to: p.to }).count();
    return { ...p, count: total };
  }));
  const sum = (f: (c: (typeof counts)[number]) => boolean) => counts.filter(f).reduce((s, c) => s + c.count, 0);
  const away = new Set(['dormant', 'churned']);
  return {
    month: input.month,
    stages: STAGES.map((stage) => ({ stage, name: STAGE_NAMES[stage] })),
    matrix: counts.filter((c) => c.count > 0),
    total: sum(() => true),
    activeWentDormant: sum((c) => c.from === 'active' && c.to === 'dormant'),
    cameBack: sum((c) => away.has(c.from) && !away.has(c.to)),
  };
}
