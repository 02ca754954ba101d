// The segment rule as input (core/segments.ts is the language): an AND/OR tree at most MAX_DEPTH groups deep. Used by
// the segments function (saved segments, rule tags, previews) and by automation rules' conditions alike.
// Each item is one object with the keys of both a group and a condition (no union, so a refusal names the problem:
// ruleProblem's Chinese sentence, e.g. "「订单数」需要填写天数"), three levels written out (no recursive schema).
import * as z from 'zod/mini';
import { ruleProblem, SEGMENT_FIELDS, SEGMENT_OPS, MAX_CONDITIONS, MAX_LIST, type SegmentRule } from '../cloudfunctions/core/segments';
import { int, str } from './fields';

const scalar = z.union([int(0, 100_000_000_00), str(1, 64)]);
const value = z.optional(z.union([scalar, z.array(scalar).check(z.maxLength(MAX_LIST))]));
const condition = {
  field: z.optional(z.enum(SEGMENT_FIELDS as [string, ...string[]])),
  op: z.optional(z.enum(SEGMENT_OPS as [string, ...string[]])),
  value,
  days: z.optional(int(1, 366)),
  key: z.optional(str(1, 64, /^[A-Za-z0-9_.:-]+$/)),
};
const match = z.optional(z.enum(['all', 'any']));
const items = <S extends z.ZodMiniType>(item: S) => z.optional(z.array(item).check(z.maxLength(MAX_CONDITIONS)));
const level3 = z.strictObject({ ...condition, match, items: items(z.strictObject(condition)) });
const level2 = z.strictObject({ ...condition, match, items: items(level3) });

/** Where an item is a group (match + items) or a condition (field + op): ruleProblem's checks on top. */
function shapeProblem(item: Record<string, unknown>, top: boolean): string | null {
  const isGroup = item.match !== undefined || item.items !== undefined || top;
  if (isGroup) {
    if (item.field !== undefined || item.op !== undefined || item.value !== undefined || item.days !== undefined || item.key !== undefined) return '条件组不能同时是条件';
    if (item.match === undefined) return '请选择条件组的「全部满足」或「任一满足」';
    if (!Array.isArray(item.items) || item.items.length === 0) return '条件组不能为空';
    for (const child of item.items as Record<string, unknown>[]) {
      const p = shapeProblem(child, false);
      if (p) return p;
    }
    return null;
  }
  return item.field === undefined ? '请选择条件字段' : item.op === undefined ? '请选择条件的比较方式' : null;
}

/** A segment rule: { match: 'all' | 'any', items: [...] } whose every condition is checked by core ruleProblem. */
export const segmentRule = () => z.pipe(
  z.strictObject({ match: z.enum(['all', 'any']), items: z.array(level2).check(z.minLength(1), z.maxLength(MAX_CONDITIONS)) }).check(z.check((ctx) => {
    const problem = shapeProblem(ctx.value as Record<string, unknown>, true) ?? ruleProblem(ctx.value as unknown as SegmentRule);
    if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
  })),
  z.transform((v) => v as unknown as SegmentRule),
);

// The language's names and shapes, for the console's rule builder (the client reads the core through the contract).
export {
  CHANNEL_NAMES, CHANNELS, DAYS_OPTIONAL, DAYS_REQUIRED, FIELD_KINDS, FIELD_NAMES, LIST_OPS, NO_VALUE_OPS, OP_NAMES, OPS_BY_KIND, SEGMENT_FIELDS,
  type SegmentCondition, type SegmentField, type SegmentGroup, type SegmentOp, type SegmentRule,
} from '../cloudfunctions/core/segments';
export { STAGE_NAMES, STAGES } from '../cloudfunctions/core/lifecycleStage';
