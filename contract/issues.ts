// zod issues as the Chinese sentences a member, clerk or operator reads ("参数 nickname 不能为空").
// The first unknown field wins over other problems: a typo in a field name is the likeliest cause of the rest.
import type { core } from 'zod/mini';

type Issue = core.$ZodIssue;

const TYPE_NAMES: Record<string, string> = {
  string: '必须是字符串', number: '必须是整数', int: '必须是整数', boolean: '必须是布尔值',
  array: '必须是数组', object: '必须是对象', record: '必须是对象',
};

export function pathOf(path: readonly PropertyKey[], root = ''): string {
  let out = root;
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  return out;
}

function problem(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return TYPE_NAMES[issue.expected] ?? '类型不正确';
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) === 1 ? '不能为空' : `长度不能少于 ${issue.minimum}`;
      if (issue.origin === 'array') return `至少 ${issue.minimum} 项`;
      return `不能小于 ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `长度不能超过 ${issue.maximum}`;
      if (issue.origin === 'array') return `最多 ${issue.maximum} 项`;
      return `不能大于 ${issue.maximum}`;
    case 'invalid_format':
      return '格式不正确';
    case 'invalid_value':
      return `必须是 ${issue.values.map(String).join(' / ')} 之一`;
    case 'unrecognized_keys':
      return '不被支持';
    case 'invalid_union':
      return '格式不正确';
    default:
      return '不正确';
  }
}

/** One sentence for the first problem; `root` names the top level for nested values (e.g. 'order'). */
export function describeIssues(issues: readonly Issue[], root = ''): string {
  const issue = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0];
  if (!issue) return '请求参数有误';
  // A field rule (contract/fields.ts) names its problem; the sentence names the field.
  const fieldProblem = issue.code === 'custom' ? (issue.params as { problem?: unknown } | undefined)?.problem : undefined;
  // A refinement carries its own sentence.
  if (issue.code === 'custom' && !fieldProblem && issue.message && issue.message !== 'Invalid input') return issue.message;
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
  const where = pathOf(path, root);
  if (typeof fieldProblem === 'string') return `参数 ${where || '值'} ${fieldProblem}`;
  return where ? `参数 ${where} ${problem(issue)}` : '请求格式不正确';
}
