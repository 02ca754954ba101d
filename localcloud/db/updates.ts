import 'mingo/init/system';
import { update } from 'mingo';
import { cloneValue } from './clone';
import { invalidParam } from './errors';
import { idKey } from './keys';
import type { Doc } from './types';

/**
 * Applies MongoDB update operators to a copy of `doc`. Top-level fields without an operator are treated as
 * $set. Returns undefined when nothing changed, so unchanged documents are not rewritten or counted.
 */
export function applyUpdate(doc: Doc, spec: Record<string, any>, inserting = false): Doc | undefined {
  const next = cloneValue(doc);
  const plainFields: Record<string, any> = {};
  let changed = false;
  for (const [op, args] of Object.entries(spec)) {
    if (!op.startsWith('$')) {
      plainFields[op] = args;
      continue;
    }
    if (op === '$setOnInsert') {
      if (inserting) changed = update(next, { $set: args }).length > 0 || changed;
      continue;
    }
    if (args === null || typeof args !== 'object') throw invalidParam(`${op} needs an object`);
    changed = update(next, { [op]: args } as any).length > 0 || changed;
  }
  if (Object.keys(plainFields).length) changed = update(next, { $set: plainFields }).length > 0 || changed;
  if (idKey(next._id) !== idKey(doc._id)) throw invalidParam('_id cannot be changed');
  return changed ? next : undefined;
}

/** set(): the new body replaces everything but _id. */
export function replaceDoc(id: Doc['_id'], body: Record<string, any>): Doc {
  const { _id: _ignored, ...rest } = body;
  return { _id: id, ...cloneValue(rest) };
}
