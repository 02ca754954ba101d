import { useStore } from 'zustand';
import { subscribeStore, type SubscribeState } from './subscribe';

export function useSubscribe<T>(selector: (state: SubscribeState) => T): T {
  return useStore(subscribeStore, selector);
}
