// Behaviour events from channels (数据通, order.events): a batch of up to 100 events, each naming a member by member
// number or bound phone, grouped per member and written in one transaction per member: the growth entries under the
// daily caps (core/channelEvents.ts) and a `channel_events` record per event id, so a replayed batch or event,
// sequential or concurrent, credits nothing twice (the member's rev proves nothing came in between the reads and
// the write; a concurrent twin makes this attempt start over and see its records).
import type { Output } from '../../contract';
import type { ChannelEvent } from '../../contract/channelEvents';
import { eventMessage, planChannelEvents, channelEventKey, type ChannelEventInput, type ChannelEventOutcome } from '../core/channelEvents';
import type { ChannelEventDoc, Insert } from '../core/documents';
import { creditGrowth } from '../core/flows';
import type { GrowthEntry } from '../core/growth';
import { unchangedPlan } from '../core/ledger';
import { pointsStateOf } from '../core/member';
import { ledgerId } from '../core/memberDocuments';
import { addDays, shanghaiDay, shanghaiDayStart } from '../core/time';
import { loadConfig } from '../runtime/configStore';
import type { Database } from '../runtime/dbTypes';
import { reviveGrowth, writeMember } from '../runtime/memberRepo';

type EventsResult = Output<'order', 'events'>;

const eventDocId = (channel: string, eventId: string) => `${channel}:${eventId}`;

/** The openids of the members the events name: by member number and by bound phone, two reads at most. */
async function resolveMembers(db: Database, events: ChannelEvent[]): Promise<Map<string, string>> {
  const _ = db.command;
  const nos = [...new Set(events.flatMap((e) => (e.memberNo ? [e.memberNo] : [])))];
  const phones = [...new Set(events.flatMap((e) => (e.phone ? [e.phone] : [])))];
  const [byNo, byPhone] = await Promise.all([
    nos.length ? db.collection('members').where({ memberNo: _.in(nos) }).field({ memberNo: true }).limit(100).get() : { data: [] },
    phones.length ? db.collection('member_phones').where({ _id: _.in(phones) }).limit(100).get() : { data: [] },
  ]);
  const found = new Map<string, string>();
  for (const m of byNo.data as { _id: string; memberNo: string }[]) found.set(`no:${m.memberNo}`, m._id);
  for (const p of byPhone.data as { _id: string; openid: string }[]) found.set(`phone:${p._id}`, p.openid);
  return found;
}

interface Loaded { recent: GrowthEntry[]; seen: Set<string> }

/** The member's growth entries of the events' days (for the caps) and under their keys, and the event ids stored. */
async function loadFor(db: Database, openid: string, channel: string, events: ChannelEventInput[]): Promise<Loaded> {
  const _ = db.command;
  const days = events.map((e) => shanghaiDay(e.at)).sort();
  const from = shanghaiDayStart(days[0]);
  const to = shanghaiDayStart(addDays(days[days.length - 1], 1));
  const types = [...new Set(events.map((e) => e.type))];
  const keys = [...new Set(events.map((e) => ledgerId(openid, channelEventKey(channel, e))))];
  const [byDay, byKey, stored] = await Promise.all([
    db.collection('growth_ledger').where({ openid, event: _.in(types), at: _.and(_.gte(from), _.lt(to)) }).limit(1000).get(),
    db.collection('growth_ledger').where({ _id: _.in(keys) }).limit(100).get(),
    db.collection('channel_events').where({ _id: _.in(events.map((e) => eventDocId(channel, e.eventId))) }).field({ eventId: true }).limit(100).get(),
  ]);
  const recent = new Map<string, GrowthEntry>();
  for (const d of [...byDay.data, ...byKey.data]) recent.set(d._id, reviveGrowth(d));
  return { recent: [...recent.values()], seen: new Set((stored.data as { eventId: string }[]).map((d) => d.eventId)) };
}

async function recordMemberEvents(db: Database, openid: string, channel: string, events: ChannelEventInput[], now: Date): Promise<ChannelEventOutcome[]> {
  const config = await loadConfig(db);
  return writeMember<ChannelEventOutcome[], Loaded>(db, openid, { now, load: () => loadFor(db, openid, channel, events) }, ({ member, lots, extra }) => {
    const { entries, outcomes } = planChannelEvents(channel, events, extra.recent, extra.seen, now, config);
    const byId = new Map(events.map((e) => [e.eventId, e]));
    const records: Insert[] = outcomes.filter((o) => o.status !== 'duplicate').map((o) => {
      const e = byId.get(o.eventId)!;
      const doc: ChannelEventDoc = {
        _id: eventDocId(channel, e.eventId), channel, eventId: e.eventId, openid, type: e.type, at: e.at, ref: e.ref ?? null,
        status: o.status as ChannelEventDoc['status'], growthEarned: o.growthEarned, createdAt: now,
      };
      return { collection: 'channel_events', doc };
    });
    if (records.length === 0) return { write: null, result: outcomes };
    const growth = entries.length ? creditGrowth(member, lots, unchangedPlan(pointsStateOf(member, lots), now), entries, now, config).write : {};
    return { write: { ...growth, inserts: records }, result: outcomes };
  });
}

export async function recordChannelEvents(db: Database, channel: string, events: ChannelEvent[], now: Date): Promise<EventsResult> {
  const [config, owners] = await Promise.all([loadConfig(db), resolveMembers(db, events)]);
  const byMember = new Map<string, ChannelEventInput[]>();
  const outcomes = new Map<ChannelEvent, ChannelEventOutcome>();
  const ids = new Set<string>();
  for (const e of events) {
    const openid = owners.get(e.memberNo ? `no:${e.memberNo}` : `phone:${e.phone}`);
    // An event id twice in one batch (also for two members) is one event: the first one counts.
    if (ids.has(e.eventId)) {
      outcomes.set(e, { eventId: e.eventId, status: 'duplicate', growthEarned: 0, message: eventMessage('duplicate', config) });
      continue;
    }
    ids.add(e.eventId);
    if (!openid) {
      outcomes.set(e, { eventId: e.eventId, status: 'unknownMember', growthEarned: 0, message: eventMessage('unknownMember', config) });
      continue;
    }
    byMember.set(openid, [...(byMember.get(openid) ?? []), { eventId: e.eventId, type: e.type, at: new Date(e.at), ...(e.ref ? { ref: e.ref } : {}) }]);
  }
  // Members one after another, a few at a time: each is one transaction on its own document.
  const members = [...byMember.entries()];
  const perMember = new Map<string, ChannelEventOutcome[]>();
  for (let i = 0; i < members.length; i += 4) {
    await Promise.all(members.slice(i, i + 4).map(async ([openid, list]) => perMember.set(openid, await recordMemberEvents(db, openid, channel, list, now))));
  }
  // Back in the order sent: an event id's outcomes come in its member's order.
  const queues = new Map([...perMember.entries()].map(([openid, list]) => [openid, [...list]]));
  const results = events.map((e) => outcomes.get(e) ?? queues.get(owners.get(e.memberNo ? `no:${e.memberNo}` : `phone:${e.phone}`)!)!.shift()!);
  return {
    results,
    credited: results.filter((r) => r.status === 'credited').length,
    growthEarned: results.reduce((s, r) => s + r.growthEarned, 0),
  };
}
