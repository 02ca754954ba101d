import type { Output, ParsedInput } from '../../contract';
import type { MemberContext } from '../runtime/handler';
import { cancelRefusal, type Redemption } from '../core/mall';
import type { LoyaltyConfig } from '../core/config';
import { loadConfig } from '../runtime/configStore';
import { redemptionView, reviveRedemption } from '../services/redemptions';

/** Until when the member may cancel `r` themselves (mall.cancel's own rule), or null when they cannot now. */
function cancellableUntil(r: Redemption, openid: string, now: Date, config: LoyaltyConfig): string | null {
  if (cancelRefusal(r, { by: 'member', openid }, now, config) !== null) return null;
  return new Date(r.createdAt.getTime() + config.mall.memberCancelMinutes * 60_000).toISOString();
}

/** The caller's redemptions, newest first, with vouchers (code and expiry), gift cards, their status and until when they can be cancelled. */
export async function myRedemptions({ db, openid, input, now }: MemberContext<ParsedInput<'mall', 'myRedemptions'>>): Promise<Output<'mall', 'myRedemptions'>> {
  const _ = db.command;
  const size = input.pageSize ?? 20;
  const where: Record<string, unknown> = { openid };
  if (input.cursor) where.createdAt = _.lt(new Date(Number(input.cursor)));
  const [{ data }, config] = await Promise.all([
    db.collection('redemptions').where(where).orderBy('createdAt', 'desc').limit(size + 1).get(),
    loadConfig(db),
  ]);
  const page = data.slice(0, size).map(reviveRedemption);
  return {
    items: page.map((r) => ({ ...redemptionView(r, now), cancellableUntil: cancellableUntil(r, openid, now, config) })),
    nextCursor: data.length > size ? String(page[page.length - 1].createdAt.getTime()) : null,
  };
}
