// Lifecycle stages (core/lifecycleStage.ts): the stage from the member's facts at the day-30/60/90 boundaries in
// Shanghai days, the 活跃 frequency, never-purchased members, refunds, the next time-driven change, the churn-risk
// score, and the `stages` rules section.
import { checkOverrides, DEFAULT_CONFIG } from '../../cloudfunctions/core/config';
import {
  activeOrdersNeeded, churnRisk, HISTORY_DAYS, keptPurchases, nextStageChangeAt, reviveLifecycle, stageAt, transitionId, updateLifecycle, type Purchase,
} from '../../cloudfunctions/core/lifecycleStage';
import { DEFAULT_STAGES, type StageRules } from '../../cloudfunctions/core/rules/stages';

const r = DEFAULT_STAGES;
// Shanghai day starts; `at(d, h)` is Shanghai day d (0 = 2026-01-01) at h o'clock Shanghai time.
const at = (d: number, h = 12) => new Date(Date.parse('2026-01-01T00:00:00+08:00') + d * 86_400_000 + h * 3_600_000);
const joined = at(0, 10);
const buy = (...days: number[]): Purchase[] => days.map((d, i) => ({ orderId: `o${i}-${d}`, at: at(d, 15) }));
const stage = (purchases: Purchase[], now: Date, rules: StageRules = r) => stageAt({ joinedAt: joined, purchases }, now, rules).stage;

test('defaults are seed 003 table and active needs 4 orders in 60 days', () => {
  expect(DEFAULT_CONFIG.stages).toEqual({ newDays: 30, activeWindowDays: 60, activeOrdersPerMonth: 2, dormantDays: 60, churnedDays: 90, risk: { priorOrders: 1, priorDays: 30 } });
  expect(activeOrdersNeeded(r)).toBe(4);
  expect(activeOrdersNeeded({ ...r, activeOrdersPerMonth: 1, activeWindowDays: 45 })).toBe(2);
  expect(activeOrdersNeeded({ ...r, activeOrdersPerMonth: 0.1, activeWindowDays: 10 })).toBe(1);
});

test('新会员 for days 0-29 after joining in Shanghai days, whatever was bought', () => {
  expect(stage([], joined)).toBe('new');
  expect(stage([], at(29, 23.99))).toBe('new');
  expect(stage(buy(1, 2, 3, 4, 5), at(29, 23.99))).toBe('new');
  // 00:00 Shanghai of day 30 is 16:00 UTC the day before: already past the new period.
  expect(stage([], at(30, 0))).toBe('occasional');
  expect(stage([], new Date(at(30, 0).getTime() - 1))).toBe('new');
  // Joined 23:30 Shanghai (15:30 UTC, same UTC day as the next Shanghai day's early hours) counts from its Shanghai day.
  const late = new Date('2026-01-01T23:30:00+08:00');
  expect(stageAt({ joinedAt: late, purchases: [] }, new Date('2026-01-31T00:00:00+08:00'), r).stage).toBe('occasional');
  expect(stageAt({ joinedAt: late, purchases: [] }, new Date('2026-01-30T23:59:00+08:00'), r).stage).toBe('new');
});

test('never purchased: 低频 until day 59 after joining, 沉睡 from day 60, 流失 from day 90', () => {
  expect(stage([], at(59, 23))).toBe('occasional');
  expect(stage([], at(60, 0))).toBe('dormant');
  expect(stage([], at(89, 23))).toBe('dormant');
  expect(stage([], at(90, 0))).toBe('churned');
  expect(stageAt({ joinedAt: joined, purchases: [] }, at(75), r).startsAt).toEqual(at(60, 0));
  expect(stageAt({ joinedAt: joined, purchases: [] }, at(120), r).startsAt).toEqual(at(90, 0));
});

test('活跃 needs the frequency inside the window, today included; fewer is 低频', () => {
  expect(stage(buy(40, 50, 60, 70), at(70, 20))).toBe('active');
  expect(stage(buy(50, 60, 70), at(70, 20))).toBe('occasional');
  // Day 40's order leaves the 60-day window on day 100: back to 低频 that day, dated then.
  expect(stage(buy(40, 50, 60, 70), at(99, 23))).toBe('active');
  expect(stage(buy(40, 50, 60, 70), at(100, 0))).toBe('occasional');
  expect(stageAt({ joinedAt: joined, purchases: buy(40, 50, 60, 70) }, at(105), r).startsAt).toEqual(at(100, 0));
  // Two orders on one day are two orders.
  expect(stage(buy(40, 40, 41, 41), at(45))).toBe('active');
  // A configured frequency of 1 a month: 2 in 60 days.
  expect(stage(buy(50, 60), at(61), { ...r, activeOrdersPerMonth: 1 })).toBe('active');
  // A future-dated purchase does not count yet.
  expect(stage([...buy(40, 50, 60), { orderId: 'later', at: at(80) }], at(70))).toBe('occasional');
});

