// The operator console's rules actions (function `admin`) besides getConfig / setConfig: a change previewed before it
// is saved (each changed field, and for a new tier ladder how many members would move up or down), the version
// history with who and why, and rollback to any version (a rollback is a new version).
import * as z from 'zod/mini';
import { action } from './action';
import { array, bool, freeObject, int, integer, iso, noInput, nullable, number, object, oneOf, opt, requestId, str, text } from './fields';

const rulesInput = () => freeObject().check(z.refine((r) => JSON.stringify(r).length <= 65536, { message: '规则内容过大' }));

const ruleField = object({
  path: text(), kind: oneOf(['int', 'number', 'bool', 'choice', 'text', 'intList', 'textList', 'json']), label: text(), unit: nullable(text()), help: nullable(text()),
  optional: bool(), min: nullable(number()), max: nullable(number()), choices: nullable(array(object({ value: text(), name: text() }))),
  when: nullable(object({ field: text(), value: text() })),
});

export const consoleRules = {
  /**
   * The rules as a form, from the rules schema: sections, every field (path with `[]` for list items, kind, range,
   * Chinese label, unit, help, the variant it belongs to) and every list of records.
   */
  ruleForm: action({
    input: noInput,
    output: object({ sections: array(object({ key: text(), label: text() })), fields: array(ruleField), lists: array(object({ path: text(), label: text(), itemLabel: text() })) }),
  }),
  previewConfig: action({
    /** `rules`: the overrides as they would be saved (what admin.setConfig would take). */
    input: z.strictObject({ rules: rulesInput() }),
    output: object({
      /** false: setConfig would refuse them, for `problems`. */
      valid: bool(),
      problems: array(text()),
      /** Each effective rule that would change, by its path. */
      changes: array(object({ path: text(), before: z.unknown(), after: z.unknown() })),
      /** When the tier ladder changes: by their growth today, members who would qualify higher or lower. */
      tierImpact: nullable(object({
        members: integer(), up: integer(), down: integer(),
        byLevel: array(object({ level: integer(), name: text(), before: integer(), after: integer() })),
      })),
    }),
  }),
  configHistory: action({
    input: z.strictObject({ beforeVersion: opt(int(1)) }),
    output: object({
      items: array(object({ version: integer(), note: nullable(text()), updatedBy: nullable(text()), updatedAt: iso(), rollbackOf: nullable(integer()) })),
      /** The next page: versions before this one. */
      nextBeforeVersion: nullable(integer()),
    }),
  }),
  /** Saves the overrides of `version` again, as a new version (expectedVersion: the current one). */
  rollbackConfig: action({
    input: z.strictObject({ toVersion: int(1), expectedVersion: int(1), note: opt(str(1, 200)), requestId: requestId() }),
    output: object({ version: integer(), rollbackOf: integer(), replayed: bool() }),
    errors: ['NOT_FOUND', 'STALE_VERSION'],
  }),
};
