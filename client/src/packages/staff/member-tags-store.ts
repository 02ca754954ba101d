// 会员标签 at the till (segments.memberTags / segments.tagMember): the scanned member's tags, manual ones added or
// removed by the clerk (rule tags are shown but kept by their rule). Checked by the contract before sending.
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Output } from '@contract/index';
import { segments as contract } from '../../../../contract/segments';
import { call as cloudCall, type CallFn } from '../../services/cloud';
import { inputProblem } from '../../services/check';
import { createAction, ready, type ActionSlot } from '../../store/action';
import { createResource, field, idle, type Slot } from '../../store/resource';
import { onSessionReset } from '../../store/session';

export type MemberTags = Output<'segments', 'memberTags'>;

export interface MemberTagsState {
  tags: Slot<MemberTags>;
  write: ActionSlot<Output<'segments', 'tagMember'>>;
  load: (memberNo: string) => Promise<void>;
  /** Adds (or with `remove`, takes off) a manual tag; the shown tags become the answer's. */
  tag: (memberNo: string, tag: string, remove?: boolean) => Promise<boolean>;
  reset: () => void;
}

export function createMemberTagsStore(call: CallFn) {
  return createStore<MemberTagsState>()((_set, _get, api) => {
    const tags = createResource(field(api, 'tags'), (memberNo: string) => call('segments', 'memberTags', { memberNo }));
    const write = createAction(field(api, 'write'), { fresh: true });
    return {
      tags: idle(),
      write: ready(),
      load: (memberNo) => tags.load(memberNo),
      async tag(memberNo, tag, remove = false) {
        const input = { memberNo, tag: tag.trim(), ...(remove ? { remove: true } : {}) };
        const problem = inputProblem(contract.tagMember.input, input);
        const done = await write.run(() => (problem ? Promise.reject(problem) : call('segments', 'tagMember', input)));
        if (!done) return false;
        api.setState({ tags: { data: { memberNo: done.memberNo, tags: done.tags }, status: 'ready', error: null } });
        return true;
      },
      reset() {
        tags.reset();
        write.reset();
      },
    };
  });
}

export const memberTagsStore = createMemberTagsStore(cloudCall);
onSessionReset(() => memberTagsStore.getState().reset());

export function useMemberTags<T>(selector: (state: MemberTagsState) => T): T {
  return useStore(memberTagsStore, selector);
}
