// Schema issues as the Chinese problems an operator reads: the message of the failed check, with `{field}` filled
// from the list item it is about (the tier's name, the task's title), and where the value is.
import type * as z from 'zod/mini';
import { pathOf as pathText } from '../../../contract/issues';

export interface ConfigProblem {
  /** Where, e.g. ['points', 'campaigns', 0, 'to']; [] for the rules as a whole. */
  path: (string | number)[];
  message: string;
  /** The key itself is not part of the rules (a misspelt or retired key). */
  unknownKey: boolean;
}

/** Checks without a message of their own (a wrong type where none was foreseen) name the value instead. */
export const NO_MESSAGE = '';

function listItems(root: unknown, path: (string | number)[]): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  let node = root;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) break;
    node = (node as Record<string | number, unknown>)[key];
    if (typeof key === 'number' && typeof node === 'object' && node !== null) items.unshift(node as Record<string, unknown>);
  }
  return items;
}

function fill(message: string, root: unknown, path: (string | number)[]): string {
  const items = listItems(root, path);
  return message.replace(/\{(\w+)\}/g, (_, field: string) => String(items.find((item) => field in item)?.[field]));
}

export function problemsOf(issues: readonly z.core.$ZodIssue[], input: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) problems.push({ path: [...path, key], message: `配置项 ${pathText([...path, key])} 不被支持`, unknownKey: true });
    } else {
      const message = issue.message === NO_MESSAGE ? `配置项 ${pathText(path) || 'rules'} 的值不正确` : fill(issue.message, input, path);
      problems.push({ path, message, unknownKey: false });
    }
  }
  return [...problems.filter((p) => p.unknownKey), ...problems.filter((p) => !p.unknownKey)];
}

/** One line for the operator: each problem once, with where it is unless the message already says. */
export function describeProblems(problems: ConfigProblem[]): string {
  const lines = problems.map((p) => {
    const where = pathText(p.path);
    return where === '' || p.message.includes(where) ? p.message : `${p.message}（${where}）`;
  });
  return [...new Set(lines)].join('；');
}
