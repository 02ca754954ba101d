// 规则 in the console: the rules as stored and in effect, the form built from their schema, the version history; a
// change previewed before it is saved (each changed rule, the members a tier change moves), saved against the
// version it was edited from, or an earlier version rolled back to.
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Output } from '@contract/index';
import { call as cloudCall, type CallFn } from '../../services/cloud';
import { createAction, ready, type ActionSlot } from '../../store/action';
import { createRequestIds, newRequestId } from '../../store/requestId';
import { createResource, field, idle, type Slot } from '../../store/resource';
import { onSessionReset } from '../../store/session';

export type RuleFormSpec = Output<'admin', 'ruleForm'>;
export type RuleFieldSpec = RuleFormSpec['fields'][number];
export type Rules = Record<string, unknown>;

export interface RulesState {
  config: Slot<Output<'admin', 'getConfig'>>;
  form: Slot<RuleFormSpec>;
  history: Slot<Output<'admin', 'configHistory'>>;
  preview: ActionSlot<Output<'admin', 'previewConfig'>>;
  save: ActionSlot<Output<'admin', 'setConfig'> | Output<'admin', 'rollbackConfig'>>;
  load: () => Promise<void>;
  previewRules: (rules: Rules) => Promise<void>;
  /** Saves `rules` as the overrides, against the version loaded; resolves true when saved. */
  saveRules: (rules: Rules, note: string) => Promise<boolean>;
  rollback: (toVersion: number) => Promise<boolean>;
  clearPreview: () => void;
  reset: () => void;
}

export function createRulesStore(call: CallFn, requestId: () => string = () => newRequestId('cfg')) {
  const ids = createRequestIds(requestId);
  return createStore<RulesState>()((_set, get, api) => {
    const config = createResource(field(api, 'config'), () => call('admin', 'getConfig'));
    const form = createResource(field(api, 'form'), () => call('admin', 'ruleForm'));
    const history = createResource(field(api, 'history'), () => call('admin', 'configHistory', {}));
    const preview = createAction(field(api, 'preview'), { fresh: true });
    const save = createAction(field(api, 'save'), { fresh: true });
    const afterSave = () => Promise.all([config.reload(), history.reload()]).then(() => preview.reset());
    return {
      config: idle(),
      form: idle(),
      history: idle(),
      preview: ready(),
      save: ready(),
      load: () => Promise.all([config.load(), form.load(), history.load()]).then(() => undefined),
      previewRules: (rules) => preview.run(() => call('admin', 'previewConfig', { rules })).then(() => undefined),
      async saveRules(rules, note) {
        const version = get().config.data?.version ?? 0;
        const done = await save.run(() => call('admin', 'setConfig', { rules, expectedVersion: version, ...(note.trim() ? { note: note.trim() } : {}) }));
        if (done) await afterSave();
        return done !== null;
      },
      async rollback(toVersion) {
        const version = get().config.data?.version ?? 0;
        const done = await save.run(() => ids.send(JSON.stringify([toVersion, version]), (id) => call('admin', 'rollbackConfig', { toVersion, expectedVersion: version, requestId: id })));
        if (done) await afterSave();
        return done !== null;
      },
      clearPreview: () => preview.reset(),
      reset() {
        ids.reset();
        for (const r of [config, form, history, preview, save]) r.reset();
      },
    };
  });
}

export const rulesStore = createRulesStore(cloudCall);
onSessionReset(() => rulesStore.getState().reset());

export function useRules<T>(selector: (state: RulesState) => T): T {
  return useStore(rulesStore, selector);
}
