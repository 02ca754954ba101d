// How a change to a member's loyalty state is stored, defined once for every writer (memberRepo's transaction,
// registration, the demo seed): the member document keeps the balance with its compacted lots (lotStorage.ts), the
// growth summary and the tier; every ledger and growth entry becomes a document of its own, keyed for replays.
import type { GrowthEntryDoc, LedgerEntryDoc, UpdateData } from './documents';
import type { GrowthEntry, GrowthSummary } from './growth';
import type { LedgerPlan } from './ledger';
import { compactLots } from './lotStorage';
import type { MemberDoc } from './member';
import type { TierState } from './tierEvaluation';

/** Member fields to set besides the loyalty state; dotted paths allowed (e.g. `checkin.streak`). */
export type MemberFields = UpdateData<MemberDoc>;

/** What a plan changes for one member; every part optional. */
export interface MemberChange {
  ledger?: LedgerPlan;
  growth?: GrowthEntry[];
  growthSummary?: GrowthSummary;
  tier?: TierState;
  fields?: MemberFields;
}

export type MemberEntryInsert = { collection: 'point_ledger'; doc: LedgerEntryDoc } | { collection: 'growth_ledger'; doc: GrowthEntryDoc };

export interface MemberDocuments {
  /** The new revision (the member's `rev` + 1). */
  rev: number;
  /** Member fields to set, as a database update takes them (`fields` first; the loyalty state wins). */
  set: MemberFields & Pick<MemberDoc, 'rev' | 'updatedAt'>;
  /** Ledger entries, then growth entries, in plan order. */
  inserts: MemberEntryInsert[];
}

export const ledgerId = (openid: string, key: string) => `${openid}|${key}`;

/** The member fields to set and the entry documents to insert for `change` on `before`, at `now`. */
export function memberDocuments(before: Pick<MemberDoc, 'openid' | 'rev'> & Partial<Pick<MemberDoc, 'tierLevel' | 'tierValidUntil'>>, change: MemberChange, now: Date): MemberDocuments {
  const { openid } = before;
  const rev = before.rev + 1;
  // seq orders a member's entries for paging: later writes have higher revs, entries of one write keep their order.
  const seq = (i: number) => rev * 1000 + i;
  const inserts: MemberEntryInsert[] = [
    ...(change.ledger?.entries ?? []).map((e, i): MemberEntryInsert => ({ collection: 'point_ledger', doc: { _id: ledgerId(openid, e.key), openid, seq: seq(i), ...e } })),
    ...(change.growth ?? []).map((g, i): MemberEntryInsert => ({ collection: 'growth_ledger', doc: { _id: ledgerId(openid, g.key), openid, seq: seq(i), ...g } })),
  ];
  const set: MemberDocuments['set'] = { ...(change.fields ?? {}), rev, updatedAt: now };
  if (change.ledger) set.points = { ...change.ledger.points, lots: compactLots(change.ledger.state.lots, now) };
  if (change.growthSummary) set.growth = change.growthSummary;
  if (change.tier) Object.assign(set, change.tier);
  // A new tier (or a retained one's new period) may make benefits due: the daily job looks at the member next run.
  if (change.tier && before.tierLevel !== undefined && (change.tier.tierLevel !== before.tierLevel
    || (change.tier.tierValidUntil?.getTime() ?? null) !== (before.tierValidUntil ? new Date(before.tierValidUntil).getTime() : null))) set.benefitsAt = now;
  return { rev, set, inserts };
}

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof Date);

/**
 * `set` applied to a member in memory as the database applies an update: dotted paths reach into nested fields and
 * a plain object merges into the object it replaces (arrays and dates replace whole), an undefined value sets nothing.
 */
export function applyMemberSet<M extends object>(member: M, set: Record<string, unknown>): M {
  const next = { ...member } as Record<string, unknown>;
  const put = (target: Record<string, unknown>, key: string, value: unknown) => {
    if (value === undefined) return;
    const current = target[key];
    if (isPlainObject(value) && isPlainObject(current)) {
      const merged: Record<string, unknown> = { ...current };
      for (const [k, v] of Object.entries(value)) put(merged, k, v);
      target[key] = merged;
    } else target[key] = value;
  };
  for (const [path, value] of Object.entries(set)) {
    if (value === undefined) continue;
    const keys = path.split('.');
    let at = next;
    for (const k of keys.slice(0, -1)) {
      const child = at[k];
      at = at[k] = isPlainObject(child) ? { ...child } : {};
    }
    put(at, keys[keys.length - 1], value);
  }
  return next as M;
}
