import type { Output, ParsedInput } from '../../contract';
import type { MemberContext } from '../runtime/handler';
import { redemptionView, reviveRedemption } from '../services/redemptions';

/** The caller's redemptions, newest first, with vouchers (code and expiry), gift cards and their status. */
export async function myRedemptions({ db, openid, input, now }: MemberContext<ParsedInput<'mall', 'myRedemptions'>>): Promise<Output<'mall', 'myRedemptions'>> {
  const _ = db.command;
  const size = input.pageSize ?? 20;
  const where: Record<string, unknown> = { openid };
  if (input.cursor) where.createdAt = _.lt(new Date(Number(input.cursor)));
  const { data } = await db.collection('redemptions').where(where).orderBy('createdAt', 'desc').limit(size + 1).get();
  const page = data.slice(0, size).map(reviveRedemption);
  return {
    items: page.map((r) => redemptionView(r, now)),
    nextCursor: data.length > size ? String(page[page.length - 1].createdAt.getTime()) : null,
  };
}
