// The contract's own input rules, checked before sending: a form shows the same sentence the function would answer
// ("昵称不能为空", "手机号长度不能少于 5 位") without a network call. Imported by subpackages only. Runtime imports of the
// contract use relative paths (the @contract alias is for types; jest maps no alias).
import type * as z from 'zod/mini';
import { describeIssues } from '../../../contract/issues';
import { CloudError } from './cloud-error';

/** The refusal `schema` would give `value` (as the function would answer it), or null when it passes. */
export function inputProblem(schema: z.ZodMiniType, value: unknown, root = ''): CloudError | null {
  const parsed = schema.safeParse(value);
  return parsed.success ? null : new CloudError('INVALID_INPUT', describeIssues(parsed.error.issues, root));
}
