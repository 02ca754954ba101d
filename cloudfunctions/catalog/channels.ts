// Channels (outside systems that deliver signed orders, runtime/signature.ts): the secret is made here and shown in
// the answer of createChannel / rotateChannelSecret only; lists show its fingerprint. A rotation keeps the previous
// secret verifying until previousSecretUntil (default 24 hours), so the outside system switches without a gap. The
// audit trail records the fingerprints, never a secret.
import type { Output, ParsedInput } from '../../contract';
import type { ChannelDoc, Stored } from '../core/documents';
import type { StaffContext } from '../runtime/handler';
import { fingerprint, newChannelSecret } from '../services/channelSecrets';
import { createVersioned, updateVersioned } from '../services/versioned';
import { channelView } from './views';

const LABELS: Record<string, string> = { secret: '密钥', previousSecret: '旧密钥', previousSecretUntil: '旧密钥有效期', rotatedAt: '轮换时间', active: '启用状态' };
const DEFAULT_OVERLAP_HOURS = 24;

/** What the audit trail keeps of a channel: the fingerprints instead of the secrets. */
function redacted(doc: Stored<ChannelDoc> | null) {
  if (!doc) return null;
  const { secret, previousSecret, ...rest } = doc;
  return { ...rest, secret: `sha256:${fingerprint(secret)}`, previousSecret: previousSecret ? `sha256:${fingerprint(previousSecret)}` : null };
}

export async function listChannels({ db, now }: StaffContext<ParsedInput<'catalog', 'listChannels'>>): Promise<Output<'catalog', 'listChannels'>> {
  const { data } = await db.collection('channels').limit(1000).get();
  return { items: data.map((c) => channelView(c, now)).sort((a, b) => a.channelId.localeCompare(b.channelId)) };
}

export async function createChannel({ db, input, staff, now, recordChange }: StaffContext<ParsedInput<'catalog', 'createChannel'>>): Promise<Output<'catalog', 'createChannel'>> {
  const doc = {
    _id: input.channelId, name: input.channelName, secret: newChannelSecret(), active: true, replayWindowSeconds: input.replayWindowSeconds ?? 300,
    previousSecret: null, previousSecretUntil: null, rotatedAt: null,
  };
  const saved = await createVersioned(db, 'channels', doc as ChannelDoc, { requestId: input.requestId, by: { openid: staff.openid, name: staff.name }, exists: '渠道编号已存在' }, now);
  if (!saved.replayed) recordChange({ collection: 'channels', id: input.channelId, before: null, after: redacted(saved.doc) });
  return { channel: channelView(saved.doc, now), secret: saved.doc.secret, replayed: saved.replayed };
}

export async function rotateChannelSecret({ db, input, staff, now, recordChange }: StaffContext<ParsedInput<'catalog', 'rotateChannelSecret'>>): Promise<Output<'catalog', 'rotateChannelSecret'>> {
  const { data } = await db.collection('channels').where({ _id: input.channelId }).get();
  const current = data[0];
  const overlapMs = (input.overlapHours ?? DEFAULT_OVERLAP_HOURS) * 3600_000;
  const patch = {
    secret: newChannelSecret(),
    previousSecret: current && overlapMs > 0 ? current.secret : null,
    previousSecretUntil: current && overlapMs > 0 ? new Date(now.getTime() + overlapMs) : null,
    rotatedAt: now,
  };
  const saved = await updateVersioned(db, 'channels', input.channelId, {
    expectedVersion: input.expectedVersion, requestId: input.requestId, by: { openid: staff.openid, name: staff.name }, patch, labels: LABELS, notFound: '渠道不存在',
  }, now);
  if (!saved.replayed) recordChange({ collection: 'channels', id: input.channelId, before: redacted(saved.before), after: redacted(saved.doc) });
  return { channel: channelView(saved.doc, now), secret: saved.doc.secret, replayed: saved.replayed };
}

export async function setChannelActive({ db, input, staff, now, recordChange }: StaffContext<ParsedInput<'catalog', 'setChannelActive'>>): Promise<Output<'catalog', 'setChannelActive'>> {
  const saved = await updateVersioned(db, 'channels', input.channelId, {
    expectedVersion: input.expectedVersion, requestId: input.requestId, by: { openid: staff.openid, name: staff.name }, patch: { active: input.active }, labels: LABELS, notFound: '渠道不存在',
  }, now);
  if (!saved.replayed) recordChange({ collection: 'channels', id: input.channelId, before: redacted(saved.before), after: redacted(saved.doc) });
  return { channel: channelView(saved.doc, now), replayed: saved.replayed };
}
