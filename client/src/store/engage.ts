// Engagement slices (check-in calendar, tasks, referral info, leaderboards): a loaded view plus its actions each.
// Framework-free (zustand/vanilla); use-engage.ts has the hooks. Registered for the session reset when first loaded.
import { createStore } from 'zustand/vanilla';
import type { Input, Output } from '@contract/index';
import { call as cloudCall, type CallFn } from '../services/cloud';
import { createAction, ready, type Action, type ActionSlot } from './action';
import { createResource, field, idle, type Slot } from './resource';
import { onSessionReset } from './session';

export interface ViewState<V, R> {
  view: Slot<V>;
  /** The last action: busy while it runs, its error (a refused claim...) shown as a line above the view, its answer. */
  action: ActionSlot<R>;
  load: () => Promise<void>;
  reset: () => void;
}

/** What a slice's actions get: the action runner, and a fresh load of the view (after an action changed it). */
type Tools<R> = { act: Action<R>; reload: () => Promise<void> };

function viewStore<V, R = never, X extends object = object>(fetch: () => Promise<V>, actions: (tools: Tools<R>) => X = () => ({}) as X) {
  const store = createStore<ViewState<V, R> & X>()((_set, _get, api) => {
    const view = createResource(field(api, 'view'), fetch);
    const act = createAction(field(api, 'action'));
    return {
      view: idle(),
      action: ready(),
      load: () => view.load(),
      reset() {
        act.reset();
        view.reset();
      },
      ...actions({ act, reload: view.reload }),
    } as ViewState<V, R> & X;
  });
  onSessionReset(() => store.getState().reset());
  return store;
}

export type CalendarView = Output<'checkin', 'calendar'>;
export type CheckinResult = Output<'checkin', 'checkin'>;

export function createCheckinStore(call: CallFn) {
  return viewStore<CalendarView, CheckinResult, { checkin: () => Promise<void>; makeUp: (day: string) => Promise<void> }>(
    () => call('checkin', 'calendar'),
    ({ act, reload }) => ({
      async checkin() {
        await act.run(() => call('checkin', 'checkin'));
        await reload();
      },
      async makeUp(day: string) {
        await act.run(() => call('checkin', 'makeUp', { day }));
        await reload();
      },
    }),
  );
}

/** An earlier month of the check-in calendar (checkin.calendar with `month`), browsed back from the current one. */
export interface MonthState {
  month: Slot<CalendarView>;
  /** Loads `month` (YYYY-MM); the answer of a month left meanwhile is dropped. */
  load: (month: string) => Promise<void>;
  /** Asks again for the month last asked for. */
  retry: () => Promise<void>;
  reset: () => void;
}

export function createMonthStore(call: CallFn) {
  const store = createStore<MonthState>()((_set, _get, api) => {
    const month = createResource(field(api, 'month'), (m: string) => call('checkin', 'calendar', { month: m }));
    return { month: idle(), load: (m) => month.load(m), retry: month.reload, reset: month.reset };
  });
  onSessionReset(() => store.getState().reset());
  return store;
}

export type TaskList = Output<'task', 'list'>;
export type TaskView = TaskList['tasks'][number];

export function createTasksStore(call: CallFn) {
  return viewStore<TaskList, Output<'task', 'claim'>, { claim: (taskId: string) => Promise<void>; report: (source: Input<'task', 'report'>['source']) => Promise<void> }>(
    () => call('task', 'list'),
    ({ act, reload }) => ({
      async claim(taskId: string) {
        await act.run(() => call('task', 'claim', { taskId }));
        await reload();
      },
      async report(source) {
        // Reports are best effort: a refused one (too frequent) changes nothing the member must see.
        await call('task', 'report', { source }).catch(() => undefined);
        await reload();
      },
    }),
  );
}

export const createReferralStore = (call: CallFn) => viewStore(() => call('referral', 'info'));
export const createLeaderboardStore = (call: CallFn) => viewStore(() => call('referral', 'leaderboard'));

export const checkinStore = createCheckinStore(cloudCall);
export const calendarMonthStore = createMonthStore(cloudCall);
export const tasksStore = createTasksStore(cloudCall);
export const referralStore = createReferralStore(cloudCall);
export const leaderboardStore = createLeaderboardStore(cloudCall);
