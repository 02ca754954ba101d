// 营销自动化 in the console (function `automation`): the rules (list, save a version, switch on / pause), a dry run of
// the rule being edited (pages of members added up), the run log of a rule or a member, and the follow-up report.
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Input, Output } from '@contract/index';
import { automation as contract } from '../../../../contract/automation';
import { call as cloudCall, type CallFn } from '../../services/cloud';
import { inputProblem } from '../../services/check';
import { createAction, ready, type ActionSlot } from '../../store/action';
import { createRequestIds } from '../../store/requestId';
import { createResource, field, idle, type Slot } from '../../store/resource';
import { onSessionReset } from '../../store/session';

export type RuleRow = Output<'automation', 'listRules'>['rules'][number];
export type RuleBodyInput = Input<'automation', 'saveRule'>['rule'];
export type RunRow = Output<'automation', 'runs'>['runs'][number];
export type DryRun = Output<'automation', 'dryRun'> & { pages: number };
export type TaskReport = Output<'automation', 'taskReport'>;
export type RuleStatus = RuleRow['status'];

/** Pages a dry run adds up before it stops (200 members each). */
const DRY_PAGES = 50;

export interface AutomationState {
  rules: Slot<Output<'automation', 'listRules'>>;
  runs: Slot<Output<'automation', 'runs'>>;
  report: Slot<TaskReport>;
  save: ActionSlot<Output<'automation', 'saveRule'>>;
  status: ActionSlot<Output<'automation', 'setRuleStatus'>>;
  dry: ActionSlot<DryRun>;
  loadRules: () => Promise<void>;
  loadRuns: (by: { ruleId?: string; memberNo?: string }) => Promise<void>;
  loadReport: (month: string) => Promise<void>;
  saveRule: (ruleId: string, expectedVersion: number | null, rule: RuleBodyInput) => Promise<Output<'automation', 'saveRule'> | null>;
  setStatus: (ruleId: string, status: RuleStatus) => Promise<Output<'automation', 'setRuleStatus'> | null>;
  dryRun: (rule: RuleBodyInput) => Promise<DryRun | null>;
  clearEdit: () => void;
  reset: () => void;
}

export function createAutomationStore(call: CallFn) {
  return createStore<AutomationState>()((_set, _get, api) => {
    const rules = createResource(field(api, 'rules'), () => call('automation', 'listRules'));
    const runs = createResource(field(api, 'runs'), (by: { ruleId?: string; memberNo?: string }) => call('automation', 'runs', by));
    const report = createResource(field(api, 'report'), (month: string) => call('automation', 'taskReport', { month }));
    const save = createAction(field(api, 'save'), { fresh: true });
    const status = createAction(field(api, 'status'), { fresh: true });
    const dry = createAction(field(api, 'dry'), { fresh: true });
    const saveIds = createRequestIds();
    const statusIds = createRequestIds();
    return {
      rules: idle(),
      runs: idle(),
      report: idle(),
      save: ready(),
      status: ready(),
      dry: ready(),
      loadRules: () => rules.load(),
      loadRuns: (by) => {
        const input = by.memberNo ? { memberNo: by.memberNo.trim() } : { ruleId: by.ruleId };
        const problem = inputProblem(contract.runs.input, input);
        return problem ? Promise.resolve(void api.setState({ runs: { data: null, status: 'error', error: problem } })) : runs.load(input);
      },
      loadReport: (month) => report.load(month),
      saveRule(ruleId, expectedVersion, rule) {
        const body = { ruleId, ...(expectedVersion !== null ? { expectedVersion } : {}), rule };
        const problem = inputProblem(contract.saveRule.input, { ...body, requestId: 'unsent-00' });
        return save.run(() => (problem ? Promise.reject(problem) : saveIds.send(`save:${JSON.stringify(body)}`, (requestId) => call('automation', 'saveRule', { ...body, requestId }))), () => void rules.reload());
      },
      setStatus(ruleId, next) {
        return status.run(() => statusIds.send(`status:${ruleId}:${next}`, (requestId) => call('automation', 'setRuleStatus', { ruleId, status: next, requestId })), () => void rules.reload());
      },
      dryRun(rule) {
        const problem = inputProblem(contract.dryRun.input, { rule });
        return dry.run(async () => {
          if (problem) throw problem;
          let cursor: string | undefined;
          const total: DryRun = { scanned: 0, reached: 0, points: 0, vouchers: 0, messages: 0, tasks: 0, sample: [], nextCursor: null, budget: { points: null, vouchers: null }, pages: 0 };
          do {
            const page = await call('automation', 'dryRun', { rule, ...(cursor ? { cursor } : {}) });
            total.scanned += page.scanned; total.reached += page.reached; total.points += page.points; total.vouchers += page.vouchers;
            total.messages += page.messages; total.tasks += page.tasks; total.sample = [...total.sample, ...page.sample].slice(0, 5);
            total.budget = page.budget; total.nextCursor = page.nextCursor; total.pages += 1;
            cursor = page.nextCursor ?? undefined;
          } while (cursor && total.pages < DRY_PAGES);
          return total;
        });
      },
      clearEdit() {
        save.reset();
        status.reset();
        dry.reset();
      },
      reset() {
        rules.reset();
        runs.reset();
        report.reset();
        save.reset();
        status.reset();
        dry.reset();
      },
    };
  });
}

export const automationStore = createAutomationStore(cloudCall);
onSessionReset(() => automationStore.getState().reset());

export function useAutomation<T>(selector: (state: AutomationState) => T): T {
  return useStore(automationStore, selector);
}
