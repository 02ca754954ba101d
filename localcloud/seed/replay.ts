// Builds a member's documents by running the real flows in memory, so demo data obeys every rule the functions do:
// balances equal their ledgers, lots hold the unspent points, tiers and growth follow from the events. Events are
// queued and run in time order (with the daily review whenever it was due, as the timer job runs it), whatever order
// the demo script names them in.
import { checkinStateOf, planCheckin } from '../../cloudfunctions/core/checkin';
import { giftCardNoFor, redemptionIdFor, voucherCodeFor } from '../../cloudfunctions/core/codes';
import type { ActivityEvent, LoyaltyConfig } from '../../cloudfunctions/core/config';
import type { GrowthEntryDoc, LedgerEntryDoc, MallItemDoc, OrderDoc, RedemptionDoc } from '../../cloudfunctions/core/documents';
import { checkinFlow } from '../../cloudfunctions/core/engagementFlow';
import { creditGrowth, dailyReviewFlow, paidOrderFlow, refundAnswer, refundFlow, registrationFlow } from '../../cloudfunctions/core/flows';
import { planActivityGrowth, type GrowthEntry, type PriorOrder } from '../../cloudfunctions/core/growth';
import { planEarn, type Lot } from '../../cloudfunctions/core/ledger';
import { planRedemption } from '../../cloudfunctions/core/mall';
import { applyMemberSet, memberDocuments, type MemberChange } from '../../cloudfunctions/core/memberDocuments';
import { newMember, pointsStateOf, type MemberDoc } from '../../cloudfunctions/core/member';

export interface ReplayOrder { orderId: string; paidFen: number; at: Date; categories: string[]; format: string; storeId: string }

/** The demo's mall items, shared by every member's redemptions (stock and sold move with them). */
export class DemoMall {
  readonly items: Map<string, MallItemDoc>;
  readonly redemptions: RedemptionDoc[] = [];

  constructor(items: MallItemDoc[], readonly codeSecret: string) {
    this.items = new Map(items.map((i) => [i._id, { ...i }]));
  }
}

interface Step { at: Date; seq: number; run: () => void }

export class MemberReplay {
  member: MemberDoc;
  readonly ledger: LedgerEntryDoc[] = [];
  readonly growthEntries: GrowthEntry[] = [];
  readonly growthDocs: GrowthEntryDoc[] = [];
  readonly orders = new Map<string, OrderDoc>();
  private readonly steps: Step[] = [];

  constructor(openid: string, nickname: string, joinedAt: Date, private readonly config: LoyaltyConfig) {
    this.member = { ...newMember(openid, joinedAt), nickname };
    this.apply({ ledger: registrationFlow(joinedAt, config) }, joinedAt);
  }

  private get liveLots(): Lot[] {
    return this.member.points.lots;
  }

  /** Applies a write to the in-memory member and collects its entry documents, stored as the functions store them. */
  private apply(w: MemberChange, at: Date): void {
    const { set, inserts } = memberDocuments(this.member, w, at);
    for (const i of inserts) (i.collection === 'point_ledger' ? this.ledger.push(i.doc) : this.growthDocs.push(i.doc));
    this.growthEntries.push(...(w.growth ?? []));
    this.member = applyMemberSet(this.member, set);
  }

  private queue(at: Date, run: () => void): this {
    this.steps.push({ at, seq: this.steps.length, run });
    return this;
  }

  /** Runs the queued events in time order, each after the daily reviews that were due before it. */
  private flush(): void {
    const steps = this.steps.splice(0).sort((a, b) => a.at.getTime() - b.at.getTime() || a.seq - b.seq);
    for (const s of steps) {
      this.catchUp(s.at);
      s.run();
    }
  }

  private catchUp(at: Date): void {
    while (this.member.reviewAt.getTime() <= at.getTime()) this.apply(dailyReviewFlow(this.member, this.liveLots, this.growthEntries, this.member.reviewAt, this.config).write, this.member.reviewAt);
  }

  /** Member fields that are not loyalty state (an invite code, who invited them), set at once. */
  set(fields: Partial<MemberDoc>): this {
    this.member = { ...this.member, ...fields };
    return this;
  }

  /** Points credited outside the member's own events (a referral reward), as the referral worker credits them. */
  earn(amount: number, at: Date, key: string, reason: string): this {
    return this.queue(at, () => this.apply({ ledger: planEarn(pointsStateOf(this.member, this.liveLots), { amount, key, reason, ref: key, issuer: 'seed', at }, this.config) }, at));
  }

