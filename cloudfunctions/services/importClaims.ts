// Claiming an imported member record (member_imports/<phone>): when a member binds that phone (member.bindPhone), or
// when a migration imports a phone some member has bound already, the record becomes part of that member exactly
// once. The record is read inside the member's transaction and marked claimed in it, beside the ledger entries
// (期初导入, keyed by phone and lot), so a replay, a concurrent claim or a resumed import writes nothing twice.
import type { MemberImportDoc, Stored } from '../core/documents';
import { planClaim, type ImportRecord } from '../core/migration';
import type { MemberDoc } from '../core/member';
import { loadConfig } from '../runtime/configStore';
import type { Database } from '../runtime/dbTypes';
import { writeMember } from '../runtime/memberRepo';
import { getInTransaction } from '../runtime/transaction';

export type ClaimOutcome = 'claimed' | 'already' | 'none';

export function reviveImport(doc: Stored<MemberImportDoc>): MemberImportDoc {
  return { ...doc, importedAt: new Date(doc.importedAt), claimedAt: doc.claimedAt ? new Date(doc.claimedAt) : null };
}

/** What a claim by `openid` would do with the record: nothing when absent or held by someone else. */
export const claimable = (doc: Pick<MemberImportDoc, 'status' | 'openid'> | null, openid: string): boolean =>
  !!doc && (doc.status === 'unclaimed' || (doc.status === 'claiming' && doc.openid === openid));

/**
 * Merges the imported record of `phone` into the member `openid` (docs/migration.md). Answers 'claimed' when this
 * call did it, 'already' when it was this member's already, 'none' when there is no record for them.
 */
export async function claimImported(db: Database, openid: string, phone: string, now: Date, found?: MemberImportDoc | null): Promise<ClaimOutcome> {
  const before = found === undefined ? (await db.collection('member_imports').where({ _id: phone }).limit(1).get()).data[0] ?? null : found;
  if (!before) return 'none';
  if (before.status === 'claimed') return before.openid === openid ? 'already' : 'none';
  if (!claimable(before, openid)) return 'none';
  const config = await loadConfig(db);
  return writeMember<ClaimOutcome, undefined, Stored<MemberImportDoc> | null>(
    db,
    openid,
    { now, inTx: (tx) => getInTransaction(tx, 'member_imports', phone) },
    ({ member, lots, inTx: doc }) => {
      if (!doc || doc.status === 'claimed') return { write: null, result: doc?.openid === openid ? 'already' : 'none' };
      if (!claimable(doc, openid)) return { write: null, result: 'none' };
      const change = planClaim(member as MemberDoc, lots, doc as ImportRecord, { jobId: doc.jobId, issuer: doc.importedBy, now, config });
      return {
        write: { ...change, updates: [{ collection: 'member_imports', id: phone, data: { status: 'claimed', openid, claimedAt: now } }] },
        result: 'claimed',
      };
    },
  );
}
