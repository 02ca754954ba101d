// The database steps of stock claims (core/stockClaims.ts says why they keep stock + sold + reserved constant and
// happen once): take units by one conditional update of the item, record the member's side in its transaction
// (`claimDone`), then settle; when that side fails, or for a claim whose function died, decide by the claim document
// and settle or give back; the jobs timer resolves what nobody did.
import crypto from 'crypto';
import { CLAIM_COUNTERS, claimsDue, CLAIM_SETTLE_AFTER_MS, newClaim, type ClaimKind, type StockClaim } from '../core/stockClaims';
import type { Insert } from '../core/documents';
import type { Database } from '../runtime/dbTypes';
import { isDuplicateKey } from '../runtime/dbErrors';

export type { StockClaim };

/** A new claim, unique per attempt even for two attempts of one request in the same millisecond. */
export const claimFor = (kind: ClaimKind, itemId: string, quantity: number, redemptionId: string, now: Date) =>
  newClaim(kind, itemId, quantity, redemptionId, now, crypto.randomBytes(3).toString('hex'));

/**
 * Moves the claim's units out of `stock` (take; only while at least that many are left) or `sold` (return) into
 * `reserved`, pushing its token: one atomic update, no transaction. False when nothing was taken (sold out, the
 * item gone, or not at `version`, the console version of the item the caller planned with).
 */
export async function takeStock(db: Database, claim: StockClaim, version?: number): Promise<boolean> {
  const _ = db.command;
  const { from } = CLAIM_COUNTERS[claim.kind];
  const where = {
    _id: claim.itemId, pendingClaims: _.neq(claim.token), ...(claim.kind === 'take' ? { stock: _.gte(claim.quantity) } : {}),
    // Version 0 is an item never saved through the console (services/versioned.ts): no version field.
    ...(version === undefined ? {} : { version: version === 0 ? _.exists(false) : version }),
  };
  const { stats } = await db.collection('mall_items').where(where).update({
    data: { [from]: _.inc(-claim.quantity), reserved: _.inc(claim.quantity), pendingClaims: _.push(claim.token) },
  });
  return stats.updated === 1;
}

/** The insert the member's transaction makes with its side of the claim: from then on the claim can only settle. */
export const claimDone = (claim: StockClaim, now: Date): Insert => ({ collection: 'stock_claims', doc: decision(claim, 'done', now) });

const decision = (claim: StockClaim, outcome: 'done' | 'void', now: Date) => ({
  _id: claim.token, outcome, kind: claim.kind, itemId: claim.itemId, quantity: claim.quantity, redemptionId: claim.redemptionId, at: claim.at, decidedAt: now,
});

/** Moves the reserved units on (settled, `done`) or back (given back, `void`), once: only while the token is listed. */
async function release(db: Database, claim: StockClaim, outcome: 'done' | 'void'): Promise<boolean> {
  const _ = db.command;
  const { from, to } = CLAIM_COUNTERS[claim.kind];
  const { stats } = await db.collection('mall_items').where({ _id: claim.itemId, pendingClaims: claim.token }).update({
    data: { reserved: _.inc(-claim.quantity), [outcome === 'done' ? to : from]: _.inc(claim.quantity), pendingClaims: _.pull(claim.token) },
  });
  return stats.updated === 1;
}

/** After the member's transaction committed its side (`claimDone`): reserved -> sold (take) or -> stock (return). */
export const settleClaim = (db: Database, claim: StockClaim) => release(db, claim, 'done');

/**
 * Resolves a claim whose member's side did not (visibly) happen: the claim document decides. Inserting it `void`
 * succeeds unless the member's transaction inserted `done` (then it did commit, e.g. its answer was lost): the units
 * are given back or settled accordingly, once. Safe to run any number of times, concurrently too. `moved`: whether
 * this call moved the units (false when another resolver did).
 */
export async function resolveClaim(db: Database, claim: StockClaim, now: Date): Promise<{ outcome: 'done' | 'void'; moved: boolean }> {
  let outcome: 'done' | 'void' = 'void';
  try {
    await db.collection('stock_claims').add({ data: decision(claim, 'void', now) });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const { data } = await db.collection('stock_claims').where({ _id: claim.token }).get();
    // Gone again: another resolver finished it and the timer removed the decision, which it does only after the
    // units have moved, so there is nothing left to move.
    if (!data[0]) return { outcome, moved: false };
    outcome = data[0].outcome;
  }
  return { outcome, moved: await release(db, claim, outcome) };
}

/** Gives back (or settles) the claim after a failure; a failure of that is left to the timer, never hides `cause`. */
export async function resolveAfterFailure(db: Database, claim: StockClaim, now: Date): Promise<'done' | 'void' | null> {
  try {
    return (await resolveClaim(db, claim, now)).outcome;
  } catch (err) {
    console.error(`[stock] claim ${claim.token} left to the jobs timer`, err);
    return null;
  }
}

export interface ClaimSweep { items: number; settled: number; givenBack: number; failed: number; removed: number }

const SWEEP_ITEMS = 100;

/**
 * The jobs timer's pass: every claim in flight older than CLAIM_SETTLE_AFTER_MS (its function died, or failed to
 * resolve it) is resolved by its claim document; then decision documents of old resolved claims are removed.
 * Found from the items (`reserved > 0`), so a claim is found even when its function died before writing anything else.
 */
export async function sweepStockClaims(db: Database, now: Date): Promise<ClaimSweep> {
  const _ = db.command;
  const out: ClaimSweep = { items: 0, settled: 0, givenBack: 0, failed: 0, removed: 0 };
  const { data: items } = await db.collection('mall_items').where({ reserved: _.gt(0) }).field({ pendingClaims: true }).limit(SWEEP_ITEMS).get();
  const unresolved: string[] = [];
  for (const item of items) {
    out.items++;
    for (const claim of claimsDue(item._id, item.pendingClaims ?? [], now)) {
      try {
        const { outcome, moved } = await resolveClaim(db, claim, now);
        if (moved && outcome === 'done') out.settled++;
        if (moved && outcome === 'void') out.givenBack++;
      } catch (err) {
        out.failed++;
        unresolved.push(claim.token);
        console.error(`[stock] claim ${claim.token} not resolved, retried next run`, err);
      }
    }
  }
  // Every claim older than the cutoff is resolved now (or listed as not): its decision is no longer needed. Not when
  // some items were left for the next run: a decision must outlive its claim, or the claim would be given back.
  if (items.length === SWEEP_ITEMS) return out;
  const cutoff = new Date(now.getTime() - CLAIM_SETTLE_AFTER_MS);
  const old = unresolved.length ? { at: _.lt(cutoff), _id: _.nin(unresolved) } : { at: _.lt(cutoff) };
  out.removed = (await db.collection('stock_claims').where(old).remove()).stats.removed;
  return out;
}
