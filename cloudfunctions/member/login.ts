import type { Output, ParsedInput } from '../../contract';
import { AppError } from '../core/errors';
import { registrationFlow } from '../core/flows';
import { newMember } from '../core/member';
import type { MemberContext } from '../runtime/handler';
import { loadConfig } from '../runtime/configStore';
import { isDuplicateKey, isWriteConflict } from '../runtime/dbErrors';
import { applyMemberSet, memberDocuments } from '../core/memberDocuments';
import { addAll, findMember, reviveMember, updateAll, writeDocuments } from '../runtime/memberRepo';
import { getInTransaction, inTransaction } from '../runtime/transaction';
import { publicMember } from './view';
import { bindInvite, inviterRewardPlan, referralDoc, todaysGrowth, welcomeWrite, type InviteOutcome } from '../services/referralRewards';
import { referralPoints } from '../core/referral';
import type { LoyaltyConfig } from '../core/config';
import type { MemberDoc } from '../core/member';
import { applyFollowUp } from '../services/followUps';
import { findFollowUp, followUpDoc, followUpId } from '../runtime/outbox';
import type { Database } from '../runtime/dbTypes';
import type { OutboxDoc } from '../core/documents';

export async function login(ctx: MemberContext<ParsedInput<'member', 'login'>>): Promise<Output<'member', 'login'>> {
  const code = ctx.input.inviteCode;
  // With an invite code: the caller and the code's owner in one read, and when the binding is plainly valid the
  // registration, the binding and the inviter's reward in one transaction (registerInvited).
  const invited = code ? await registerInvited(ctx.db, ctx.openid, code, ctx.now) : null;
  if (invited && 'invite' in invited) return invited;
  const { followUp, ...out } = await register(ctx, code, invited?.known);
  if (!code) return out;
  return { ...out, invite: await inviteOutcome(ctx.db, ctx.openid, code, followUp, ctx.now) };
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
    // Registered and bound in one transaction (registerInvited): its referral is the binding, rewarded or not.
    const { data } = await db.collection('referrals').where({ _id: openid }).limit(1).get();
    if (data[0]) return { bound: true, inviterRewarded: data[0].rewarded === true, welcomePoints: data[0].rewards.welcome };
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
async function register({ db, openid, now }: MemberContext<unknown>, inviteCode: string | undefined, known?: MemberDoc | null) {
  const existing = known === undefined ? await findMember(db, { openid }) : known;
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

/** `known`: the caller's member document as read (null: none; undefined: read it again). */
type Invited = { known: MemberDoc | null | undefined } | (Omit<Output<'member', 'login'>, 'invite'> & { invite: Invite });

/** The registration documents of `openid` at `salt`: the new member (with the registration bonus) and its entries. */
function registration(openid: string, now: Date, salt: number, config: LoyaltyConfig) {
  const fresh = newMember(openid, now, salt);
  const { set, inserts } = memberDocuments(fresh, { ledger: registrationFlow(now, config) }, now);
  return { member: applyMemberSet(fresh, set), inserts };
}

/**
 * A first login with a valid invite code, in one read and one transaction (issue 14 §4: at most 10 requests with the
 * inviter rewarded): the new member with its registration and welcome bonuses and `referredBy`, the referral, and the
 * inviter's reward within the monthly cap (its points, growth and counter; the inviter's member document is read in
 * the transaction, so a concurrent reward of the same inviter conflicts and one of them retries on the slow path).
 * No cycle is possible: a member who does not exist yet has no invite code, so nobody is bound to them.
 * Anything else answers `known` (the caller's member document, or null when there is none) for the path through the
 * outbox (register, then bindInvite): an existing member, a code that names nobody or the caller, referrals off,
 * contention on the inviter or on the caller's own first login.
 */
async function registerInvited(db: Database, openid: string, code: string, now: Date): Promise<Invited> {
  const normalized = code.trim().toUpperCase();
  if (!/^[A-Z0-9]{4,16}$/.test(normalized)) return { known: await findMember(db, { openid }) };
  const _ = db.command;
  const { data } = await db.collection('members').where(_.or([{ _id: openid }, { inviteCode: normalized }])).limit(2).get();
  const self = data.find((d) => d._id === openid);
  const found = data.find((d) => d._id !== openid && d.inviteCode === normalized);
  if (self || !found) return { known: self ? reviveMember(self) : null };
  const config = await loadConfig(db);
  if (!config.referral.enabled) return { known: null };
  const inviter = reviveMember(found);
  const todays = await todaysGrowth(db, inviter.openid, now);
  for (let salt = 0; salt < 3; salt++) {
    const reg = registration(openid, now, salt, config);
    const welcome = welcomeWrite(reg.member, inviter.openid, now, config);
    const invitee = writeDocuments(reg.member, welcome, now);
    const member = applyMemberSet(reg.member, invitee.set);
    try {
      const rewarded = await inTransaction(db, async (tx) => {
        const current = await getInTransaction(tx, 'members', inviter.openid);
        // The inviter changed since it was read (its growth of today may be stale) or gave up the code: slow path.
        if (!current || current.rev !== inviter.rev || current.inviteCode !== normalized) throw new StaleInviter();
        const plan = inviterRewardPlan(inviter, inviter.points.lots, todays, openid, now, config);
        const theirs = plan ? writeDocuments(inviter, plan.write, now) : null;
        const referral = referralDoc(openid, inviter.openid, normalized, now, config, plan !== null);
        await addAll(tx, [
          { collection: 'members', doc: member }, ...reg.inserts, ...invitee.inserts, { collection: 'referrals', doc: referral }, ...(theirs?.inserts ?? []),
        ]);
        if (theirs) {
          await updateAll(tx, theirs.updates);
          await tx.collection('members').doc(inviter.openid).update({ data: theirs.set });
        }
        return plan !== null;
      }, 1);
      return { member: publicMember(member), created: true, invite: { bound: true, inviterRewarded: rewarded, welcomePoints: referralPoints(config).welcome } };
    } catch (err) {
      // The derived member number belongs to someone else: try the next salt.
      if (isDuplicateKey(err) && /memberNo/.test(String((err as { errMsg?: string }).errMsg ?? (err as Error).message))) continue;
      // Contention (the inviter rewarded meanwhile, or a concurrent first login of the caller): the slow path, which
      // reads the caller again and waits for a winner.
      if (err instanceof StaleInviter || isDuplicateKey(err) || isWriteConflict(err) || (err instanceof AppError && err.code === 'CONFLICT')) return { known: undefined };
      throw err;
    }
  }
  return { known: null };
}

class StaleInviter extends Error {}
