import type { Output, ParsedInput } from '../../contract';
import type { MemberContext } from '../runtime/handler';
import { EXPIRY_REMINDER_DAYS } from '../core/benefits';
import { cancelRefusal, type Redemption } from '../core/mall';
import type { LoyaltyConfig } from '../core/config';
import { loadConfig } from '../runtime/configStore';
import type { Database } from '../runtime/dbTypes';
import { redemptionView, reviveRedemption } from '../services/redemptions';

/**
 * 我的券包: vouchers the caller holds unused (issued and unexpired), the mall's and the tier benefits', counted with
 * those expiring within 3 days (four counts in parallel).
 */
export async function wallet({ db, openid, now }: MemberContext<ParsedInput<'mall', 'wallet'>>): Promise<Output<'mall', 'wallet'>> {
  const _ = db.command;
  const soon = new Date(now.getTime() + EXPIRY_REMINDER_DAYS * 86_400_000);
  const count = (collection: 'redemptions' | 'benefit_vouchers', until: Date | null) => db.collection(collection)
    .where({ openid, status: 'issued', 'voucher.expiresAt': until ? _.and([_.gt(now), _.lte(until)]) : _.gt(now) }).count().then((r) => r.total);
  const [mall, benefits, mallSoon, benefitsSoon] = await Promise.all([
    count('redemptions', null), count('benefit_vouchers', null), count('redemptions', soon), count('benefit_vouchers', soon),
  ]);
  return { vouchers: mall + benefits, expiringSoon: mallSoon + benefitsSoon };
}

/** Until when the member may cancel `r` themselves (mall.cancel's own rule), or null when they cannot now. */
function cancellableUntil(r: Redemption, openid: string, now: Date, config: LoyaltyConfig): string | null {
  if (cancelRefusal(r, { by: 'member', openid }, now, config) !== null) return null;
  return new Date(r.createdAt.getTime() + config.mall.memberCancelMinutes * 60_000).toISOString();
}

type Tab = NonNullable<ParsedInput<'mall', 'myRedemptions'>['status']>;

/**
 * The condition of a tab (the same rules as redemptionView's status and shipmentStatus): 待使用 is issued, its voucher
 * (if any) unexpired and a mailed item not yet signed for; 已使用 is written off or signed for; 已取消 is cancelled or
 * a voucher that expired unused.
 */
function tabWhere(_: Database['command'], tab: Tab, now: Date): object {
  if (tab === 'toUse') return _.and([{ status: 'issued' }, _.or([{ voucher: null }, { 'voucher.expiresAt': _.gt(now) }]), { 'shipment.deliveredAt': null }]);
  if (tab === 'used') return _.or([{ status: 'used' }, { status: 'issued', 'shipment.deliveredAt': _.neq(null) }]);
  return _.or([{ status: 'cancelled' }, { status: 'issued', 'voucher.expiresAt': _.lte(now) }]);
}

/** The caller's redemptions, newest first, with vouchers (code and expiry), gift cards, their status and until when they can be cancelled. */
export async function myRedemptions({ db, openid, input, now }: MemberContext<ParsedInput<'mall', 'myRedemptions'>>): Promise<Output<'mall', 'myRedemptions'>> {
  const _ = db.command;
  const size = input.pageSize ?? 20;
  const where: Record<string, unknown> = { openid };
  if (input.cursor) where.createdAt = _.lt(new Date(Number(input.cursor)));
  const query = input.status ? _.and([where, tabWhere(_, input.status, now)]) : where;
  const [{ data }, config] = await Promise.all([
    db.collection('redemptions').where(query).orderBy('createdAt', 'desc').limit(size + 1).get(),
    loadConfig(db),
  ]);
  const page = data.slice(0, size).map(reviveRedemption);
  return {
    items: page.map((r) => ({ ...redemptionView(r, now), cancellableUntil: cancellableUntil(r, openid, now, config) })),
    nextCursor: data.length > size ? String(page[page.length - 1].createdAt.getTime()) : null,
  };
}
