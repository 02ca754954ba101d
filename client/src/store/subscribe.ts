// Subscription message consent (订阅消息): the templates of this environment with the consents left (notify.templates,
// loaded when a page that asks opens), and `ask`, which a tap handler calls first thing: the dialog must open inside
// the tap (WeChat refuses it after an await), so the template ids come from what was loaded, never fetched on tap.
// Each 允许 is one message the member will receive; the answer is reported to notify.subscribe (once per request id).
import { createStore } from 'zustand/vanilla';
import type { Output } from '@contract/index';
import { call as cloudCall, type CallFn } from '../services/cloud';
import { requestConsent, type ConsentResult } from '../services/subscribe';
import { createAction, ready, type ActionSlot } from './action';
import { newRequestId } from './requestId';
import { createResource, field, idle, type Slot } from './resource';
import { onSessionReset } from './session';

export type SubscribeView = Output<'notify', 'templates'>;
export type MessageKey = SubscribeView['templates'][number]['key'];
/** What one ask did: for which messages (the prompt that asked), how many templates were asked and accepted. */
export interface AskOutcome { keys: string; asked: number; accepted: number }

export interface SubscribeState {
  view: Slot<SubscribeView>;
  action: ActionSlot<AskOutcome>;
  load: () => Promise<void>;
  /** Asks consent for these messages (those with a template here, at most 3); resolves with how many were accepted. */
  ask: (keys: MessageKey[]) => Promise<AskOutcome | null>;
  reset: () => void;
}

export function createSubscribeStore(call: CallFn, consent: typeof requestConsent = requestConsent) {
  return createStore<SubscribeState>()((set, get, api) => {
    const view = createResource(field(api, 'view'), () => call('notify', 'templates'));
    const action = createAction(field(api, 'action'), { fresh: true });
    return {
      view: idle(),
      action: ready(),
      load: () => view.load(),
      ask: (keys) => action.run(() => {
        const loaded = get().view.data;
        const templates = loaded ? keys.map((k) => loaded.templates.find((t) => t.key === k)).filter((t): t is SubscribeView['templates'][number] => !!t) : [];
        // Synchronously inside the tap: the dialog opens now.
        return consent(templates).then((answer: Record<string, ConsentResult>) => {
          const results = Object.entries(answer).map(([templateId, result]) => ({ templateId, result }));
          if (results.length === 0) return { keys: keys.join(','), asked: 0, accepted: 0 };
          return call('notify', 'subscribe', { requestId: newRequestId('sub'), results }).then((r) => {
            const current = get().view.data;
            if (current) set({ view: { ...get().view, data: { ...current, consents: r.consents } } });
            return { keys: keys.join(','), asked: results.length, accepted: r.accepted };
          });
        });
      }),
      reset: () => { view.reset(); action.reset(); },
    };
  });
}

export const subscribeStore = createSubscribeStore(cloudCall);
onSessionReset(() => subscribeStore.getState().reset());
