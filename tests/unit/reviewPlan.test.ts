// core/reviewPlan.ts: the daily review's plan of one member, and which reviews change nothing but the next review
// time (those the job writes with one grouped conditional update instead of a transaction).
import { DEFAULT_CONFIG } from '../../cloudfunctions/core/config';
import type { MemberDoc } from '../../cloudfunctions/core/member';
import { planReview, quietReview, reviewGrowthSince } from '../../cloudfunctions/core/reviewPlan';
import { shanghaiDay, shanghaiDayStart, addDays } from '../../cloudfunctions/core/time';
import { reviewPopulation, type Kind } from '../../bench/fixtures/reviewPopulation';
import { reviveGrowth } from '../../cloudfunctions/runtime/memberRepo';

const NOW = new Date('2026-05-20T02:00:00+08:00');
const population = reviewPopulation({ n: 300, now: NOW, mix: [['quiet', 40], ['expire', 15], ['warn', 15], ['pending', 15], ['dormant', 15]], seed: 7 });

function plan(member: MemberDoc) {
  const since = reviewGrowthSince(member, NOW, DEFAULT_CONFIG);
  const entries = population.growth.filter((g) => g.openid === member.openid).map((g) => reviveGrowth(g as never)).filter((g) => g.at >= since).sort((a, b) => a.at.getTime() - b.at.getTime());
  return planReview(member, member.points.lots, entries, null, NOW, DEFAULT_CONFIG);
}
/** Members of a kind (those with points, for the kinds about lots: a member with none has nothing to expire). */
const ofKind = (kind: Kind) => population.members.filter((m) => population.kinds.get(m.openid) === kind
  && (!['expire', 'warn', 'pending'].includes(kind) || m.points.lots.some((l) => l.remaining > 0)));

test('a member with nothing due is quiet: only its next review (tomorrow or later) and churn risk are set', () => {
  const quiet = ofKind('quiet').map((m) => ({ m, q: quietReview(m, plan(m).write, NOW) })).filter((x) => x.q);
  expect(quiet.length).toBeGreaterThan(ofKind('quiet').length / 2);
  for (const { m, q } of quiet) {
    expect(q!.reviewAt.getTime()).toBeGreaterThanOrEqual(shanghaiDayStart(addDays(shanghaiDay(NOW), 1)).getTime());
    if (q!.riskScore !== undefined) expect(q!.riskScore).not.toBe(m.riskScore);
  }
});

test('expired points, released pending points and a new lifecycle stage are changes, not quiet', () => {
  for (const kind of ['expire', 'pending', 'dormant'] as const) {
    const members = ofKind(kind);
    expect(members.length).toBeGreaterThan(10);
    for (const m of members) expect([m.openid, kind, quietReview(m, plan(m).write, NOW)]).toEqual([m.openid, kind, null]);
  }
  const expired = ofKind('expire').map((m) => plan(m).summary.expiredPoints);
  expect(expired.every((p) => p > 0)).toBe(true);
});

test('a lot expiring within the reminder window queues the message but changes nothing else', () => {
  const warned = ofKind('warn').map((m) => ({ m, p: plan(m) }));
  expect(warned.every(({ p }) => p.message?.key === 'pointsExpiring')).toBe(true);
  expect(warned.filter(({ m, p }) => quietReview(m, p.write, NOW)).length).toBeGreaterThan(warned.length / 2);
});

test('a churn risk that moved is set with the quiet review; the same risk is left alone', () => {
  const m = ofKind('quiet').find((x) => quietReview(x, plan(x).write, NOW));
  expect(m).toBeDefined();
  const write = plan(m!).write;
  expect(quietReview({ ...m!, riskScore: write.fields.riskScore }, write, NOW)?.riskScore).toBeUndefined();
  expect(quietReview({ ...m!, riskScore: -1 }, write, NOW)?.riskScore).toBe(write.fields.riskScore);
  // A member document that differs in any state the review sets is not quiet (here: its growth summary).
  expect(quietReview({ ...m!, growth: { ...m!.growth, total: m!.growth.total + 1 } }, write, NOW)).toBeNull();
});
