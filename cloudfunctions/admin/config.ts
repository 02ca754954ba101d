import type { Output, ParsedInput } from '../../contract';
import { checkOverrides, DEFAULT_CONFIG, describeProblems, storedRules } from '../core/config';
import { AppError } from '../core/errors';
import { CONFIG_DOC_ID, forgetConfig } from '../runtime/configStore';
import { isDuplicateKey } from '../runtime/dbErrors';
import type { Database } from '../runtime/dbTypes';
import type { StaffContext } from '../runtime/handler';

export async function getConfig({ db }: StaffContext<ParsedInput<'admin', 'getConfig'>>): Promise<Output<'admin', 'getConfig'>> {
  const { data } = await db.collection('config').where({ _id: CONFIG_DOC_ID }).get();
  const doc = data[0];
  // Who saved it, by name (the console shows it); the openid when the staff member is gone.
  const saver = doc?.updatedBy ? (await db.collection('staff').where({ _id: doc.updatedBy }).field({ name: true }).get()).data[0] : undefined;
  return {
    version: doc?.version ?? 0,
    overrides: doc?.rules ?? {},
    effective: storedRules(doc?.rules).config,
    defaults: DEFAULT_CONFIG,
    updatedAt: doc?.updatedAt ? new Date(doc.updatedAt).toISOString() : null,
    updatedBy: saver?.name ?? doc?.updatedBy ?? null,
  };
}

/** Replaces the overrides (merged over the defaults), after checking the result: an unknown key or an invalid rule stores nothing. Every version is kept in history. */
export async function setConfig({ db, input, staff, now }: StaffContext<ParsedInput<'admin', 'setConfig'>>): Promise<Output<'admin', 'setConfig'>> {
  return saveOverrides(db, input.rules, input.expectedVersion, { by: staff.openid, note: input.note ?? null }, now);
}

/** The overrides checked and saved as `expectedVersion + 1`, with their history entry (a compare-and-set on the version). */
export async function saveOverrides(
  db: Database, rules: Record<string, unknown>, expectedVersion: number,
  meta: { by: string; note: string | null; rollbackOf?: number; requestId?: string }, now: Date,
): Promise<Output<'admin', 'setConfig'>> {
  const checked = checkOverrides(rules);
  if (!checked.ok) throw new AppError('INVALID_INPUT', `配置有误：${describeProblems(checked.problems)}`);
  const effective = checked.config;
  const version = expectedVersion + 1;
  const doc = { rules, version, updatedAt: now, updatedBy: meta.by, note: meta.note, rollbackOf: meta.rollbackOf ?? null, requestId: meta.requestId ?? null };
  const _ = db.command;
  if (expectedVersion === 0) {
    try {
      await db.collection('config').add({ data: { _id: CONFIG_DOC_ID, ...doc } });
    } catch (err) {
      if (isDuplicateKey(err)) throw new AppError('STALE_VERSION', '配置已被他人修改，请刷新后重试');
      throw err;
    }
  } else {
    const { stats } = await db.collection('config').where({ _id: CONFIG_DOC_ID, version: expectedVersion }).update({ data: { ...doc, rules: _.set(rules) } });
    if (stats.updated !== 1) throw new AppError('STALE_VERSION', '配置已被他人修改，请刷新后重试');
  }
  await db.collection('config_history').add({ data: { _id: `${CONFIG_DOC_ID}:${version}`, ...doc } });
  forgetConfig();
  return { version, effective };
}
