// The outbox's entries as the first transaction records them, and the timer's backoff.
import { backoffMs, followUpDoc, followUpId, GRACE_MS } from '../../cloudfunctions/runtime/outbox';

describe('outbox entries', () => {
  const now = new Date('2027-03-01T10:00:00+08:00');

  test('a new entry is pending, keyed by its idempotency key, and left to its invocation for the grace period', () => {
    const doc = followUpDoc(followUpId.referralOrder('O-1'), { kind: 'referralOrder', payload: { orderId: 'O-1', inviteeOpenid: 'b', inviterOpenid: 'a', at: now } }, now);
    expect(doc).toMatchObject({ _id: 'referralOrder:O-1', kind: 'referralOrder', status: 'pending', attempts: 0, lastError: null, after: [], doneAt: null, createdAt: now });
    expect(doc.availableAt.getTime()).toBe(now.getTime() + GRACE_MS);
  });

  test('a refund follow-up waits for its order follow-up', () => {
    const doc = followUpDoc(followUpId.referralRefund('O-1'), { kind: 'referralRefund', payload: { orderId: 'O-1', refundId: 'R-1', inviteeOpenid: 'b', inviterOpenid: 'a', at: now } }, now, [followUpId.referralOrder('O-1')]);
    expect(doc._id).toBe('referralRefund:O-1');
    expect(doc.after).toEqual(['referralOrder:O-1']);
    expect(followUpId.invite('b')).toBe('invite:b');
    expect(followUpId.inviteReward('b')).toBe('inviteReward:b');
  });

  test('the backoff doubles from 30 s and stops at an hour', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(30)).toBe(3_600_000);
    expect(backoffMs(0)).toBe(30_000);
  });
});
