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
import { bindInvite, type InviteOutcome } from '../services/referralRewards';
import { applyFollowUp } from '../services/followUps';
import { findFollowUp, followUpDoc, followUpId } from '../runtime/outbox';
import type { Database } from '../runtime/dbTypes';
import type { OutboxDoc } from '../core/documents';

export async function login(ctx: MemberContext<ParsedInput<'member', 'login'>>): Promise<Output<'member', 'login'>> {
  const { followUp, ...out } = await register(ctx, ctx.input.inviteCode);
  if (!ctx.input.inviteCode) return out;
  return { ...out, invite: await inviteOutcome(ctx.db, ctx.openid, ctx.input.inviteCode, followUp, ctx.now) };
}

const NOT_YET = { bound: false as const, reason: 'error' as const, message: '邀请关系暂未绑定，稍后自动重试' };
type Invite = InviteOutcome | typeof NOT_YET;

/**
 * The invite binding a registration recorded (its follow-up, in the registration's transaction) applied now; a
 * retried or concurrent first login finds that follow-up and answers its outcome (applying it if still pending).
 * A member registered without it is refused as existing (or for what else is wrong with the code).
 */
async function inviteOutcome(db: Database, openid: string, code: string, recorded: OutboxDoc | null, now: Date): Promise<Invite> {
  const doc = recorded ?? (await findFollowUp(db, followUpId.invite(openid)));
  if (!doc) {
    return bindInvite(db, openid, code, false, now, async () => false).catch((err): Invite => {
      console.error('[referral] binding failed', err);
      return NOT_YET;
    });
  }
  const applied = await applyFollowUp(db, doc, now); // a failure stays in the outbox: the jobs timer retries it
  return (applied.done ? (applied.result as InviteOutcome | null) : null) ?? NOT_YET;
}

/**
 * Registers the caller on first call, with the registration bonus (its ledger entry, and its lot on the member) in the
 * same transaction. The member's _id is the openid, so concurrent first logins race on the primary key: one wins,
 * the others wait for it and answer the winner.
 */
async function register({ db, openid, now }: MemberContext<unknown>, inviteCode: string | undefined) {
  const existing = await findMember(db, { openid });
  if (existing) return { member: publicMember(existing), created: false, followUp: null };

  const config = await loadConfig(db);
  for (let salt = 0; salt < 3; salt++) {
    const fresh = newMember(openid, now, salt);
    const { set, inserts } = memberDocuments(fresh, { ledger: registrationFlow(now, config) }, now);
    const doc = applyMemberSet(fresh, set);
    try {
      // The invite code it came with is a follow-up recorded with the member: the binding cannot be lost.
      const followUp = inviteCode ? followUpDoc(followUpId.invite(openid), { kind: 'invite', payload: { inviteeOpenid: openid, code: inviteCode, at: now } }, now) : null;
      await inTransaction(db, async (tx) => {
        await tx.collection('members').add({ data: doc });
        for (const { collection, doc: entry } of inserts) await tx.collection(collection).add({ data: entry });
        if (followUp) await tx.collection('outbox').add({ data: followUp });
      }, 1);
      return { member: publicMember(doc), created: true, followUp };
    } catch (err) {
      // The derived member number belongs to someone else: try the next salt.
      if (isDuplicateKey(err) && /memberNo/.test(String((err as { errMsg?: string }).errMsg ?? (err as Error).message))) continue;
      const contended = isDuplicateKey(err) || isWriteConflict(err);
      if (!contended) throw err;
      // Another first login of this openid holds or has written the member: wait for it to commit and answer it.
      for (let i = 1; i <= 20; i++) {
        const winner = await findMember(db, { openid });
        if (winner) return { member: publicMember(winner), created: false, followUp: null };
        await new Promise((r) => setTimeout(r, 20 * i));
      }
      throw new AppError('CONFLICT');
    }
  }
  throw new AppError('CONFLICT', '会员号分配失败，请重试');
}
