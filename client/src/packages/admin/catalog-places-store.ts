// 门店 and 活动 in the console: the lists, and a save (create or edit) checked by the contract's schema before sending,
// once per confirmation (request id), refused with the other person's change when the document moved on meanwhile.
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Input, Output } from '@contract/index';
import { consoleCatalog } from '../../../../contract/consoleCatalog';
import { call as cloudCall, type CallFn } from '../../services/cloud';
import { inputProblem } from '../../services/check';
import { createAction, ready, type ActionSlot } from '../../store/action';
import { createRequestIds } from '../../store/requestId';
import { createResource, field, idle, type Slot } from '../../store/resource';
import { onSessionReset } from '../../store/session';

export type ConsoleStore = Output<'catalog', 'listStores'>['items'][number];
export type StoreFields = Input<'catalog', 'saveStore'>['store'];
export type ConsoleActivity = Output<'catalog', 'listActivities'>['items'][number];
export type ActivityFields = Input<'catalog', 'saveActivity'>['activity'];

export interface PlacesState {
  stores: Slot<Output<'catalog', 'listStores'>>;
  activities: Slot<Output<'catalog', 'listActivities'>>;
  saveStore: ActionSlot<Output<'catalog', 'saveStore'>>;
  saveActivity: ActionSlot<Output<'catalog', 'saveActivity'>>;
  loadStores: () => Promise<void>;
  loadActivities: () => Promise<void>;
  /** Creates (`current` null) or edits a store; resolves true when saved (the list reloads). */
  submitStore: (storeId: string, fields: StoreFields, current: ConsoleStore | null) => Promise<boolean>;
  submitActivity: (activityId: string, fields: ActivityFields, current: ConsoleActivity | null) => Promise<boolean>;
  clearErrors: () => void;
  reset: () => void;
}

export function createPlacesStore(call: CallFn) {
  return createStore<PlacesState>()((_set, _get, api) => {
    const stores = createResource(field(api, 'stores'), () => call('catalog', 'listStores'));
    const activities = createResource(field(api, 'activities'), () => call('catalog', 'listActivities'));
    const saveStore = createAction(field(api, 'saveStore'), { fresh: true });
    const saveActivity = createAction(field(api, 'saveActivity'), { fresh: true });
    const storeIds = createRequestIds();
    const activityIds = createRequestIds();
    return {
      stores: idle(),
      activities: idle(),
      saveStore: ready(),
      saveActivity: ready(),
      loadStores: () => stores.load(),
      loadActivities: () => activities.load(),
      async submitStore(storeId, fields, current) {
        const input = { storeId, store: fields, ...(current ? { expectedVersion: current.version } : {}), requestId: 'unsent-0' };
        const problem = inputProblem(consoleCatalog.saveStore.input, input);
        if (problem) {
          await saveStore.run(() => Promise.reject(problem));
          return false;
        }
        const done = await saveStore.run(() => storeIds.send(JSON.stringify(input), (requestId) => call('catalog', 'saveStore', { ...input, requestId })));
        if (done) void stores.reload();
        return done !== null;
      },
      async submitActivity(activityId, fields, current) {
        const input = { activityId, activity: fields, ...(current ? { expectedVersion: current.version } : {}), requestId: 'unsent-0' };
        const problem = inputProblem(consoleCatalog.saveActivity.input, input);
        if (problem) {
          await saveActivity.run(() => Promise.reject(problem));
          return false;
        }
        const done = await saveActivity.run(() => activityIds.send(JSON.stringify(input), (requestId) => call('catalog', 'saveActivity', { ...input, requestId })));
        if (done) void activities.reload();
        return done !== null;
      },
      clearErrors() {
        saveStore.reset();
        saveActivity.reset();
      },
      reset() {
        stores.reset();
        activities.reset();
        saveStore.reset();
        saveActivity.reset();
        storeIds.reset();
        activityIds.reset();
      },
    };
  });
}

export const placesStore = createPlacesStore(cloudCall);
onSessionReset(() => placesStore.getState().reset());

export function usePlaces<T>(selector: (state: PlacesState) => T): T {
  return useStore(placesStore, selector);
}
