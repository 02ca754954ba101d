// The mini-program's own visit: the first member.home of a Shanghai day is the growth event `visit` (key
// `visit:<day>`, under growth.events.visit's daily cap shared with channels' visits), with no client report. The
// member's `visitDay` lets every later home of the day skip it without a read; concurrent first homes write once
// (the member's rev and the entry's unique key).
import type { LoyaltyConfig } from '../core/config';
import { creditGrowth } from '../core/flows';
import { planActivityGrowth, type GrowthEntry } from '../core/growth';
import { unchangedPlan } from '../core/ledger';
import { pointsStateOf, type MemberDoc } from '../core/member';
import { shanghaiDay, shanghaiDayStart } from '../core/time';
import type { Database } from '../runtime/dbTypes';
import { writeOnce } from '../runtime/idempotent';
import { reviveGrowth, writeMember } from '../runtime/memberRepo';

/** Counts today's visit of `member` once; true when this call credited growth (the caller re-reads the member). */
export async function creditDailyVisit(db: Database, member: MemberDoc, config: LoyaltyConfig, now: Date): Promise<boolean> {
  const day = shanghaiDay(now);
  if (member.visitDay === day) return false;
  const credited = await writeOnce(() => writeMember<boolean, GrowthEntry[]>(db, member.openid, {
    now,
    baseline: member,
    // Today's visits, from any source: the daily cap counts them all.
    load: async () => (await db.collection('growth_ledger').where({ openid: member.openid, event: 'visit', at: db.command.gte(shanghaiDayStart(day)) }).limit(100).get()).data.map(reviveGrowth),
  }, ({ member: m, lots, extra: today }) => {
    if (m.visitDay === day) return { write: null, result: false };
    const outcome = planActivityGrowth({ type: 'visit', at: now, key: `visit:${day}` }, today, config);
    if (!outcome.entry) return { write: { fields: { visitDay: day } }, result: false };
    const { write } = creditGrowth(m, lots, unchangedPlan(pointsStateOf(m, lots), now), [outcome.entry], now, config);
    return { write: { ...write, fields: { ...write.fields, visitDay: day } }, result: true };
  }));
  return credited === true;
}
