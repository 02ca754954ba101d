import { useStore } from 'zustand';
import { historyStore, type HistoryState } from './history';

export function useHistory<T>(selector: (state: HistoryState) => T): T {
  return useStore(historyStore, selector);
}
