// Every answer a test receives goes through the contract: data must match the action's output schema exactly
// (strict objects, so an undeclared field fails too), and a refusal must carry a code the action declares.
import { contract } from '../../contract';
import type { ActionContract } from '../../contract/action';
import { pathOf } from '../../contract/issues';
import { ERROR_MESSAGES } from '../../cloudfunctions/core/errors';

// Refusals any action can give: bad input, no identity, a staff check, anything unexpected.
const COMMON = new Set(['INVALID_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'INTERNAL']);

function actionOf(fn: string, event: object): ActionContract | null {
  const name = (event as { action?: unknown }).action;
  const functions = contract as unknown as Record<string, Record<string, ActionContract>>;
  if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(functions, fn)) return null;
  return Object.prototype.hasOwnProperty.call(functions[fn], name) ? functions[fn][name] : null;
}

export function checkAnswer(fn: string, event: object, body: unknown): void {
  const action = actionOf(fn, event);
  if (!action || typeof body !== 'object' || body === null) return;
  const where = `${fn}.${(event as { action: string }).action}`;
  const envelope = body as { ok: boolean; data?: unknown; error?: { code: string; message: string } };
  if (envelope.ok === true) {
    const parsed = action.output.safeParse(envelope.data);
    if (!parsed.success) {
      const problems = parsed.error.issues.slice(0, 5).map((i) => `${pathOf(i.path) || '(root)'}: ${i.code}${'keys' in i ? ` ${JSON.stringify(i.keys)}` : ''}`);
      throw new Error(`${where} answered outside its contract:\n  ${problems.join('\n  ')}\n${JSON.stringify(envelope.data).slice(0, 2000)}`);
    }
    return;
  }
  const code = envelope.error?.code ?? '';
  if (!(code in ERROR_MESSAGES)) throw new Error(`${where} answered an unknown error code ${code}`);
  if (!COMMON.has(code) && !action.errors.includes(code as never)) {
    throw new Error(`${where} answered ${code} (${envelope.error?.message}), which its contract does not declare`);
  }
}
