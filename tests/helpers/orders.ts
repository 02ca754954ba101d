// Signed order and refund events as an outside channel sends them.
import { sign } from '../../cloudfunctions/runtime/signature';

export const TEST_CHANNEL = { _id: 'test-pos', name: '测试 POS', secret: 'test-secret-123', active: true };

let nonceSeq = 0;

export function signed<K extends 'order' | 'refund' | 'review' | 'hold' | 'capture' | 'release'>(action: 'paid' | 'refunded' | 'reviewed' | 'hold' | 'capture' | 'release', field: K, payload: object, opts: { at?: Date; secret?: string; channel?: string } = {}) {
  const env = { channel: opts.channel ?? TEST_CHANNEL._id, timestamp: (opts.at ?? new Date()).getTime(), nonce: `n${Date.now()}x${++nonceSeq}` };
  return { action, ...env, signature: sign(opts.secret ?? TEST_CHANNEL.secret, action, env, payload), [field]: payload };
}

export const paidEvent = (order: object, opts?: { at?: Date; secret?: string; channel?: string }) => signed('paid', 'order', order, opts);
export const refundEvent = (refund: object, opts?: { at?: Date; secret?: string; channel?: string }) => signed('refunded', 'refund', refund, opts);
