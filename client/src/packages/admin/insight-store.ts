// 数据看板: the chosen date range and format/store filter (kept while moving between the dashboard pages), the
// snapshots of the range and of the month before it (stats.snapshots; the comparison month asked in the same call
// when the contract's 366 days allow, else apart), the names the figures are shown with (stores and formats, tier and
// task names from the rules in effect) and the month's lifecycle stage matrix (catalog.stageTransitions).
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { call as cloudCall, type CallFn } from '../../services/cloud';
import { createResource, field, idle, type Slot } from '../../store/resource';
import { onSessionReset } from '../../store/session';
import {
  addDays, daysBetween, MAX_RANGE_DAYS, NO_FILTER, presetRange, previousRange, shanghaiToday,
  type Cohorts, type Filter, type Names, type PresetKind, type Range, type Snapshot, type StageMatrix,
} from './insight-figures';

export interface InsightData { range: Range; previous: Range; snapshots: Snapshot[]; cohorts: { cur: Cohorts | null; prev: Cohorts | null } }

export interface InsightState {
  kind: PresetKind;
  range: Range;
  filter: Filter;
  data: Slot<InsightData>;
  names: Slot<Names>;
  matrixMonth: string;
  matrix: Slot<StageMatrix>;
  /** Loads the figures of the range in view (and the names once). */
  load: () => Promise<void>;
  /** A preset range, or a custom one (checked by the page). */
  pick: (kind: PresetKind, range?: Range) => Promise<void>;
  setFilter: (filter: Filter) => void;
  loadMatrix: (month: string) => Promise<void>;
  reset: () => void;
}

/** The snapshots from `from` to `to`, in calls of at most 366 days. */
function fetchSnapshots(call: CallFn, from: string, to: string): Promise<Snapshot[]> {
  const parts: Range[] = [];
  for (let start = from; start <= to; start = addDays(start, MAX_RANGE_DAYS)) {
    const end = addDays(start, MAX_RANGE_DAYS - 1);
    parts.push({ from: start, to: end < to ? end : to });
  }
  return Promise.all(parts.map((p) => call('stats', 'snapshots', p))).then((answers) => answers.flatMap((a) => a.snapshots));
}

function fetchNames(call: CallFn): Promise<Names> {
  return Promise.all([
    call('catalog', 'listStores'),
    call('admin', 'getConfig').catch(() => null),
  ]).then(([places, config]) => {
    const names: Names = { tiers: {}, formats: {}, stores: {}, tasks: {} };
    for (const f of places.formats) names.formats[f.format] = f.formatName;
    for (const s of places.items) {
      names.stores[s.storeId] = { name: s.name, format: s.format };
      names.formats[s.format] ??= s.formatName;
    }
    const rules = config?.effective as { tiers?: Array<{ level: number; name: string }>; tasks?: { list?: Array<{ id: string; title: string }> } } | undefined;
    for (const t of rules?.tiers ?? []) names.tiers[t.level] = t.name;
    for (const t of rules?.tasks?.list ?? []) names.tasks[t.id] = t.title;
    return names;
  });
}

export function createInsightStore(call: CallFn, today: () => string = () => shanghaiToday()) {
  return createStore<InsightState>()((set, get, api) => {
    const data = createResource(field(api, 'data'), (range: Range) => {
      const previous = previousRange(range);
      // One call when the comparison month and the range fit in 366 days together.
      const together = daysBetween({ from: previous.from, to: range.to }) <= MAX_RANGE_DAYS;
      const fetched = together
        ? fetchSnapshots(call, previous.from, range.to)
        : Promise.all([fetchSnapshots(call, previous.from, previous.to), fetchSnapshots(call, range.from, range.to)]).then(([a, b]) => [...a, ...b.filter((s) => s.day > previous.to)]);
      // The cohort tables as of the range's last day and of the comparison's (none yet: null, the figure says so).
      const cohorts = (day: string) => call('stats', 'cohorts', { day }).catch(() => null);
      return Promise.all([fetched, cohorts(range.to), cohorts(previous.to)]).then(([snapshots, cur, prev]) => ({ range, previous, snapshots, cohorts: { cur, prev } }));
    });
    const names = createResource(field(api, 'names'), () => fetchNames(call));
    const matrix = createResource(field(api, 'matrix'), (month: string) => call('catalog', 'stageTransitions', { month }));
    const initial = presetRange('thisMonth', today());
    return {
      kind: 'thisMonth',
      range: initial,
      filter: NO_FILTER,
      data: idle(),
      names: idle(),
      matrixMonth: initial.to.slice(0, 7),
      matrix: idle(),
      load: () => {
        // A load under way is shared; one a reset dropped starts again.
        if (!get().names.data) void names.load();
        return data.load(get().range);
      },
      pick: (kind, range) => {
        const r = kind === 'custom' ? range ?? get().range : presetRange(kind, today());
        set({ kind, range: r });
        return data.load(r);
      },
      setFilter: (filter) => set({ filter }),
      loadMatrix: (month) => {
        set({ matrixMonth: month });
        return matrix.load(month);
      },
      reset: () => {
        data.reset();
        names.reset();
        matrix.reset();
        const r = presetRange('thisMonth', today());
        set({ kind: 'thisMonth', range: r, filter: NO_FILTER, matrixMonth: r.to.slice(0, 7) });
      },
    };
  });
}

export const insightStore = createInsightStore(cloudCall);
onSessionReset(() => insightStore.getState().reset());

export function useInsight<T>(selector: (state: InsightState) => T): T {
  return useStore(insightStore, selector);
}
