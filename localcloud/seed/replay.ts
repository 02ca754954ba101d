// Builds a member's documents by running the real flows in memory, so demo data obeys every rule the functions do:
// balances equal their ledgers, lots hold the unspent points, tiers and growth follow from the events.
import type { LoyaltyConfig } from '../../cloudfunctions/core/config';
import { creditGrowth, dailyReviewFlow, paidOrderFlow, refundFlow, registrationFlow } from '../../cloudfunctions/core/flows';
import { planActivityGrowth, type GrowthEntry, type PriorOrder } from '../../cloudfunctions/core/growth';
import { planSpend, type Lot } from '../../cloudfunctions/core/ledger';
import type { GrowthEntryDoc, LedgerEntryDoc, OrderDoc } from '../../cloudfunctions/core/documents';
import { applyMemberSet, memberDocuments, type MemberChange } from '../../cloudfunctions/core/memberDocuments';
import { newMember, pointsStateOf, type MemberDoc } from '../../cloudfunctions/core/member';
import type { ActivityEvent } from '../../cloudfunctions/core/config';

export interface ReplayOrder { orderId: string; paidFen: number; at: Date; categories: string[]; format: string; storeId: string }

export class MemberReplay {
  member: MemberDoc;
  readonly ledger: LedgerEntryDoc[] = [];
  readonly growthEntries: GrowthEntry[] = [];
  readonly growthDocs: GrowthEntryDoc[] = [];
  readonly orders = new Map<string, OrderDoc>();

  constructor(openid: string, nickname: string, joinedAt: Date, private readonly config: LoyaltyConfig) {
    this.member = { ...newMember(openid, joinedAt), nickname };
    this.apply({ ledger: registrationFlow(joinedAt, config) }, joinedAt);
  }

  private get liveLots(): Lot[] {
    return this.member.points.lots;
  }

  /** Applies a write to the in-memory member and collects its entry documents, stored as the functions store them. */
  apply(w: MemberChange, at: Date): void {
    const { set, inserts } = memberDocuments(this.member, w, at);
    for (const i of inserts) (i.collection === 'point_ledger' ? this.ledger.push(i.doc) : this.growthDocs.push(i.doc));
    this.growthEntries.push(...(w.growth ?? []));
    this.member = applyMemberSet(this.member, set);
  }

  /** Runs the daily review whenever it would have been due before an event, as the timer job does. */
  private catchUp(at: Date): void {
    while (this.member.reviewAt.getTime() <= at.getTime()) this.review(this.member.reviewAt);
  }

  order(o: ReplayOrder): this {
    this.catchUp(o.at);
    const prior: PriorOrder[] = [...this.orders.values()].map((x) => ({ paidAt: x.paidAt, categories: x.categories }));
    const flow = paidOrderFlow(this.member, this.liveLots, { orderId: o.orderId, paidFen: o.paidFen, paidAt: o.at, categories: o.categories, storeFormat: o.format, issuer: 'seed' }, prior, o.at, this.config);
    this.apply(flow.write, o.at);
    this.orders.set(o.orderId, {
      _id: o.orderId, openid: this.member.openid, memberNo: this.member.memberNo, paidFen: o.paidFen, paidAt: o.at, categories: o.categories,
      items: o.categories.map((c, i) => ({ sku: `${c}-${i + 1}`, name: c, category: c, quantity: 1, amountFen: i === 0 ? o.paidFen : 0 })),
      storeId: o.storeId, format: o.format, channel: 'demo-pos', status: 'paid', rewards: flow.rewards, createdAt: o.at,
    });
    return this;
  }

  activity(type: ActivityEvent, at: Date, key: string): this {
    this.catchUp(at);
    const outcome = planActivityGrowth({ type, at, key }, this.growthEntries, this.config);
    if (outcome.entry) {
      const ledger = pointsStateOf(this.member, this.liveLots);
      const { write } = creditGrowth(this.member, this.liveLots, { entries: [], newLots: [], points: { balance: ledger.balance, debt: ledger.debt, pending: ledger.pending }, state: ledger }, [outcome.entry], at, this.config);
      this.apply(write, at);
    }
    return this;
  }

  spend(amount: number, at: Date, key: string, reason: string): this {
    this.catchUp(at);
    this.apply({ ledger: planSpend(pointsStateOf(this.member, this.liveLots), { amount, key, reason, ref: key, issuer: 'seed', at }) }, at);
    return this;
  }

  refund(orderId: string, refundFen: number, at: Date, refundId: string): this {
    this.catchUp(at);
    const order = this.orders.get(orderId)!;
    const flow = refundFlow(this.member, this.liveLots, order.rewards, { refundId, refundFen, at, issuer: 'seed' }, at, this.config);
    this.apply(flow.write, at);
    order.rewards = { ...order.rewards, ...flow.share.order };
    order.status = flow.share.full ? 'refunded' : 'partiallyRefunded';
    return this;
  }

  review(now: Date): this {
    this.catchUp(new Date(now.getTime() - 1));
    this.apply(dailyReviewFlow(this.member, this.liveLots, this.growthEntries, now, this.config).write, now);
    return this;
  }

  documents() {
    const openid = this.member.openid;
    return {
      member: this.member,
      ledger: this.ledger,
      growth: this.growthDocs,
      orders: [...this.orders.values()],
    };
  }
}
