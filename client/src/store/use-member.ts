import { useStore } from 'zustand';
import { memberStore, type MemberState } from './member';

export function useMember<T>(selector: (state: MemberState) => T): T {
  return useStore(memberStore, selector);
}