test('沉睡 on the 60th day without a purchase, 流失 on the 90th, counted from the last purchase day', () => {
  const p = buy(40, 50, 60, 70);
  expect(stage(p, at(129, 23.99))).toBe('occasional');
  expect(stage(p, at(130, 0))).toBe('dormant');
  expect(stage(p, at(159, 23.99))).toBe('dormant');
  expect(stage(p, at(160, 0))).toBe('churned');
  // A purchase at 23:50 Shanghai (15:50 UTC) is on that Shanghai day.
  const lateBuy = [{ orderId: 'x', at: new Date(at(70, 0).getTime() + 23.83 * 3_600_000) }];
  expect(stage(lateBuy, at(130, 0))).toBe('dormant');
  expect(stage(lateBuy, new Date(at(130, 0).getTime() - 60_000))).toBe('occasional');
});

test('the next time-driven change is the earliest threshold day start after now', () => {
  const facts = { joinedAt: joined, purchases: buy(40, 50, 60, 70) };
  expect(nextStageChangeAt({ joinedAt: joined, purchases: [] }, at(3), r)).toEqual(at(30, 0));
  expect(nextStageChangeAt({ joinedAt: joined, purchases: [] }, at(30, 5), r)).toEqual(at(60, 0));
  expect(nextStageChangeAt({ joinedAt: joined, purchases: [] }, at(60, 5), r)).toEqual(at(90, 0));
  expect(nextStageChangeAt({ joinedAt: joined, purchases: [] }, at(90, 5), r)).toBeNull();
  expect(nextStageChangeAt(facts, at(71), r)).toEqual(at(100, 0)); // day 40's order leaves the window
  expect(nextStageChangeAt(facts, at(100, 1), r)).toEqual(at(130, 0));
  expect(nextStageChangeAt(facts, at(130, 1), r)).toEqual(at(160, 0));
  // At each of them the stage is the one the table says.
  expect([at(100, 0), at(130, 0), at(160, 0)].map((d) => stage(facts.purchases, d))).toEqual(['occasional', 'dormant', 'churned']);
});

test('updateLifecycle: transitions by time are dated by the calendar, by events now; unchanged stage logs nothing', () => {
  const first = updateLifecycle(null, joined, [], joined, r, 'order');
  expect(first.lifecycle).toEqual({ stage: 'new', since: joined, previous: null, purchases: [] });
  expect(first.transition).toBeNull();
  // The daily job sees day 62: 低频 since day 30 (new period over) would not apply — a never-buyer is 沉睡 since day 60.
  const job = updateLifecycle(first.lifecycle, joined, [], at(62, 1), r, 'review');
  expect(job.lifecycle).toMatchObject({ stage: 'dormant', since: at(60, 0), previous: 'new' });
  expect(job.transition).toEqual({ from: 'new', to: 'dormant', at: at(60, 0), fromSince: joined });
  // The same job again: nothing.
  const again = updateLifecycle(job.lifecycle, joined, [], at(62, 2), r, 'review');
  expect(again.transition).toBeNull();
  expect(again.lifecycle).toEqual(job.lifecycle);
  // A purchase brings them back: dated now.
  const back = updateLifecycle(job.lifecycle, joined, buy(70), at(70, 16), r, 'order');
  expect(back.lifecycle).toMatchObject({ stage: 'occasional', since: at(70, 16), previous: 'dormant' });
  expect(back.transition).toMatchObject({ from: 'dormant', to: 'occasional', at: at(70, 16) });
  // A refund of that order (removed from the purchases): dormant again, dated now, not back-dated.
  const refunded = updateLifecycle(back.lifecycle, joined, [], at(71), r, 'refund');
  expect(refunded.lifecycle).toMatchObject({ stage: 'dormant', since: at(71), previous: 'occasional' });
  // A time-driven date is never before the previous stage began.
  const late = updateLifecycle({ stage: 'occasional', since: at(65), previous: 'dormant', purchases: [] }, joined, [], at(66, 1), r, 'review');
  expect(late.lifecycle.since).toEqual(at(65));
  // Keys: one per leaving of one stage instance.
  expect(transitionId('o1', job.transition!)).toBe(`o1|new|${joined.getTime()}|dormant`);
});

