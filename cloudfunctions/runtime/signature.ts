// Signed requests from outside systems (POS, online shop, e-commerce channels): HMAC-SHA256 with the channel's
// secret over the action, channel, timestamp, nonce and the canonical JSON of the payload; stale requests are refused,
// and so is a second use of a nonce: each verified (channel, nonce) is remembered for the replay window. After a secret
// rotation the previous secret verifies too until the end of the overlap window. Orders and refunds keep the nonce on
// their own record instead (no insert of their own: issue 14 §4).
import crypto from 'crypto';
import { AppError } from '../core/errors';
import type { ChannelDoc, Stored } from '../core/documents';
import { isDuplicateKey } from './dbErrors';
import type { Database } from './dbTypes';
import { warmCopies } from './warmCache';

const DEFAULT_REPLAY_WINDOW_SECONDS = 300;

/** JSON with object keys sorted at every level, so both sides sign the same bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface SignedEnvelope { channel: string; timestamp: number; nonce: string; signature: string }

export function signingString(action: string, env: Omit<SignedEnvelope, 'signature'>, payload: unknown): string {
  return [action, env.channel, String(env.timestamp), env.nonce, canonicalJson(payload)].join('\n');
}

export function sign(secret: string, action: string, env: Omit<SignedEnvelope, 'signature'>, payload: unknown): string {
  return crypto.createHmac('sha256', secret).update(signingString(action, env, payload)).digest('hex');
}

/**
 * The secrets a request may be signed with now: the channel's secret and, after a rotation (catalog.rotateChannelSecret),
 * the previous one until `previousSecretUntil` (exclusive), so the outside system switches without a gap.
 */
export function activeSecrets(channel: Pick<Stored<ChannelDoc>, 'secret' | 'previousSecret' | 'previousSecretUntil'>, now: Date): string[] {
  const until = channel.previousSecretUntil ? new Date(channel.previousSecretUntil).getTime() : NaN;
  return channel.previousSecret && now.getTime() < until ? [channel.secret, channel.previousSecret] : [channel.secret];
}

function signedWith(secret: string, action: string, env: SignedEnvelope, payload: unknown): boolean {
  const expected = Buffer.from(sign(secret, action, env, payload), 'hex');
  const given = Buffer.from(env.signature, 'hex');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

// Channels kept per warm instance for CHANNEL_TTL_MS (default 10 s): a busy channel's request pays no read for its
// channel (issue 14 §4). A request the kept copy would refuse (unknown, stopped, another secret) is judged on a fresh
// read, so a new channel or a rotated secret works at once; a stop, or the end of an old secret, reaches every
// instance within the 10 s (the console says so).
const kept = warmCopies<Stored<ChannelDoc> | null>(() => Number(process.env.CHANNEL_TTL_MS ?? 10_000));

async function readChannel(db: Database, id: string): Promise<Stored<ChannelDoc> | null> {
  const { data } = await db.collection('channels').where({ _id: id }).get();
  return kept.keep(id, data[0] ?? null);
}

const accepts = (channel: Stored<ChannelDoc> | null, action: string, env: SignedEnvelope, payload: unknown, now: Date) =>
  !!channel && channel.active && activeSecrets(channel, now).some((secret) => signedWith(secret, action, env, payload));

/**
 * Checks a signed request's channel, signature and freshness; throws UNAUTHENTICATED (and nothing is written) when it
 * is not genuine and fresh. It does not remember the nonce: for an action whose record keeps the request's nonce
 * (an order, a refund: `refuseReusedNonce`), or followed by `rememberNonce`.
 */
export async function verifySignature(db: Database, action: string, env: SignedEnvelope, payload: unknown, now: Date): Promise<Stored<ChannelDoc>> {
  let channel = kept.get(env.channel) ?? null;
  if (!accepts(channel, action, env, payload, now)) channel = await readChannel(db, env.channel);
  if (!channel || !channel.active) throw new AppError('UNAUTHENTICATED', '未知或已停用的渠道');
  if (!accepts(channel, action, env, payload, now)) throw new AppError('UNAUTHENTICATED', '签名无效');
  if (Math.abs(now.getTime() - env.timestamp) > replayWindowMs(channel)) throw new AppError('UNAUTHENTICATED', '请求已过期，请校准时间后重试');
  return channel;
}

const replayWindowMs = (channel: Stored<ChannelDoc>) => (channel.replayWindowSeconds ?? DEFAULT_REPLAY_WINDOW_SECONDS) * 1000;

/** Checks a signed request (verifySignature) and remembers its nonce, so the same request is accepted once. */
export async function verifySigned(db: Database, action: string, env: SignedEnvelope, payload: unknown, now: Date): Promise<Stored<ChannelDoc>> {
  const channel = await verifySignature(db, action, env, payload, now);
  await rememberNonce(db, channel, env, now);
  return channel;
}

/** A record (order, refund) written by the signed request `nonce` is met again: that same request is replayed. */
export function refuseReusedNonce(stored: { nonce?: string | null }, nonce: string | undefined): void {
  if (nonce !== undefined && stored.nonce === nonce) throw new AppError('UNAUTHENTICATED', REPLAYED);
}

const REPLAYED = '请求已被使用，请勿重放';

/**
 * `channel_nonces`: one document per verified request, `_id` = `<channel>:<nonce>`, kept until `expiresAt` (the end
 * of the request's replay window; after it the timestamp alone refuses the request, so the document may be deleted).
 */

export const nonceId = (channel: string, nonce: string) => `${channel}:${nonce}`;

// One insert on the unique _id, no read: a duplicate key means this signed request was already used. A channel that
// delivers an order again signs a new request (new nonce); the order id keeps the delivery itself idempotent.
export async function rememberNonce(db: Database, channel: Stored<ChannelDoc>, env: Omit<SignedEnvelope, 'signature'>, now: Date): Promise<void> {
  const nonces = db.collection('channel_nonces');
  try {
    await nonces.add({ data: { _id: nonceId(env.channel, env.nonce), channel: env.channel, nonce: env.nonce, expiresAt: new Date(env.timestamp + replayWindowMs(channel)), createdAt: now } });
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('UNAUTHENTICATED', REPLAYED);
    throw err;
  }
}
