// Referral bindings and rewards. A `referrals` document per invitee (_id = the invitee's openid, so an invitee is bound
// once) records the inviter, the rewards and the status. Each reward is its own member transaction with a unique
// ledger key, so every step is idempotent; the inviter's monthly counter lives on the inviter's member document
// (`referral`), so the cap holds under concurrent registrations.
import type { LoyaltyConfig } from '../core/config';
import { engagementFlow } from '../core/engagementFlow';
import { planActivityGrowth, type GrowthEntry } from '../core/growth';
import type { MemberDoc } from '../core/member';
import { BIND_REFUSAL_MESSAGES, bindingRefusal, bumpCounter, inviteCodeFor, referralPoints, underMonthlyCap, type BindRefusal } from '../core/referral';
import { shanghaiDay, shanghaiDayStart } from '../core/time';
import { loadConfig } from '../runtime/configStore';
import { isDuplicateKey, retryOnConflict } from '../runtime/dbErrors';
import type { OutboxDoc, ReferralDoc, Stored } from '../core/documents';
import type { Database } from '../runtime/dbTypes';
import { writeOnce } from '../runtime/idempotent';
import { findMember, growthSince, writeMember, type MemberWrite } from '../runtime/memberRepo';
import type { Lot } from '../core/ledger';
import { followUpDoc, followUpId, followUpInsert } from '../runtime/outbox';
import { getInTransaction } from '../runtime/transaction';

export type InviteOutcome = { bound: true; inviterRewarded: boolean; welcomePoints: number } | { bound: false; reason: BindRefusal; message: string };

const refuse = (reason: BindRefusal): InviteOutcome => ({ bound: false, reason, message: BIND_REFUSAL_MESSAGES[reason] });

async function findByCode(db: Database, code: string): Promise<Stored<MemberDoc> | null> {
  const { data } = await db.collection('members').where({ inviteCode: code }).limit(1).get();
  return data[0] ?? null;
}

async function referralOf(db: Database, inviteeOpenid: string): Promise<Stored<ReferralDoc> | null> {
  const { data } = await db.collection('referrals').where({ _id: inviteeOpenid }).limit(1).get();
  return data[0] ?? null;
}

/** The inviter's own inviter, that one's, ... (nearest first, at most `depth`). */
async function inviterChain(db: Database, openid: string, depth: number): Promise<string[]> {
  const chain: string[] = [];
  let current = openid;
  for (let i = 0; i < depth; i++) {
    const ref = await referralOf(db, current);
    if (!ref || chain.includes(ref.inviterOpenid)) break;
    chain.push(ref.inviterOpenid);
    current = ref.inviterOpenid;
  }
  return chain;
}

/** The member's invite code, created (unique index on members.inviteCode) the first time it is asked for. */
export async function ensureInviteCode(db: Database, member: MemberDoc): Promise<string> {
  if (member.inviteCode) return member.inviteCode;
  for (let salt = 0; salt < 5; salt++) {
    const code = inviteCodeFor(member.openid, salt);
    try {
      // Not a loyalty write: rev is untouched (no ledger, lots or growth change).
      await retryOnConflict(() => db.collection('members').where({ _id: member.openid, inviteCode: db.command.exists(false) }).update({ data: { inviteCode: code } }));
      const fresh = await findMember(db, { openid: member.openid });
      if (fresh?.inviteCode) return fresh.inviteCode;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err; // another member holds this code: next salt
    }
  }
  throw new Error('invite code allocation failed');
}

/**
 * Binds a member registering with `code` to the code's owner: the welcome bonus, the binding and the inviter's reward
 * follow-up (runtime/outbox.ts) in one transaction on the invitee; then `settle` applies that follow-up (the inviter's
 * reward within the monthly cap, in one transaction on the inviter) and answers whether the inviter is rewarded.
 * Never throws for a refused binding: it answers why. Run again (a retried follow-up), it answers the binding made.
 */
export async function bindInvite(
  db: Database, inviteeOpenid: string, code: string, created: boolean, now: Date,
  settle: (recorded: OutboxDoc | null, id: string) => Promise<boolean>,
): Promise<InviteOutcome> {
  const config = await loadConfig(db);
  if (!config.referral.enabled) return refuse('disabled');
  const normalized = code.trim().toUpperCase();
  const inviter = /^[A-Z0-9]{4,16}$/.test(normalized) ? await findByCode(db, normalized) : null;
  const chain = inviter && created && inviter.openid !== inviteeOpenid ? await inviterChain(db, inviter.openid, config.referral.cycleDepth) : [];
  const refusal = bindingRefusal({ inviterOpenid: inviter?.openid ?? null, inviteeOpenid, inviteeIsNew: created, inviterChain: chain }, config);
  const rewardId = followUpId.inviteReward(inviteeOpenid);
  if (refusal) {
    // A retried binding whose first run bound (the referral exists): answer that binding, not the later refusal.
    const existing = created ? await referralOf(db, inviteeOpenid) : null;
    if (!existing) return refuse(refusal);
    return { bound: true, inviterRewarded: (await settle(null, rewardId)) || existing.rewarded === true, welcomePoints: existing.rewards.welcome };
  }
  const points = referralPoints(config);
  const doc = referralDoc(inviteeOpenid, inviter!.openid, normalized, now, config, null);
  const reward = followUpDoc(rewardId, { kind: 'inviteReward', payload: { inviteeOpenid, inviterOpenid: inviter!.openid, at: now } }, now);
  const bound = await writeOnce(() => writeMember(db, inviteeOpenid, { now }, ({ member }) => {
    const write = welcomeWrite(member, inviter!.openid, now, config);
    return { write: { ...write, inserts: [{ collection: 'referrals', doc }, followUpInsert(reward)] }, result: true };
  }));
  if (!bound) {
    // Already bound (the invitee's referral or welcome entry exists): answer the binding as it was made.
    const existing = await referralOf(db, inviteeOpenid);
    const rewarded = existing ? (await settle(null, rewardId)) || existing.rewarded === true : false;
    return { bound: true, inviterRewarded: rewarded, welcomePoints: existing?.rewards.welcome ?? 0 };
  }
  return { bound: true, inviterRewarded: await settle(reward, rewardId), welcomePoints: points.welcome };
}

