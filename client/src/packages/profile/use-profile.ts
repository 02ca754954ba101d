import { useStore } from 'zustand';
import { profileStore, type ProfileState } from './store';

export function useProfile<T>(selector: (state: ProfileState) => T): T {
  return useStore(profileStore, selector);
}
