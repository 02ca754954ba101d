// The rules' version history (`config_history`, one document per saved version) with who saved it and why, and
// rollback: the overrides of an earlier version saved again as a new version, through the same check and
// compare-and-set as any save; the same request again answers the version it made.
import type { Output, ParsedInput } from '../../../contract';
import { AppError } from '../../core/errors';
import { CONFIG_DOC_ID } from '../../runtime/configStore';
import type { StaffContext } from '../../runtime/handler';
import { saveOverrides } from '../config';

const PAGE = 20;

export async function configHistory({ db, input }: StaffContext<ParsedInput<'admin', 'configHistory'>>): Promise<Output<'admin', 'configHistory'>> {
  const _ = db.command;
  const where = input.beforeVersion ? { version: _.lt(input.beforeVersion) } : {};
  const [{ data }, { data: staff }] = await Promise.all([
    db.collection('config_history').where(where).orderBy('version', 'desc').limit(PAGE + 1).get(),
    db.collection('staff').limit(1000).field({ _id: true, name: true }).get(),
  ]);
  const names = new Map(staff.map((s) => [s._id, s.name]));
  const page = data.slice(0, PAGE);
  return {
    items: page.map((v) => ({
      version: v.version, note: v.note ?? null, updatedBy: v.updatedBy ? names.get(v.updatedBy) ?? v.updatedBy : null,
      updatedAt: new Date(v.updatedAt).toISOString(), rollbackOf: v.rollbackOf ?? null,
    })),
    nextBeforeVersion: data.length > PAGE ? page[page.length - 1].version : null,
  };
}

export async function rollbackConfig({ db, input, staff, now, recordChange }: StaffContext<ParsedInput<'admin', 'rollbackConfig'>>): Promise<Output<'admin', 'rollbackConfig'>> {
  const [{ data: target }, { data: current }] = await Promise.all([
    db.collection('config_history').where({ _id: `${CONFIG_DOC_ID}:${input.toVersion}` }).get(),
    db.collection('config').where({ _id: CONFIG_DOC_ID }).get(),
  ]);
  const now_ = current[0];
  if (now_?.requestId === input.requestId) return { version: now_.version, rollbackOf: now_.rollbackOf ?? input.toVersion, replayed: true };
  if (!target[0]) throw new AppError('NOT_FOUND', `规则版本 ${input.toVersion} 不存在`);
  const note = input.note ?? `回滚到版本 ${input.toVersion}`;
  const saved = await saveOverrides(db, target[0].rules, input.expectedVersion, { by: staff.openid, note, rollbackOf: input.toVersion, requestId: input.requestId }, now);
  recordChange({ collection: 'config', id: CONFIG_DOC_ID, before: now_?.rules ?? {}, after: target[0].rules });
  return { version: saved.version, rollbackOf: input.toVersion, replayed: false };
}