/** The `inviteReward` follow-up: the inviter's reward for the invitee's binding, settled once (true: rewarded). */
export async function rewardInviter(db: Database, inviteeOpenid: string, now: Date): Promise<boolean> {
  const ref = await referralOf(db, inviteeOpenid);
  if (!ref) throw new Error(`no referral for ${inviteeOpenid}`);
  if (ref.rewarded !== null) return ref.rewarded;
  return rewardInviterForRegistration(db, ref, now, await loadConfig(db));
}

const todaysGrowth = (db: Database, openid: string, now: Date) => growthSince(db, openid, shanghaiDayStart(shanghaiDay(now)));

/** The inviter's reward for a registered invitee, unless the monthly cap is reached (then the binding stays unrewarded). */
export async function rewardInviterForRegistration(db: Database, ref: Pick<ReferralDoc, '_id' | 'inviteeOpenid' | 'inviterOpenid' | 'rewards'>, now: Date, config: LoyaltyConfig): Promise<boolean> {
  const rewarded = await writeOnce(() => writeMember(db, ref.inviterOpenid, {
    now,
    // Today's growth entries change only with the inviter's document: read inside, right after it (no read before).
    loadInside: true,
    load: () => todaysGrowth(db, ref.inviterOpenid, now),
    inTx: (tx) => getInTransaction(tx, 'referrals', ref._id),
  }, ({ member, lots, extra, inTx: current }) => {
    // Settled already (by a concurrent or earlier run): that stands, even if the cap has room again.
    if (current && current.rewarded !== null) return { write: null, result: current.rewarded };
    const plan = inviterRewardPlan(member, lots, extra, ref.inviteeOpenid, now, config);
    if (!plan) return { write: { updates: [{ collection: 'referrals', id: ref._id, data: { rewarded: false } }] }, result: false };
    return {
      write: { ...plan.write, updates: [{ collection: 'referrals', id: ref._id, data: { rewarded: true, rewards: { ...(current ?? ref).rewards, inviterRegistered: plan.points } } }] },
      result: true,
    };
  }));
  return rewarded ?? true; // the inviter's reward key was already written: rewarded
}

/**
 * The inviter's reward for the registration of `inviteeOpenid` (points, the activity growth within its daily cap given
 * today's growth entries, the monthly counter), or null when the monthly cap is reached. Pure; the caller writes it.
 */
export function inviterRewardPlan(inviter: MemberDoc, lots: Lot[], todays: GrowthEntry[], inviteeOpenid: string, now: Date, config: LoyaltyConfig): { write: MemberWrite; points: number } | null {
  const counter = inviter.referral;
  if (!underMonthlyCap(counter, now, config)) return null;
  const points = referralPoints(config).inviterRegistered;
  const outcome = planActivityGrowth({ type: 'inviteRegistered', at: now, key: `invite:${inviteeOpenid}`, ref: inviteeOpenid }, todays, config);
  const flow = engagementFlow(inviter, lots, {
    earn: { amount: points, key: `referral:${inviteeOpenid}`, reason: '邀请好友注册奖励', ref: `referral:${inviteeOpenid}`, issuer: 'system', at: now },
    growth: outcome.entry ? [outcome.entry] : [],
  }, now, config);
  return { write: { ...flow.write, fields: { ...flow.write.fields, referral: bumpCounter(counter, now) } }, points };
}

/** The referral document of a binding made now (the inviter's reward settled as `rewarded`, null: not yet). */
export function referralDoc(inviteeOpenid: string, inviterOpenid: string, code: string, now: Date, config: LoyaltyConfig, rewarded: boolean | null): ReferralDoc {
  const points = referralPoints(config);
  return {
    _id: inviteeOpenid, inviteeOpenid, inviterOpenid, code, boundAt: now, month: shanghaiDay(now).slice(0, 7), status: 'registered', rewarded,
    rewards: { welcome: points.welcome, inviterRegistered: rewarded ? points.inviterRegistered : 0, inviterFirstOrder: 0, inviterFirstOrderGrowth: 0, reversed: 0 },
    firstOrderId: null, firstOrderAt: null,
  };
}