test('a partial refund keeps the purchase; a full refund takes the 4th order away and active becomes 低频', () => {
  const p = buy(40, 50, 60, 70);
  const active = updateLifecycle(null, joined, p, at(70, 16), r, 'order').lifecycle;
  expect(active.stage).toBe('active');
  const after = updateLifecycle(active, joined, active.purchases.filter((x) => x.orderId !== p[3].orderId), at(71), r, 'refund');
  expect(after.lifecycle.stage).toBe('occasional');
  expect(after.transition).toMatchObject({ from: 'active', to: 'occasional' });
});

test('活跃 is kept by recency: older orders leaving the window or a new order keep it, 沉睡 ends it, a refund judges afresh', () => {
  const p = buy(40, 50, 60, 70);
  const active = updateLifecycle(null, joined, p, at(70, 16), r, 'order').lifecycle;
  const later = updateLifecycle(active, joined, p, at(101), r, 'review');
  expect(later.lifecycle.stage).toBe('active');
  expect(later.transition).toBeNull();
  expect(updateLifecycle(later.lifecycle, joined, [...p, ...buy(105)], at(105, 16), r, 'order').lifecycle.stage).toBe('active');
  const dormant = updateLifecycle(later.lifecycle, joined, p, at(131), r, 'review');
  expect(dormant.transition).toEqual({ from: 'active', to: 'dormant', at: at(130, 0), fromSince: active.since });
  expect(updateLifecycle(later.lifecycle, joined, p.slice(1), at(102), r, 'refund').lifecycle.stage).toBe('occasional');
});

test('kept purchases: newest first, one per order, the year before the latest, at most 100', () => {
  const p = buy(1, 20, 300, 380);
  expect(keptPurchases(p).map((x) => x.orderId)).toEqual(['o3-380', 'o2-300', 'o1-20']);
  expect(keptPurchases([...p, p[3]])).toHaveLength(3);
  expect(keptPurchases([])).toEqual([]);
  expect(keptPurchases(Array.from({ length: 150 }, (_, i) => ({ orderId: `o${i}`, at: at(100, i / 10) })))).toHaveLength(100);
});

test('churn risk: 0 right after a purchase or joining, rising with silence, faster for frequent buyers', () => {
  const risk = (p: Purchase[], now: Date) => churnRisk({ joinedAt: joined, purchases: p }, now, r);
  expect(risk([], joined)).toBe(0);
  expect(risk(buy(70), at(70, 20))).toBe(0);
  // Frequent buyer (4 orders, joined 70 days before the last) silent for 60 days: λ = (4+1)/(70+30), 1 − e^(−3) ≈ 95.
  expect(risk(buy(40, 50, 60, 70), at(130))).toBe(Math.round(100 * (1 - Math.exp(-3))));
  // One order on day 70, silent 20 days: λ = 2/100, 1 − e^(−0.4) ≈ 33.
  expect(risk(buy(70), at(90))).toBe(Math.round(100 * (1 - Math.exp(-0.4))));
  // Never purchased, joined 60 days ago: λ = 1/30 (the prior alone), 1 − e^(−2) ≈ 86.
  expect(risk([], at(60))).toBe(Math.round(100 * (1 - Math.exp(-2))));
  expect(HISTORY_DAYS).toBe(365);
  const frequent = risk(buy(60, 62, 64, 66, 68, 70), at(90));
  const rare = risk(buy(70), at(90));
  expect(frequent).toBeGreaterThan(rare);
  const series = [75, 90, 120, 200, 500].map((d) => risk(buy(40, 50, 60, 70), at(d)));
  expect([...series].sort((a, b) => a - b)).toEqual(series);
  expect(series[4]).toBeLessThanOrEqual(100);
});

test('stored state revives; the rules section refuses bad values and unknown keys', () => {
  expect(reviveLifecycle({ stage: 'new', since: '2026-01-01T02:00:00.000Z', purchases: [{ orderId: 'a', at: '2026-01-02T00:00:00.000Z' }] }))
    .toEqual({ stage: 'new', since: new Date('2026-01-01T02:00:00.000Z'), previous: null, purchases: [{ orderId: 'a', at: new Date('2026-01-02T00:00:00.000Z') }] });
  expect(reviveLifecycle(undefined)).toBeNull();
  expect(checkOverrides({ stages: { dormantDays: 45, churnedDays: 75 } }).ok).toBe(true);
  const bad = checkOverrides({ stages: { dormantDays: 90, churnedDays: 90 } });
  expect(bad.ok).toBe(false);
  expect(JSON.stringify(bad)).toContain('流失天数必须大于沉睡天数');
  expect(checkOverrides({ stages: { newDays: 0 } }).ok).toBe(false);
  expect(checkOverrides({ stages: { weeks: 3 } }).ok).toBe(false);
});
