// Loading a member's loyalty state and persisting a plan against it in one transaction.
// The member document holds the balance and the lots (core/lotStorage.ts) and is the lock: every write goes through
// it inside a transaction, so two writers of one member conflict and retry, and a balance never parts from its lots.
import { AppError } from '../core/errors';
import type { CollectionName, Collections, GrowthEntryDoc, Insert, NewDoc, Stored, Update, UpdateData } from '../core/documents';
import type { GrowthEntry } from '../core/growth';
import type { Lot } from '../core/ledger';
import type { MemberDoc } from '../core/member';
import { memberDocuments, type MemberChange } from '../core/memberDocuments';
import { reviveLifecycle } from '../core/lifecycleStage';
import { tierChangedMessage } from '../core/notify';
import type { Database, TransactionHandle } from './dbTypes';
import { getInTransaction, inTransaction } from './transaction';

/** A stored date as a Date; null and absent stay so. */
const date = <X extends Date | string | null | undefined>(x: X) =>
  (x === null || x === undefined ? x : new Date(x)) as X extends Date | string ? Date : Extract<X, null | undefined>;

export function reviveMember(doc: Stored<MemberDoc>): MemberDoc {
  const points: Partial<Stored<MemberDoc['points']>> = doc.points ?? {};
  return {
    ...doc,
    createdAt: date(doc.createdAt), updatedAt: date(doc.updatedAt), lastActiveAt: date(doc.lastActiveAt), reviewAt: date(doc.reviewAt),
    tierSince: date(doc.tierSince), tierValidUntil: date(doc.tierValidUntil), highTierSince: date(doc.highTierSince),
    phoneBoundAt: date(doc.phoneBoundAt),
    points: { balance: 0, debt: 0, pending: 0, ...points, lots: (points.lots ?? []).map(reviveLot) },
    giftedLevels: doc.giftedLevels ?? [0],
    rev: doc.rev ?? 0,
    birthday: doc.birthday ? { ...doc.birthday, setAt: new Date(doc.birthday.setAt) } : doc.birthday,
    benefitsAt: doc.benefitsAt ? new Date(doc.benefitsAt) : null,
    pointHolds: doc.pointHolds?.map((h) => ({ holdId: h.holdId, points: h.points, expiresAt: new Date(h.expiresAt) })),
    lifecycle: doc.lifecycle ? reviveLifecycle(doc.lifecycle) : undefined,
  };
}

export function reviveLot(doc: Stored<Lot>): Lot {
  return {
    lotId: doc.lotId, amount: doc.amount, remaining: doc.remaining, format: doc.format ?? '', ...(doc.storeId ? { storeId: doc.storeId } : {}), ref: doc.ref ?? '',
    earnedAt: new Date(doc.earnedAt), expiresAt: new Date(doc.expiresAt), availableAt: new Date(doc.availableAt ?? doc.earnedAt),
  };
}

export function reviveGrowth(doc: Stored<GrowthEntryDoc>): GrowthEntry {
  return { ...doc, at: new Date(doc.at) };
}

export async function findMember(db: Database, query: { openid: string } | { memberNo: string }): Promise<MemberDoc | null> {
  const where = 'openid' in query ? { _id: query.openid } : { memberNo: query.memberNo };
  const { data } = await db.collection('members').where(where).limit(1).get();
  return data[0] ? reviveMember(data[0]) : null;
}

export async function requireMember(db: Database, openid: string): Promise<MemberDoc> {
  const member = await findMember(db, { openid });
  if (!member) throw new AppError('NOT_FOUND', '尚未注册会员，请先登录');
  return member;
}

/** The member's lots, soonest expiry first (kept on the member document). */
export const lotsOf = (member: MemberDoc): Lot[] => member.points.lots ?? [];

/** Growth entries at or after `since`, oldest first. */
export async function growthSince(db: Database, openid: string, since: Date): Promise<GrowthEntry[]> {
  const _ = db.command;
  const { data } = await db.collection('growth_ledger').where({ openid, at: _.gte(since) }).orderBy('at', 'asc').limit(1000).get();
  return data.map(reviveGrowth);
}

/** What a plan changes for one member (stored as core/memberDocuments.ts says), and other documents it writes. */
export interface MemberWrite extends MemberChange {
  /** Other documents created in the same transaction (an order, a refund, a check-in...): _id decides replays. */
  inserts?: Insert[];
  updates?: Update[];
}

export interface Snapshot<X, Y = undefined> { member: MemberDoc; lots: Lot[]; extra: X; inTx: Y }

export interface WriteOptions<X> {
  now: Date;
  /** More reads the plan needs (growth entries, earlier orders...). They are made before the transaction; the
   * member's `rev`, read before them and again inside the transaction, proves no write came in between, else the
   * attempt starts over. The real service also answers queries inside a transaction (wx-server-sdk sends the
   * transaction id with where().get(), not with where().update()/remove()), and since every writer of a member writes
   * its document, reading inside would be just as safe. They stay outside on purpose: a caller that already holds the
   * member (`baseline`) pays no extra read at all, and range reads (a year of orders) do not count against the
   * transaction's 30 s limit or widen the window in which a concurrent commit aborts it. */
  load?: (member: MemberDoc) => Promise<X>;
  /** The member as the caller just read it (e.g. found by member number): saves re-reading it on the first attempt. */
  baseline?: MemberDoc;
  /** Transaction attempts on write conflicts (default 10); raise it for writes on a hot shared document. */
  tries?: number;
  /**
   * Run `load` inside the transaction, right after the member is read there, instead of before it with a read of the
   * member for its rev: one request less. Safe for reads of documents that only change together with the member
   * (its orders, its entries): a change committed after the transaction's snapshot also wrote the member, so this
   * transaction's write of the member conflicts and the attempt starts over.
   */
  loadInside?: boolean;
}