/** The welcome bonus of an invitee bound to `inviterOpenid`: the member write of the binding (referrals doc aside). */
export function welcomeWrite(invitee: MemberDoc, inviterOpenid: string, now: Date, config: LoyaltyConfig): MemberWrite {
  const flow = engagementFlow(invitee, invitee.points.lots, {
    earn: { amount: referralPoints(config).welcome, key: 'referralWelcome', reason: '好友邀请注册礼', ref: `referral:${inviterOpenid}`, issuer: 'system', at: now },
  }, now, config);
  return { ...flow.write, fields: { ...flow.write.fields, referredBy: inviterOpenid } };
}

export { todaysGrowth, findByCode as memberByInviteCode };

/**
 * The follow-up of an invitee's paid order (services/followUps.ts, recorded with the order): the invitee's first paid
 * order earns the inviter the first-order reward, once, for invites that were rewarded. Throws when it cannot be
 * written (the outbox retries it); its keys make a repeat a no-op.
 */
export async function applyReferralOrder(db: Database, p: { orderId: string; inviteeOpenid: string; inviterOpenid: string; at?: Date | string }, now: Date): Promise<void> {
  const { orderId, inviteeOpenid, inviterOpenid } = p;
  const config = await loadConfig(db);
  const points = referralPoints(config).inviterFirstOrder;
  // Its keys make it once: an order replayed or delivered twice finds them written and does nothing more.
  await writeOnce(() => writeMember(db, inviterOpenid, {
    now,
    loadInside: true,
    load: () => todaysGrowth(db, inviterOpenid, now),
    inTx: (tx) => getInTransaction(tx, 'referrals', inviteeOpenid),
  }, ({ member: inviter, lots, extra, inTx: ref }) => {
    if (!ref || ref.inviterOpenid !== inviterOpenid || ref.firstOrderId) return { write: null, result: null };
    // When the order was recorded (a retried follow-up is applied later); the reward itself is earned now.
    const marked = { firstOrderId: orderId, firstOrderAt: p.at ? new Date(p.at) : now, status: 'ordered' as const };
    if (ref.rewarded !== true) return { write: { updates: [{ collection: 'referrals', id: ref._id, data: marked }] }, result: null };
    const outcome = planActivityGrowth({ type: 'inviteOrdered', at: now, key: `inviteOrder:${inviteeOpenid}`, ref: inviteeOpenid }, extra, config);
    const flow = engagementFlow(inviter, lots, {
      earn: { amount: points, key: `referralOrder:${inviteeOpenid}`, reason: '好友首单奖励', ref: `referralOrder:${inviteeOpenid}`, issuer: 'system', at: now },
      growth: outcome.entry ? [outcome.entry] : [],
    }, now, config);
    const growth = outcome.entry?.amount ?? 0;
    return {
      write: {
        ...flow.write,
        updates: [
          { collection: 'referrals', id: ref._id, data: { ...marked, rewards: { ...ref.rewards, inviterFirstOrder: points, inviterFirstOrderGrowth: growth } } },
          { collection: 'orders', id: orderId, data: { referralInviter: inviterOpenid } },
        ],
      },
      result: null,
    };
  }));
}

/**
 * The follow-up of a full refund of an order that had a first-order follow-up (applied after it): a fully refunded
 * first order takes the inviter's first-order reward back (points through the ledger, a debt if already spent;
 * growth as a negative entry). Throws when it cannot be written (the outbox retries it).
 */
export async function applyReferralRefund(db: Database, p: { orderId: string; inviteeOpenid: string; inviterOpenid: string }, now: Date): Promise<void> {
  const { orderId, inviteeOpenid: invitee, inviterOpenid } = p;
  const config = await loadConfig(db);
  await writeOnce(() => writeMember(db, inviterOpenid, { now, inTx: (tx) => getInTransaction(tx, 'referrals', invitee) }, ({ member, lots, inTx: ref }) => {
    if (!ref || ref.inviterOpenid !== inviterOpenid || ref.firstOrderId !== orderId || ref.status === 'refunded') return { write: null, result: null };
    const amount = ref.rewards.inviterFirstOrder;
    const growthBack = ref.rewards.inviterFirstOrderGrowth;
    const growth: GrowthEntry[] = growthBack > 0 ? [{
      dimension: 'social', event: 'inviteOrderedReversed', raw: -(config.growth.events.inviteOrdered.growth), amount: -growthBack, at: now,
      reason: '好友首单退款扣回', key: `inviteOrderReverse:${invitee}`, ref: invitee,
    }] : [];
    const flow = engagementFlow(member, lots, {
      reverse: { amount, key: `referralOrderReverse:${invitee}`, reason: '好友首单退款扣回', ref: `referralOrder:${invitee}`, issuer: 'system', at: now },
      growth,
    }, now, config);
    return { write: { ...flow.write, updates: [{ collection: 'referrals', id: ref._id, data: { status: 'refunded', rewards: { ...ref.rewards, reversed: amount } } }] }, result: null };
  }));
}