  order(o: ReplayOrder): this {
    return this.queue(o.at, () => {
      const prior: PriorOrder[] = [...this.orders.values()].map((x) => ({ paidAt: x.paidAt, categories: x.categories }));
      const flow = paidOrderFlow(this.member, this.liveLots, { orderId: o.orderId, paidFen: o.paidFen, paidAt: o.at, categories: o.categories, storeFormat: o.format, storeId: o.storeId, issuer: 'seed' }, prior, o.at, this.config);
      this.apply(flow.write, o.at);
      this.orders.set(o.orderId, {
        _id: o.orderId, openid: this.member.openid, memberNo: this.member.memberNo, paidFen: o.paidFen, paidAt: o.at, categories: o.categories,
        items: o.categories.map((c, i) => ({ sku: `${c}-${i + 1}`, name: c, category: c, quantity: 1, amountFen: i === 0 ? o.paidFen : 0 })),
        storeId: o.storeId, format: o.format, channel: 'demo-pos', status: 'paid', rewards: flow.rewards, createdAt: o.at,
      });
    });
  }

  /** 签到 as checkin.checkin does it: points and growth under `checkin:<day>`, the streak and milestones; a day once. */
  checkin(at: Date): this {
    return this.queue(at, () => {
      const plan = planCheckin(checkinStateOf(this.member.checkin), at, this.config);
      if (!plan) return;
      const flow = checkinFlow(this.member, plan, at, this.config);
      this.apply({ ...flow.write, fields: { ...flow.write.fields, checkin: plan.state } }, at);
    });
  }

  /** A growth activity (sharing, commenting) under the daily caps, as the activity rules count it. */
  activity(type: ActivityEvent, at: Date, key: string): this {
    return this.queue(at, () => {
      const outcome = planActivityGrowth({ type, at, key }, this.growthEntries, this.config);
      if (!outcome.entry) return;
      const ledger = pointsStateOf(this.member, this.liveLots);
      const { write } = creditGrowth(this.member, this.liveLots, { entries: [], newLots: [], points: { balance: ledger.balance, debt: ledger.debt, pending: ledger.pending }, state: ledger }, [outcome.entry], at, this.config);
      this.apply(write, at);
    });
  }

  /** A points-mall redemption as mall.redeem plans it: the spend (with where it is settled), the stock, the record. */
  redeem(mall: DemoMall, itemId: string, at: Date, requestId: string): this {
    return this.queue(at, () => {
      const item = mall.items.get(itemId)!;
      const redemptionId = redemptionIdFor(this.member.openid, requestId);
      const plan = planRedemption(this.member, pointsStateOf(this.member, this.liveLots), item, {
        redemptionId, requestId, quantity: 1, voucherCode: voucherCodeFor(mall.codeSecret, redemptionId), giftCardNo: giftCardNoFor(mall.codeSecret, redemptionId),
      }, at);
      this.apply({ ledger: plan.ledger, fields: plan.fields }, at);
      mall.items.set(itemId, { ...item, ...plan.itemUpdate });
      mall.redemptions.push(plan.redemption);
    });
  }

  refund(orderId: string, refundFen: number, at: Date, refundId: string): this {
    return this.queue(at, () => {
      const order = this.orders.get(orderId)!;
      const flow = refundFlow(this.member, this.liveLots, order.rewards, { refundId, refundFen, at, issuer: 'seed' }, at, this.config);
      this.apply(flow.write, at);
      order.rewards = { ...order.rewards, ...flow.share.order };
      order.status = flow.share.full ? 'refunded' : 'partiallyRefunded';
      // Kept on the order as order.refunded keeps it.
      const result = refundAnswer({ refundId, orderId }, flow, false);
      order.refunds = [...(order.refunds ?? []), { refundId, refundFen, reason: null, refundedAt: at, channel: order.channel, issuer: 'seed', result, createdAt: at }];
    });
  }

  /** Everything queued, then the reviews due up to `now` and the one at `now`: the member as the job leaves them. */
  review(now: Date): this {
    this.flush();
    this.catchUp(new Date(now.getTime() - 1));
    this.apply(dailyReviewFlow(this.member, this.liveLots, this.growthEntries, now, this.config).write, now);
    return this;
  }

  documents() {
    this.flush();
    return { member: this.member, ledger: this.ledger, growth: this.growthDocs, orders: [...this.orders.values()] };
  }
}
