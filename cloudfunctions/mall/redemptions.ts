import { v } from '../core/validate';
import type { MemberContext } from '../runtime/handler';
import { redemptionView, reviveRedemption } from '../services/redemptions';

export const myRedemptionsInput = v.object({
  /** createdAt (ms) of the last item of the previous page. */
  cursor: v.string({ min: 1, max: 20, pattern: /^\d+$/ }).optional(),
  pageSize: v.int({ min: 1, max: 50 }).optional(),
});

/** The caller's redemptions, newest first, with vouchers (code and expiry), gift cards and their status. */
export async function myRedemptions({ db, openid, input, now }: MemberContext<{ cursor?: string; pageSize?: number }>) {
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
