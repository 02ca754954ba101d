// Engagement slices (check-in calendar, tasks, referral info, leaderboards): a loaded view plus its actions each.
// Framework-free (zustand/vanilla); use-engage.ts has the hooks. Registered for the session reset when first loaded.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { call as cloudCall, type CallFn } from '../services/cloud';
import type { CalendarView, CheckinResult, ClaimResult, Leaderboard, ReferralInfo, TaskList } from '../types/engage';
import { toStoreError, type StoreError } from './errors';
import { onSessionReset } from './session';

export interface ViewState<V> {
  view: V | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: StoreError | null;
  /** The last action's error (a refused claim...), shown as a toast line; the view stays. */
  actionError: StoreError | null;
  busy: boolean;
  load: () => Promise<void>;
  reset: () => void;
}

function viewStore<V, A extends object>(fetch: () => Promise<V>, actions: (api: StoreApi<ViewState<V> & A>, reload: () => Promise<void>) => A) {
  let generation = 0;
  let pending: Promise<void> | null = null;
  const store = createStore<ViewState<V> & A>()((set, get, api) => {
    const load = () => {
      if (pending) return pending;
      const started = generation;
      set({ status: get().view ? 'ready' : 'loading', error: null } as Partial<ViewState<V> & A>);
      const request: Promise<void> = fetch()
        .then(
          (view) => { if (started === generation) set({ view, status: 'ready' } as Partial<ViewState<V> & A>); },
          (err) => { if (started === generation) set({ status: 'error', error: toStoreError(err) } as Partial<ViewState<V> & A>); },
        )
        .finally(() => { if (pending === request) pending = null; });
      pending = request;
      return request;
    };
    return {
      view: null, status: 'idle', error: null, actionError: null, busy: false,
      load,
      reset: () => {
        generation += 1;
        pending = null;
        set({ view: null, status: 'idle', error: null, actionError: null, busy: false } as Partial<ViewState<V> & A>);
      },
      ...actions(api, load),
    } as ViewState<V> & A;
  });
  onSessionReset(() => store.getState().reset());
  return store;
}

/** Runs one action with `busy` set; its error lands in `actionError`. */
async function act<V, A, R>(api: StoreApi<ViewState<V> & A>, run: () => Promise<R>): Promise<R | null> {
  if (api.getState().busy) return null;
  api.setState({ busy: true, actionError: null } as Partial<ViewState<V> & A>);
  try {
    return await run();
  } catch (err) {
    api.setState({ actionError: toStoreError(err) } as Partial<ViewState<V> & A>);
    return null;
  } finally {
    api.setState({ busy: false } as Partial<ViewState<V> & A>);
  }
}

export interface CheckinActions { last: CheckinResult | null; checkin: () => Promise<void>; makeUp: (day: string) => Promise<void> }

export function createCheckinStore(call: CallFn) {
  return viewStore<CalendarView, CheckinActions>(() => call<CalendarView>('checkin', 'calendar'), (api, reload) => ({
    last: null,
    async checkin() {
      const r = await act(api, () => call<CheckinResult>('checkin', 'checkin'));
      if (r) api.setState({ last: r });
      await reload();
    },
    async makeUp(day: string) {
      const r = await act(api, () => call<CheckinResult>('checkin', 'makeUp', { day }));
      if (r) api.setState({ last: r });
      await reload();
    },
  }));
}

export interface TaskActions { lastClaim: ClaimResult | null; claim: (taskId: string) => Promise<void>; report: (source: 'share' | 'browseMall') => Promise<void> }

export function createTasksStore(call: CallFn) {
  return viewStore<TaskList, TaskActions>(() => call<TaskList>('task', 'list'), (api, reload) => ({
    lastClaim: null,
    async claim(taskId: string) {
      const r = await act(api, () => call<ClaimResult>('task', 'claim', { taskId }));
      if (r) api.setState({ lastClaim: r });
      await reload();
    },
    async report(source) {
      // Reports are best effort: a refused one (too frequent) changes nothing the member must see.
      await call('task', 'report', { source }).catch(() => undefined);
      await reload();
    },
  }));
}

export function createReferralStore(call: CallFn) {
  return viewStore<ReferralInfo, object>(() => call<ReferralInfo>('referral', 'info'), () => ({}));
}

export function createLeaderboardStore(call: CallFn) {
  return viewStore<Leaderboard, object>(() => call<Leaderboard>('referral', 'leaderboard'), () => ({}));
}

export const checkinStore = createCheckinStore(cloudCall);
export const tasksStore = createTasksStore(cloudCall);
export const referralStore = createReferralStore(cloudCall);
export const leaderboardStore = createLeaderboardStore(cloudCall);
