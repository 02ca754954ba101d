// Answer shapes several functions share.
import * as z from 'zod/mini';
import { day, integer, iso, nullable, object, oneOf, text } from './fields';

/**
 * A tier benefit as the card lists it: `kind` (rule: a rule described, voucher, points, flag: a standing right) and
 * its `terms` derived from the definition (每月 2 张 · 限购物中心使用 · 当月有效), null for rules and flags.
 */
export const benefit = object({ key: text(), title: text(), description: text(), kind: oneOf(['rule', 'voucher', 'points', 'flag']), terms: nullable(text()) });

/** A member's birthday (year optional) and whether the member may still set it (only once; later through staff). */
export const birthdayView = nullable(object({ month: integer(), day: integer(), year: nullable(integer()) }));

export const growthDimension = oneOf(['consumption', 'interaction', 'social', 'lifecycle']);

export const tierChange = object({
  change: oneOf(['upgrade', 'downgrade', 'retain', 'none']),
  fromLevel: integer(),
  toLevel: integer(),
  /** 恭喜升级为金牌会员…; empty when nothing changed. */
  message: text(),
});

export const expiring = nullable(object({ amount: integer(), date: day() }));

export const publicMember = object({ memberNo: text(), nickname: text(), avatarUrl: nullable(text()), tierLevel: integer(), joinedAt: iso() });

export const growthWindow = z.union([object({ mode: z.literal('rolling'), months: integer() }), object({ mode: z.literal('naturalYear') })]);

export const itemKind = oneOf(['pickup', 'shipping', 'coupon', 'giftCard', 'membership', 'event']);

export const voucher = nullable(object({ code: text(), expiresAt: iso() }));

export const staffRole = oneOf(['clerk', 'manager', 'operator', 'analyst', 'admin']);

