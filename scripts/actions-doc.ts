// docs/actions.md keeps its prose; the input, output and errors of each action are generated from the contract
// between `<!-- contract: fn.action -->` and `<!-- /contract -->`. `npm run docs:actions` rewrites those blocks;
// tests/unit/actionsDoc.test.ts fails when the file is not what this would write.
import fs from 'fs';
import path from 'path';
import { contract } from '../contract';
import type { ActionContract } from '../contract/action';
import { describeSchema, layout } from '../contract/describe';
import { ERROR_MESSAGES } from '../cloudfunctions/core/errors';

export const DOC_PATH = path.join(__dirname, '..', 'docs', 'actions.md');

const BLOCK = /<!-- contract: ([\w]+)\.([\w]+) -->\n[\s\S]*?<!-- \/contract -->/g;

export function actionNames(): string[] {
  return Object.entries(contract).flatMap(([fn, actions]) => Object.keys(actions).map((a) => `${fn}.${a}`));
}

function actionOf(name: string): ActionContract | undefined {
  const [fn, action] = name.split('.');
  return (contract as unknown as Record<string, Record<string, ActionContract>>)[fn]?.[action];
}

function field(label: string, text: string): string {
  return text.includes('\n') ? `- ${label}:\n  \`\`\`ts\n${text.replace(/^/gm, '  ')}\n  \`\`\`` : `- ${label}: \`${text}\``;
}

export function renderBlock(name: string): string {
  const a = actionOf(name);
  if (!a) throw new Error(`no such action in the contract: ${name}`);
  const input = describeSchema(a.input as never, 'input');
  const errors = a.errors.length ? a.errors.map((c) => `\`${c}\` (${ERROR_MESSAGES[c]})`).join(', ') : 'only the common ones';
  return [
    `<!-- contract: ${name} -->`,
    field('input', input === '{}' ? 'none' : layout(input)),
    field('output', layout(describeSchema(a.output as never, 'output'))),
    `- errors: ${errors}`,
    '<!-- /contract -->',
  ].join('\n');
}

export function documentedActions(doc: string): string[] {
  return [...doc.matchAll(BLOCK)].map((m) => `${m[1]}.${m[2]}`);
}

export function syncActionsDoc(doc: string): string {
  return doc.replace(BLOCK, (_, fn: string, action: string) => renderBlock(`${fn}.${action}`));
}

if (require.main === module) {
  const doc = fs.readFileSync(DOC_PATH, 'utf8');
  const next = syncActionsDoc(doc);
  const missing = actionNames().filter((n) => !documentedActions(next).includes(n));
  if (!documentedActions(doc).length) throw new Error('docs/actions.md has no contract blocks: not rewriting it (restore it from git)');
  // Written whole and renamed: several people run this at once, and a reader must never see a half-written file.
  const tmp = `${DOC_PATH}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, next);
  fs.renameSync(tmp, DOC_PATH);
  console.log(`docs/actions.md: ${documentedActions(next).length} contract blocks${missing.length ? `; missing: ${missing.join(', ')}` : ''}`);
  if (missing.length) process.exitCode = 1;
}
