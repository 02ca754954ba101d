import { DEFAULT_CONFIG } from '../../cloudfunctions/core/config';
import { paidOrderFlow, registrationFlow } from '../../cloudfunctions/core/flows';
import type { GrowthEntry } from '../../cloudfunctions/core/growth';
import { chainPlans, planEarn, planSpend, type Lot } from '../../cloudfunctions/core/ledger';
import { applyMemberSet, memberDocuments } from '../../cloudfunctions/core/memberDocuments';
import { newMember } from '../../cloudfunctions/core/member';

const at = (iso: string) => new Date(iso);
const joined = at('2026-03-01T10:00:00+08:00');
const meta = (key: string, when: Date) => ({ key, reason: '测试', ref: key, issuer: 'test', at: when });
const growth = (key: string, amount: number, when: Date): GrowthEntry => ({ dimension: 'interaction', event: 'checkin', raw: amount, amount, at: when, reason: '每日签到', key });

describe('memberDocuments', () => {
  test('registration: rev 1, the bonus lot on the member and its entry keyed openid|key with seq 1000', () => {
    const fresh = newMember('o-reg', joined);
    const bonus = registrationFlow(joined, DEFAULT_CONFIG);
    const { rev, set, inserts } = memberDocuments(fresh, { ledger: bonus }, joined);
    expect(rev).toBe(1);
    expect(set).toEqual({ rev: 1, updatedAt: joined, points: { balance: 100, debt: 0, pending: 0, lots: bonus.state.lots } });
    expect(inserts).toEqual([{ collection: 'point_ledger', doc: { _id: 'o-reg|registration', openid: 'o-reg', seq: 1000, ...bonus.entries[0] } }]);
  });

  test('ledger entries then growth entries, each numbered from rev × 1000 in plan order', () => {
    const member = { ...newMember('o-seq', joined), rev: 6 };
    const first = planEarn(member.points, { ...meta('a', joined), amount: 10 }, DEFAULT_CONFIG);
    const ledger = chainPlans(first, planSpend(first.state, { ...meta('s', joined), amount: 4 }));
    const entries = [growth('g1', 2, joined), growth('g2', 3, joined)];
    const { inserts } = memberDocuments(member, { ledger, growth: entries }, joined);
    expect(inserts.map((i) => [i.collection, i.doc._id, i.doc.seq])).toEqual([
      ['point_ledger', 'o-seq|a', 7000], ['point_ledger', 'o-seq|s', 7001],
      ['growth_ledger', 'o-seq|g1', 7000], ['growth_ledger', 'o-seq|g2', 7001],
    ]);
    expect(inserts[2].doc).toEqual({ _id: 'o-seq|g1', openid: 'o-seq', seq: 7000, ...entries[0] });
  });

  test('fields pass through (dotted paths too); the loyalty state and the revision win over them', () => {
    const member = newMember('o-f', joined);
    const later = at('2026-03-02T10:00:00+08:00');
    const ledger = planEarn(member.points, { ...meta('e', later), amount: 5 }, DEFAULT_CONFIG);
    const tier = { tierLevel: 1, tierSince: later, tierValidUntil: at('2027-12-31T16:00:00Z'), highTierSince: null, giftedLevels: [0, 1] };
    const summary = { total: 9, consumption: 9, interaction: 0, social: 0, lifecycle: 0 };
    const { set } = memberDocuments(member, { ledger, tier, growthSummary: summary, fields: { 'mall.recent': ['x'], reviewAt: later, rev: 99, points: { balance: -1, debt: 0, pending: 0, lots: [] }, tierLevel: 7 } }, later);
    // A new tier makes the daily job look at the member's benefits on its next run (benefitsAt).
    expect(set).toEqual({ 'mall.recent': ['x'], reviewAt: later, rev: 1, updatedAt: later, points: { ...ledger.points, lots: ledger.state.lots }, growth: summary, ...tier, benefitsAt: later });
  });

  test('benefitsAt is brought forward by a tier change or a retention\'s new period, not by the same tier written again', () => {
    const member = { ...newMember('o-b', joined), tierLevel: 1, tierSince: joined, tierValidUntil: at('2027-01-01T00:00:00+08:00') };
    const later = at('2026-03-02T10:00:00+08:00');
    const same = { tierLevel: 1, tierSince: joined, tierValidUntil: at('2027-01-01T00:00:00+08:00'), highTierSince: null, giftedLevels: [0, 1] };
    expect(memberDocuments(member, { tier: same }, later).set).not.toHaveProperty('benefitsAt');
    expect(memberDocuments(member, { tier: { ...same, tierValidUntil: at('2028-01-01T00:00:00+08:00') } }, later).set.benefitsAt).toEqual(later);
    expect(memberDocuments(member, { tier: { ...same, tierLevel: 2, tierSince: later } }, later).set.benefitsAt).toEqual(later);
    // A writer that does not know the member's tier (registration) sets nothing.
    expect(memberDocuments({ openid: 'o', rev: 0 }, { tier: same }, later).set).not.toHaveProperty('benefitsAt');
  });

  test('a write without loyalty parts only bumps the revision', () => {
    const now = at('2026-04-01T00:00:00+08:00');
    expect(memberDocuments({ openid: 'o', rev: 3 }, { fields: { nickname: '新名字' } }, now)).toEqual({ rev: 4, set: { nickname: '新名字', rev: 4, updatedAt: now }, inserts: [] });
    expect(memberDocuments({ openid: 'o', rev: 3 }, {}, now).set).toEqual({ rev: 4, updatedAt: now });
  });

  test('the stored lots are compacted: released same-expiry lots merge, empty expired lots go', () => {
    const now = at('2026-06-01T10:00:00+08:00');
    const lot = (lotId: string, amount: number, remaining: number, earned: string, expires: string): Lot => ({
      lotId, amount, remaining, earnedAt: at(earned), expiresAt: at(expires), availableAt: at(earned), format: '', ref: lotId,
    });
    const lots = [
      lot('a', 10, 10, '2026-01-02T10:00:00+08:00', '2027-12-31T16:00:00Z'),
      lot('b', 5, 5, '2026-01-03T10:00:00+08:00', '2027-12-31T16:00:00Z'),
      lot('c', 7, 0, '2024-01-04T10:00:00+08:00', '2025-12-31T16:00:00Z'),
    ];
    const ledger = { entries: [], newLots: [], points: { balance: 15, debt: 0, pending: 0 }, state: { balance: 15, debt: 0, pending: 0, lots } };
    const { set } = memberDocuments({ openid: 'o', rev: 0 }, { ledger }, now);
    expect(set.points!.lots).toEqual([{ ...lots[0], amount: 15, remaining: 15, availableAt: lots[1].availableAt }]);
  });

  test('applied in memory, a paid order gives the member the balance, growth and tier of the plan', () => {
    const fresh = newMember('o-pay', joined);
    const registered = applyMemberSet(fresh, memberDocuments(fresh, { ledger: registrationFlow(joined, DEFAULT_CONFIG) }, joined).set);
    const paidAt = at('2026-03-02T10:00:00+08:00');
    const flow = paidOrderFlow(registered, registered.points.lots, { orderId: 'O1', paidFen: 200000, paidAt, categories: ['服饰'], storeFormat: 'mall', issuer: 'test' }, [], paidAt, DEFAULT_CONFIG);
    const after = applyMemberSet(registered, memberDocuments(registered, flow.write, paidAt).set);
    expect(after).toMatchObject({ rev: 2, updatedAt: paidAt, tierLevel: flow.write.tier.tierLevel, growth: flow.write.growthSummary, points: { balance: flow.write.ledger.points.balance } });
    expect(after.points.lots.reduce((s, l) => s + l.remaining, 0)).toBe(after.points.balance);
    expect(registered.rev).toBe(1);
  });
});

describe('applyMemberSet', () => {
  const base = { a: 1, nested: { x: 1, y: { deep: 1, keep: true } }, list: [1, 2], when: at('2026-01-01T00:00:00Z') };

  test('applies dotted paths and merges plain objects as a database update does; arrays and dates replace whole', () => {
    const when = at('2026-02-01T00:00:00Z');
    const next = applyMemberSet(base, { 'nested.y.deep': 2, nested: { x: 5 }, list: [3], when, 'fresh.path': 'v', skipped: undefined });
    expect(next).toEqual({ a: 1, nested: { x: 5, y: { deep: 2, keep: true } }, list: [3], when, fresh: { path: 'v' } });
    expect('skipped' in next).toBe(false);
  });

  test('leaves the input untouched', () => {
    const copy = structuredClone(base);
    applyMemberSet(base, { 'nested.y.deep': 9, nested: { x: 9 } });
    expect(base).toEqual(copy);
  });
});
