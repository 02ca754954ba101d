// 推荐意愿 (the NPS survey a subscription message opens after a purchase): survey.current for the quarter in the
// message's page query, then survey.answer with the 0-10 score and an optional comment (checked against the contract
// before sending). Framework-free; the page uses it through useSurvey.
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Input, Output } from '@contract/index';
import { survey as surveyContract } from '../../../../../contract/survey';
import { inputProblem } from '../../../services/check';
import { call as cloudCall, type CallFn } from '../../../services/cloud';
import { createAction, ready, type ActionSlot } from '../../../store/action';
import { createResource, field, idle, type Slot } from '../../../store/resource';
import { onSessionReset } from '../../../store/session';

export type Survey = NonNullable<Output<'survey', 'current'>['survey']>;

export interface SurveyState {
  /** The survey (null inside: none was sent to this member for that quarter). */
  survey: Slot<Output<'survey', 'current'>>;
  answer: ActionSlot<Output<'survey', 'answer'>>;
  load: (quarter: string | undefined) => Promise<void>;
  retry: () => Promise<void>;
  /** Resolves true when the answer was recorded (the survey in the slot then shows it). */
  submit: (quarter: string, score: number, comment: string) => Promise<boolean>;
  reset: () => void;
}

export function createSurveyStore(call: CallFn) {
  return createStore<SurveyState>()((set, get, api) => {
    const survey = createResource(field(api, 'survey'), (quarter: string | undefined) => call('survey', 'current', quarter ? { survey: quarter } : {}));
    const answer = createAction(field(api, 'answer'));
    return {
      survey: idle(),
      answer: ready(),
      load: (quarter) => { answer.clearError(); return survey.load(quarter); },
      retry: survey.reload,
      submit: async (quarter, score, comment) => {
        const done = await answer.run(async () => {
          const input: Input<'survey', 'answer'> = { survey: quarter, score, ...(comment.trim() ? { comment: comment.trim() } : {}) };
          const problem = inputProblem(surveyContract.answer.input, input);
          if (problem) throw problem;
          return call('survey', 'answer', input);
        });
        if (done) set({ survey: { ...get().survey, data: { survey: done.survey } } });
        return done !== null;
      },
      reset: () => { survey.reset(); answer.reset(); },
    };
  });
}

export const surveyStore = createSurveyStore(cloudCall);
onSessionReset(() => surveyStore.getState().reset());

export const useSurvey = <T,>(selector: (s: SurveyState) => T): T => useStore(surveyStore, selector);
