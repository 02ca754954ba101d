import type { Output, ParsedInput } from '../../contract';
import { AppError } from '../core/errors';
import { registrationFlow } from '../core/flows';
import { newMember } from '../core/member';
import type { MemberContext } from '../runtime/handler';
import { loadConfig } from '../runtime/configStore';
import { isDuplicateKey, isWriteConflict } from '../runtime/dbErrors';
import { applyMemberSet, memberDocuments } from '../core/memberDocuments';
import { findMember } from '../runtime/memberRepo';
import { inTransaction } from '../runtime/transaction';
import { publicMember } from './view';
import { bindInvite } from '../services/referralRewards';

export async function login(ctx: MemberContext<ParsedInput<'member', 'login'>>): Promise<Output<'member', 'login'>> {
  const out = await register(ctx);
  if (!ctx.input.inviteCode) return out;
  const invite = await bindInvite(ctx.db, ctx.openid, ctx.input.inviteCode, out.created, ctx.now).catch((err) => {
    console.error('[referral] binding failed', err); // registration stands; the binding is not retried
    return { bound: false as const, reason: 'error' as const, message: '邀请关系绑定失败' };
  });
  return { ...out, invite };
}

/**
 * Registers the caller on first call, with the registration bonus (its ledger entry, and its lot on the member) in the
 * same transaction. The member's _id is the openid, so concurrent first logins race on the primary key: one wins,
 * the others wait for it and answer the winner.
 */
async function register({ db, openid, now }: MemberContext<unknown>) {
  const existing = await findMember(db, { openid });
  if (existing) return { member: publicMember(existing), created: false };

  const config = await loadConfig(db);
  for (let salt = 0; salt < 3; salt++) {
    const fresh = newMember(openid, now, salt);
    const { set, inserts } = memberDocuments(fresh, { ledger: registrationFlow(now, config) }, now);
    const doc = applyMemberSet(fresh, set);
    try {
      await inTransaction(db, async (tx) => {
        await tx.collection('members').add({ data: doc });
        for (const { collection, doc: entry } of inserts) await tx.collection(collection).add({ data: entry });
      }, 1);
      return { member: publicMember(doc), created: true };
    } catch (err) {
      // The derived member number belongs to someone else: try the next salt.
      if (isDuplicateKey(err) && /memberNo/.test(String((err as { errMsg?: string }).errMsg ?? (err as Error).message))) continue;
      const contended = isDuplicateKey(err) || isWriteConflict(err);
      if (!contended) throw err;
      // Another first login of this openid holds or has written the member: wait for it to commit and answer it.
      for (let i = 1; i <= 20; i++) {
        const winner = await findMember(db, { openid });
        if (winner) return { member: publicMember(winner), created: false };
        await new Promise((r) => setTimeout(r, 20 * i));
      }
      throw new AppError('CONFLICT');
    }
  }
  throw new AppError('CONFLICT', '会员号分配失败，请重试');
}
