import { useStore } from 'zustand';
import { tiersStore, type TiersState } from './tiers';

export function useTiers<T>(selector: (state: TiersState) => T): T {
  return useStore(tiersStore, selector);
}
