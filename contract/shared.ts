// Answer shapes several functions share.
import * as z from 'zod/mini';
import { day, integer, iso, nullable, object, oneOf, text } from './fields';

export const benefit = object({ key: text(), title: text(), description: text() });

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

