// zod issues as the Chinese sentences a member, clerk or operator reads ("昵称不能为空", "手机号长度不能少于 5 位"): the
// field is named by its label (contract/labels.ts), never by its code name. A field the contract does not have is
// named as sent ("不支持的参数 foo"). The first unknown field wins over other problems: a typo in a field name is the
// likeliest cause of the rest. The client shows the same sentences before sending (it parses with the same schemas).
import type { core } from 'zod/mini';
import { labelOf } from './labels';

type Issue = core.$ZodIssue;

const TYPE_NAMES: Record<string, string> = {
  string: '必须是文字', number: '必须是整数', int: '必须是整数', boolean: '必须是布尔值',
  array: '必须是列表', object: '必须是对象', record: '必须是对象',
};

export function pathOf(path: readonly PropertyKey[], root = ''): string {
  let out = root;
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  return out;
}

/** Numbers, codes and ids count in digits (位); names, addresses and notes in characters (个字). */
const unitOf = (label: string) => (/[号码串]$/.test(label) ? '位' : '个字');

function problem(issue: Issue, label: string): string {
  switch (issue.code) {
    case 'invalid_type':
      return TYPE_NAMES[issue.expected] ?? '类型不正确';
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) === 1 ? '不能为空' : `长度不能少于 ${issue.minimum} ${unitOf(label)}`;
      if (issue.origin === 'array') return `至少 ${issue.minimum} 项`;
      return `不能小于 ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `长度不能超过 ${issue.maximum} ${unitOf(label)}`;
      if (issue.origin === 'array') return `最多 ${issue.maximum} 项`;
      return `不能大于 ${issue.maximum}`;
    case 'invalid_format':
      return '格式不正确';
    case 'invalid_value':
      return `必须是 ${issue.values.map(String).join(' / ')} 之一`;
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
  if (issue.code === 'unrecognized_keys') return `不支持的参数 ${pathOf([...issue.path, issue.keys[0]], root)}`;
  // A field rule (contract/fields.ts) names its problem; the sentence names the field.
  const fieldProblem = issue.code === 'custom' ? (issue.params as { problem?: unknown } | undefined)?.problem : undefined;
  // A refinement carries its own sentence.
  if (issue.code === 'custom' && typeof fieldProblem !== 'string' && issue.message && issue.message !== 'Invalid input') return issue.message;
  const path = root ? [root, ...issue.path] : issue.path;
  if (path.length === 0) return '请求格式不正确';
  const keys = path.filter((k): k is string => typeof k === 'string');
  const index = path.filter((k): k is number => typeof k === 'number').pop();
  const label = labelOf(keys);
  const what = typeof fieldProblem === 'string' ? fieldProblem : problem(issue, label ?? '');
  if (!label) return `参数 ${pathOf(issue.path, root)} ${what}`;
  return `${label}${index === undefined ? '' : `（第 ${index + 1} 项）`}${what}`;
}
