// 实验 (A/B tests of points strategies) in the console (function `experiments`): the list, one experiment, saving a
// draft, start and stop, the sample size planner and the analysis.
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Input, Output } from '@contract/index';
import { experiments as contract } from '../../../../contract/experiments';
import { call as cloudCall, type CallFn } from '../../services/cloud';
import { inputProblem } from '../../services/check';
import { createAction, ready, type ActionSlot } from '../../store/action';
import { createRequestIds } from '../../store/requestId';
import { createResource, field, idle, type Slot } from '../../store/resource';
import { onSessionReset } from '../../store/session';

export type Experiment = Output<'experiments', 'get'>;
export type ExperimentResult = Output<'experiments', 'analyse'>;
export type Comparison = ExperimentResult['comparisons'][number];
export type PlanAnswer = Output<'experiments', 'plan'>;
export type SaveBody = Omit<Input<'experiments', 'save'>, 'requestId'>;
export type PlanBody = Input<'experiments', 'plan'>;

export interface ExperimentsState {
  list: Slot<Output<'experiments', 'list'>>;
  detail: Slot<Experiment>;
  result: Slot<ExperimentResult>;
  save: ActionSlot<Experiment>;
  status: ActionSlot<Experiment>;
  plan: ActionSlot<PlanAnswer>;
  loadList: () => Promise<void>;
  open: (experimentId: string) => Promise<void>;
  analyse: (experimentId: string) => Promise<void>;
  saveDraft: (body: SaveBody) => Promise<Experiment | null>;
  setStatus: (action: 'start' | 'stop', experimentId: string, expectedVersion: number) => Promise<Experiment | null>;
  runPlan: (body: PlanBody) => Promise<PlanAnswer | null>;
  clearDraft: () => void;
  reset: () => void;
}

export function createExperimentsStore(call: CallFn) {
  return createStore<ExperimentsState>()((_set, _get, api) => {
    const list = createResource(field(api, 'list'), () => call('experiments', 'list'));
    const detail = createResource(field(api, 'detail'), (experimentId: string) => call('experiments', 'get', { experimentId }));
    const result = createResource(field(api, 'result'), (experimentId: string) => call('experiments', 'analyse', { experimentId }));
    const save = createAction(field(api, 'save'), { fresh: true });
    const status = createAction(field(api, 'status'), { fresh: true });
    const plan = createAction(field(api, 'plan'), { fresh: true });
    const ids = createRequestIds();
    return {
      list: idle(),
      detail: idle(),
      result: idle(),
      save: ready(),
      status: ready(),
      plan: ready(),
      loadList: () => list.load(),
      open: (experimentId) => detail.load(experimentId),
      analyse: (experimentId) => result.load(experimentId),
      saveDraft(body) {
        const problem = inputProblem(contract.save.input, { ...body, requestId: 'unsent-0' });
        return save.run(() => (problem ? Promise.reject(problem) : ids.send(`save:${JSON.stringify(body)}`, (requestId) => call('experiments', 'save', { ...body, requestId }))), (saved) => {
          void list.reload();
          void detail.load(saved.id);
        });
      },
      setStatus(action, experimentId, expectedVersion) {
        return status.run(() => call('experiments', action, { experimentId, expectedVersion }), () => {
          void list.reload();
          void detail.load(experimentId);
        });
      },
      runPlan(body) {
        const problem = inputProblem(contract.plan.input, body);
        return plan.run(() => (problem ? Promise.reject(problem) : call('experiments', 'plan', body)));
      },
      clearDraft() {
        save.reset();
        status.reset();
        plan.reset();
      },
      reset() {
        list.reset();
        detail.reset();
        result.reset();
        save.reset();
        status.reset();
        plan.reset();
      },
    };
  });
}

export const experimentsStore = createExperimentsStore(cloudCall);
onSessionReset(() => experimentsStore.getState().reset());

export function useExperiments<T>(selector: (state: ExperimentsState) => T): T {
  return useStore(experimentsStore, selector);
}

export const STATUS_NAMES: Record<Experiment['status'], string> = { draft: '草稿', live: '进行中', stopped: '已停止' };

/** Percent with one decimal ('23.4%'). */
export const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`;
/** Percentage points, signed ('+3.2 个百分点'). */
export const pp = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} 个百分点`;
/** Fen as yuan with two decimals, signed when asked. */
export const yuan = (fen: number, signed = false) => `${signed && fen >= 0 ? '+' : ''}${fen < 0 ? '-' : ''}¥${(Math.abs(fen) / 100).toFixed(2)}`;
/** A p-value as a statistician writes it. */
export const pValue = (p: number) => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);
