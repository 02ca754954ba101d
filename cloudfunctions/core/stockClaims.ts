// Stock claims: how a redemption takes an item's stock without making the item's document a lock every redemption
// waits on (issue 14, flash sales). A claim moves `quantity` units out of one counter of the item into `reserved` by
// one atomic conditional update outside the member's transaction, and later on into the other counter (settled) or
// back (given back). Each of the three steps changes the counters by the same amount in opposite directions in one
// document update, so stock + sold + reserved never changes (the console's stock adjustments aside).
//
//   take (a redemption):     stock -> reserved -> sold,  or back to stock when the member's side fails
//   return (a cancellation): sold  -> reserved -> stock, or back to sold  when the member's side fails
//
// The item lists the claims in flight (`pendingClaims`, their tokens): the move into `reserved` pushes the token and
// requires it absent, the move out requires it present and pulls it, so each step happens once per token however
// often it is tried. Whether the member's side happened is decided by one document, `stock_claims/<token>`: the
// member's transaction inserts it as `done`; whoever resolves a claim whose transaction failed or never finished (the
// function itself, or the jobs timer for one that died) first inserts it as `void`. The same _id cannot be inserted
// twice, so exactly one of the two wins, and the claim is settled or given back by what that document says.
// The token carries what resolving needs (direction, quantity, when it was taken), so a claim can be resolved from
// the item alone. This module is pure: the database steps are in services/stockClaims.ts.

export type ClaimKind = 'take' | 'return';

export interface StockClaim {
  /** Unique per attempt: the redemption's id (from openid + request id), the direction, the quantity, the time, a nonce. */
  token: string;
  kind: ClaimKind;
  itemId: string;
  quantity: number;
  redemptionId: string;
  /** When the units were taken (the function's clock). */
  at: Date;
}

/** The counter units leave when taken, and the one they reach when settled; giving back returns them to `from`. */
export const CLAIM_COUNTERS: Record<ClaimKind, { from: 'stock' | 'sold'; to: 'stock' | 'sold' }> = {
  take: { from: 'stock', to: 'sold' },
  return: { from: 'sold', to: 'stock' },
};

const KIND_CODES: Record<ClaimKind, string> = { take: 't', return: 'r' };

/**
 * A claim resolvable by the jobs timer once it is older than this: past the mall's and staff's function timeouts
 * (10 s and 20 s, config.json) and a transaction's 30 s limit, so no invocation that took it is still running and no
 * transaction that could still insert its `done` document is open.
 */
export const CLAIM_SETTLE_AFTER_MS = 60_000;

export function newClaim(kind: ClaimKind, itemId: string, quantity: number, redemptionId: string, at: Date, nonce: string): StockClaim {
  if (!Number.isInteger(quantity) || quantity < 1) throw new RangeError('a claim takes at least one unit');
  const token = [redemptionId, KIND_CODES[kind], quantity, at.getTime().toString(36), nonce].join('.');
  return { token, kind, itemId, quantity, redemptionId, at };
}

/** The claim a token found on an item stands for; null for a token this module did not make. */
export function parseClaimToken(itemId: string, token: string): StockClaim | null {
  const parts = token.split('.');
  if (parts.length !== 5) return null;
  const [redemptionId, code, q, at36] = parts;
  const kind = (Object.keys(KIND_CODES) as ClaimKind[]).find((k) => KIND_CODES[k] === code);
  const quantity = Number(q);
  const at = new Date(parseInt(at36, 36));
  if (!kind || !redemptionId || !Number.isInteger(quantity) || quantity < 1 || Number.isNaN(at.getTime())) return null;
  return { token, kind, itemId, quantity, redemptionId, at };
}

/** Tokens of an item's claims in flight that the timer may resolve now (older than CLAIM_SETTLE_AFTER_MS). */
export function claimsDue(itemId: string, tokens: readonly string[], now: Date): StockClaim[] {
  return tokens
    .map((t) => parseClaimToken(itemId, t))
    .filter((c): c is StockClaim => c !== null && now.getTime() - c.at.getTime() >= CLAIM_SETTLE_AFTER_MS);
}
