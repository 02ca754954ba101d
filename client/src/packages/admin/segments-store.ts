// 分群 and 标签 in the console (function `segments`): the list of segments, one segment with its versions and members,
// the preview of a draft rule (count and sample) and saving it; the tags in use and bulk tagging by member numbers.
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Input, Output } from '@contract/index';
import { segments as contract } from '../../../../contract/segments';
import { call as cloudCall, type CallFn } from '../../services/cloud';
import { inputProblem } from '../../services/check';
import { createAction, ready, type ActionSlot } from '../../store/action';
import { createRequestIds } from '../../store/requestId';
import { createResource, field, idle, type Slot } from '../../store/resource';
import { onSessionReset } from '../../store/session';
import type { SegmentRule } from './segment-draft';

/** A rule as the contract takes it (its schema checks the tree; core's SegmentRule is the checked shape). */
type RuleInput = Input<'segments', 'preview'>['rule'];
export type SegmentRow = Output<'segments', 'list'>['segments'][number];
export type SegmentDetail = Output<'segments', 'get'>;
export type Preview = Output<'segments', 'preview'>;
export type TagRow = Output<'segments', 'tags'>['tags'][number];
export type BulkResult = Output<'segments', 'tagMembers'>;

export interface SegmentsState {
  list: Slot<Output<'segments', 'list'>>;
  detail: Slot<SegmentDetail>;
  preview: ActionSlot<Preview>;
  save: ActionSlot<Output<'segments', 'save'>>;
  tags: Slot<Output<'segments', 'tags'>>;
  bulk: ActionSlot<BulkResult>;
  loadList: () => Promise<void>;
  open: (segmentId: string) => Promise<void>;
  runPreview: (rule: SegmentRule) => Promise<Preview | null>;
  saveSegment: (input: { segmentId?: string; title: string; description: string; tag: string; rule: SegmentRule }) => Promise<Output<'segments', 'save'> | null>;
  loadTags: () => Promise<void>;
  tagMembers: (tag: string, numbers: string, remove: boolean) => Promise<BulkResult | null>;
  clearDraft: () => void;
  reset: () => void;
}

/** Member numbers as pasted: one per line, or separated by commas, spaces or 、. */
export const numbersOf = (text: string) => text.split(/[\s,，、;；]+/).map((n) => n.trim()).filter(Boolean);

export function createSegmentsStore(call: CallFn) {
  return createStore<SegmentsState>()((_set, _get, api) => {
    const list = createResource(field(api, 'list'), () => call('segments', 'list'));
    const detail = createResource(field(api, 'detail'), (segmentId: string) => call('segments', 'get', { segmentId }));
    const tags = createResource(field(api, 'tags'), () => call('segments', 'tags'));
    const preview = createAction(field(api, 'preview'), { fresh: true });
    const save = createAction(field(api, 'save'), { fresh: true });
    const bulk = createAction(field(api, 'bulk'), { fresh: true });
    const ids = createRequestIds();
    return {
      list: idle(),
      detail: idle(),
      preview: ready(),
      save: ready(),
      tags: idle(),
      bulk: ready(),
      loadList: () => list.load(),
      open: (segmentId) => detail.load(segmentId),
      runPreview(checked) {
        const rule = checked as unknown as RuleInput;
        const problem = inputProblem(contract.preview.input, { rule });
        return preview.run(() => (problem ? Promise.reject(problem) : call('segments', 'preview', { rule })));
      },
      saveSegment(input) {
        const body = {
          ...(input.segmentId ? { segmentId: input.segmentId } : {}), title: input.title.trim(),
          ...(input.description.trim() ? { description: input.description.trim() } : {}), ...(input.tag.trim() ? { tag: input.tag.trim() } : {}), rule: input.rule as unknown as RuleInput,
        };
        const problem = inputProblem(contract.save.input, { ...body, requestId: 'unsent-0' });
        const key = `save:${JSON.stringify(body)}`;
        return save.run(() => (problem ? Promise.reject(problem) : ids.send(key, (requestId) => call('segments', 'save', { ...body, requestId }))), () => {
          void list.reload();
          if (input.segmentId) void detail.load(input.segmentId);
        });
      },
      loadTags: () => tags.load(),
      tagMembers(tag, numbers, remove) {
        const input = { tag: tag.trim(), memberNos: numbersOf(numbers), ...(remove ? { remove: true } : {}) };
        const problem = inputProblem(contract.tagMembers.input, input);
        return bulk.run(() => (problem ? Promise.reject(problem) : call('segments', 'tagMembers', input)), () => void tags.reload());
      },
      clearDraft() {
        preview.reset();
        save.reset();
      },
      reset() {
        list.reset();
        detail.reset();
        tags.reset();
        preview.reset();
        save.reset();
        bulk.reset();
      },
    };
  });
}

export const segmentsStore = createSegmentsStore(cloudCall);
onSessionReset(() => segmentsStore.getState().reset());

export function useSegments<T>(selector: (state: SegmentsState) => T): T {
  return useStore(segmentsStore, selector);
}
