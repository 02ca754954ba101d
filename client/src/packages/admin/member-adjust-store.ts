// 调整积分 on a member's console page: a signed amount and a reason, one request id per confirmation (a retry after an
// uncertain answer adjusts once); a large one is held for a second admin (积分调整审批). Afterwards the page reloads.
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Output } from '@contract/index';
import { call as cloudCall, type CallFn } from '../../services/cloud';
import { createAction, ready, type ActionSlot } from '../../store/action';
import { createRequestIds, newRequestId } from '../../store/requestId';
import { field } from '../../store/resource';
import { onSessionReset } from '../../store/session';

export interface MemberAdjustState {
  adjust: ActionSlot<Output<'admin', 'adjustPoints'>>;
  /** Resolves the answer (applied or held), or null when refused or failed (see adjust.error). */
  submit: (input: { memberNo: string; amount: number; reason: string }) => Promise<Output<'admin', 'adjustPoints'> | null>;
  reset: () => void;
}

export function createMemberAdjustStore(call: CallFn, afterward: (memberNo: string) => void, requestId: () => string = () => newRequestId('cadj')) {
  const ids = createRequestIds(requestId);
  return createStore<MemberAdjustState>()((_set, _get, api) => {
    const adjust = createAction(field(api, 'adjust'), { fresh: true });
    return {
      adjust: ready(),
      async submit(input) {
        const done = await adjust.run(() => ids.send(JSON.stringify([input.memberNo, input.amount, input.reason]), (id) => call('admin', 'adjustPoints', { ...input, requestId: id })));
        if (done) afterward(input.memberNo);
        return done;
      },
      reset() {
        ids.reset();
        adjust.reset();
      },
    };
  });
}
