// Issuing tier benefits (权益通) for one member: what core/benefits.ts says is due, in one member transaction — the
// vouchers (benefit_vouchers, _id per unit and period), the points (a ledger lot keyed `benefit:<record>:<period>`)
// and the member's record of the periods issued. A replay, a second job run or a concurrent claim sees the record
// (the member document's rev makes concurrent writers retry) and issues nothing more. Used by the daily job
// (jobs/benefits.ts, mode auto) and the member's claim (mall.claimBenefit).
// Database requests: start, get member, one insert per voucher, one per points entry, the member update, commit.
import { dueEntitlements, EXPIRY_REMINDER_DAYS, markIssued, nextBenefitsAt, type Due, type DueOptions } from '../core/benefits';
import { voucherCodeFor } from '../core/codes';
import type { LoyaltyConfig } from '../core/config';
import type { BenefitVoucherDoc, Insert } from '../core/documents';
import { chainPlans, planEarn, unchangedPlan, type LedgerPlan } from '../core/ledger';
import { pointsStateOf } from '../core/member';
import { nextReviewAt } from '../core/reviewSchedule';
import type { Database } from '../runtime/dbTypes';
import { isAlreadyWritten } from '../runtime/idempotent';
import { writeMember } from '../runtime/memberRepo';
import { expiryMessageId } from './benefitVouchers';
import { messageId, messageInsert } from './messages';

export interface IssuedBenefit { key: string; title: string; period: string; vouchers: number; points: number }
/** `prorated`: records due 0 units (the tier reached late in the period, pro rata), marked issued all the same. */
export interface IssueOutcome { issued: IssuedBenefit[]; vouchers: number; points: number; prorated?: number }

const EMPTY: IssueOutcome = { issued: [], vouchers: 0, points: 0 };

function voucherDocs(due: Due[], member: { openid: string; memberNo: string }, secret: string, by: 'job' | 'claim', now: Date): BenefitVoucherDoc[] {
  return due.flatMap((d) => d.vouchers.map((v): BenefitVoucherDoc => {
    const code = voucherCodeFor(secret, v.unitId);
    return {
      _id: v.unitId, openid: member.openid, memberNo: member.memberNo, benefitKey: d.benefit.key, title: d.benefit.title, description: d.benefit.description,
      level: d.level, record: d.record, period: d.period.key, faceValueFen: v.faceValueFen, issuerFormat: v.issuerFormat,
      status: 'issued', voucherCode: code, voucher: { code, expiresAt: v.expiresAt, storeIds: v.storeIds, formats: v.formats },
      used: null, cancelled: null, issuedBy: by, createdAt: now, updatedAt: now,
    };
  }));
}

/**
 * Issues what is due to `openid` now (`opts`: the job's automatic benefits, or one claimed benefit). The job's pass
 * also moves the member's `benefitsAt` to the next month start, whether or not anything was due.
 */
export async function issueBenefits(
  db: Database, openid: string, now: Date, config: LoyaltyConfig, opts: DueOptions & { by: 'job' | 'claim' }, secret: string,
): Promise<IssueOutcome> {
  try {
    return await writeMember(db, openid, { now }, ({ member, lots }) => {
      const due = dueEntitlements(member, config.tiers, now, opts);
      const job = opts.by === 'job';
      if (due.length === 0) {
        return { write: job ? { fields: { benefitsAt: nextBenefitsAt(now) } } : null, result: EMPTY };
      }
      let ledger: LedgerPlan = unchangedPlan(pointsStateOf(member, lots), now);
      for (const d of due) {
        if (!d.points) continue;
        ledger = chainPlans(ledger, planEarn(ledger.state, {
          amount: d.points.amount, key: d.points.key, reason: `会员权益 ${d.benefit.title}`, ref: d.record, issuer: job ? 'system:benefits' : `member:${openid}`, at: now,
        }, config));
      }
      const docs = voucherDocs(due, member, secret, opts.by, now);
      const reviewAt = nextReviewAt({ lots: ledger.state.lots, tier: member, previous: member.reviewAt, now });
      const issued: IssuedBenefit[] = due.filter((d) => d.units > 0).map((d) => ({
        key: d.benefit.key, title: d.benefit.title, period: d.period.key, vouchers: d.vouchers.length, points: d.points?.amount ?? 0,
      }));
      return {
        write: {
          ledger,
          fields: { benefits: markIssued(member.benefits, due), reviewAt, ...(job ? { benefitsAt: nextBenefitsAt(now) } : {}) },
          inserts: [...docs.map((doc): Insert => ({ collection: 'benefit_vouchers', doc })), ...reminders(due, openid, now)],
        },
        result: { issued, vouchers: docs.length, points: issued.reduce((s, i) => s + i.points, 0), prorated: due.filter((d) => d.units === 0).length },
      };
    });
  } catch (err) {
    // A unit or lot already there: a concurrent writer issued this period first.
    if (isAlreadyWritten(err)) return EMPTY;
    throw err;
  }
}

const DAY_MS = 86_400_000;
const lastMoment = (end: Date) => new Date(end.getTime() - 1).toISOString();

/**
 * Subscription messages queued with the issue (services/messages.ts; their ids come from the records and periods,
 * once each): 生日礼到账 for a birthday gift, and 优惠券到期提醒 for each record's vouchers, sent 3 days before they
 * expire (skipped when the last of them was written off meanwhile, staff.verifyVoucher).
 */
function reminders(due: Due[], openid: string, now: Date): Insert[] {
  const out: Insert[] = [];
  for (const d of due) {
    if (d.units === 0) continue;
    const until = d.vouchers[0]?.expiresAt ?? d.period.end;
    if (d.benefit.period === 'birthday') {
      out.push(messageInsert({
        id: messageId('birthdayGift', openid, d.period.key), openid, key: 'birthdayGift', source: 'birthday',
        variables: { giftName: d.benefit.title, validUntil: until ? lastMoment(until) : now.toISOString() },
      }, now));
    }
    if (d.vouchers.length > 0 && until) {
      const remindAt = new Date(Math.max(now.getTime(), until.getTime() - EXPIRY_REMINDER_DAYS * DAY_MS));
      out.push(messageInsert({
        id: expiryMessageId(openid, d.record, d.period.key), openid, key: 'voucherExpiring', source: 'benefit',
        variables: { voucherName: d.benefit.title, expiresAt: lastMoment(until) }, availableAt: remindAt, expiresAt: until,
      }, now));
    }
  }
  return out;
}