/**
 * Who a write is for: the openid; a member number (the member read by it inside the transaction); or `via`, which
 * reads inside the transaction the document that names the member (an order) and answers its openid. `notFound`
 * when nobody is found.
 */
export type MemberKey = string | { memberNo: string; notFound: string } | { via: (tx: TransactionHandle) => Promise<string | null>; notFound: string };

async function memberInTx(tx: TransactionHandle, who: MemberKey) {
  if (typeof who === 'string') return getInTransaction(tx, 'members', who);
  if ('memberNo' in who) return (await tx.collection('members').where({ memberNo: who.memberNo }).limit(1).get()).data[0] ?? null;
  const openid = await who.via(tx);
  return openid ? getInTransaction(tx, 'members', openid) : null;
}

export interface TxWriteOptions<X, Y> extends WriteOptions<X> {
  /** Single-document reads inside the transaction (e.g. the item whose stock the plan takes), snapshot-consistent
   * with the member; a concurrent writer of those documents makes one of the two transactions retry. */
  inTx?: (tx: TransactionHandle, member: MemberDoc) => Promise<Y>;
}

/**
 * Runs `plan` on the member as the transaction sees it and persists its write atomically; conflicts are retried.
 * Without `load` this is start, get, the plan's inserts, one member update, commit.
 * `plan` returns write null to write nothing; its `result` is returned either way.
 */
export async function writeMember<R, X = undefined, Y = undefined>(
  db: Database,
  who: MemberKey,
  opts: TxWriteOptions<X, Y>,
  plan: (snapshot: Snapshot<X, Y>) => { write: MemberWrite | null; result: R },
): Promise<R> {
  for (let attempt = 0; attempt < 20; attempt++) {
    let expectedRev: number | null = null;
    let extra = undefined as X;
    if (opts.load && !opts.loadInside) {
      if (typeof who !== 'string') throw new Error('writeMember: a member number needs loadInside');
      const before = attempt === 0 && opts.baseline ? opts.baseline : await requireMember(db, who);
      expectedRev = before.rev;
      extra = await opts.load(before);
    }
    const outcome = await inTransaction(db, async (tx) => {
      const current = await memberInTx(tx, who);
      if (!current) throw new AppError('NOT_FOUND', typeof who === 'string' ? '尚未注册会员，请先登录' : who.notFound);
      const member = reviveMember(current);
      if (expectedRev !== null && member.rev !== expectedRev) return { stale: true as const };
      if (opts.load && opts.loadInside) extra = await opts.load(member);
      const inTx = opts.inTx ? await opts.inTx(tx, member) : (undefined as Y);
      const { write, result } = plan({ member, lots: lotsOf(member), extra, inTx });
      if (write) await persist(tx, member, write, opts.now);
      return { stale: false as const, result };
    }, opts.tries);
    if (!outcome.stale) return outcome.result;
  }
  throw new AppError('CONFLICT');
}

// Generic in the collection so that each insert's or update's document is checked against its own collection.
const add = <N extends CollectionName>(tx: TransactionHandle, i: { collection: N; doc: NewDoc<Collections[N]> }) => tx.collection(i.collection).add({ data: i.doc });
const update = <N extends CollectionName>(tx: TransactionHandle, u: { collection: N; id: string; data: UpdateData<Collections[N]> }) =>
  tx.collection(u.collection).doc(u.id).update({ data: u.data });

/**
 * Inserts `docs` with one request per collection (database.insertDocument takes a list, also in a transaction), in
 * the order each collection first appears. A duplicate key in a batch fails the request as it fails a single insert.
 */
export async function addAll(tx: TransactionHandle, docs: Insert[]): Promise<void> {
  const byCollection = new Map<CollectionName, unknown[]>();
  for (const i of docs) {
    const list = byCollection.get(i.collection) ?? [];
    if (list.length === 0) byCollection.set(i.collection, list);
    list.push(i.doc);
  }
  for (const [collection, list] of byCollection) {
    if (list.length === 1) await add(tx, { collection, doc: list[0] } as Insert);
    else await tx.collection(collection).add({ data: list as NewDoc<Collections[typeof collection]>[] });
  }
}

/** Every document `w` writes for `member`: its inserts (with a tier change's message), other updates, the member's set. */
export function writeDocuments(member: MemberDoc, w: MemberWrite, now: Date): { inserts: Insert[]; updates: Update[]; set: ReturnType<typeof memberDocuments>['set'] } {
  const { set, inserts } = memberDocuments(member, w, now);
  // A tier change tells the member (a subscription message, sent with their consent by the notify timer).
  const message: Insert[] = w.tier && w.tier.tierLevel !== member.tierLevel
    ? [{ collection: 'messages', doc: tierChangedMessage(member.openid, member.tierLevel, w.tier.tierLevel, set.rev, now) }] : [];
  return { inserts: [...(w.inserts ?? []), ...inserts, ...message], updates: w.updates ?? [], set };
}

/** Updates of other documents, in order (the caller then writes the member itself: the lock every writer takes). */
export async function updateAll(tx: TransactionHandle, updates: Update[]): Promise<void> {
  for (const u of updates) await update(tx, u);
}

async function persist(tx: TransactionHandle, member: MemberDoc, w: MemberWrite, now: Date): Promise<void> {
  const { inserts, updates, set } = writeDocuments(member, w, now);
  // One request per collection: an upgrade's order, four ledger entries, its growth entry and message are 4, not 7.
  await addAll(tx, inserts);
  await updateAll(tx, updates);
  await tx.collection('members').doc(member.openid).update({ data: set });
}
