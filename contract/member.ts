import * as z from 'zod/mini';
import { action } from './action';
import { cursor, integer, iso, noInput, nullable, number, object, oneOf, opt, pageSize, str, text, bool, array, literal } from './fields';
import { benefit, birthdayView, expiring, growthDimension, growthWindow, publicMember, staffRole } from './shared';
import { nearbyStores } from './stores';
import { birthdayInput } from './birthday';
import { deductionDecision, holdView, pendingDeduction } from './deduction';

const invite = z.union([
  object({ bound: literal(true), inviterRewarded: bool(), welcomePoints: integer() }),
  object({ bound: literal(false), reason: oneOf(['invalidCode', 'self', 'existing', 'cycle', 'disabled', 'error']), message: text() }),
]);

const memberHome = object({
  member: object({ memberNo: text(), nickname: text(), avatarUrl: nullable(text()), joinedAt: iso() }),
  tier: object({ level: integer(), name: text(), benefits: array(benefit) }),
  tierValidUntil: nullable(iso()),
  /** 保级: growth still needed in the current period to keep the tier; null at the entry tier. */
  retain: nullable(object({ growthNeeded: integer() })),
  /** null at the top tier. */
  nextTier: nullable(object({ level: integer(), name: text(), threshold: integer(), growthNeeded: integer() })),
  growth: object({
    total: integer(),
    /** 0..1 toward the next tier. */
    progress: number(),
    breakdown: object({ consumption: integer(), interaction: integer(), social: integer(), lifecycle: integer() }),
  }),
  points: object({
    /** All points owned (pending included); negative while a refund debt is outstanding. */
    balance: integer(),
    /** Points still owed after a refund took back more than was left. */
    debt: integer(),
    /** What can be spent now: excludes pending points and debt. */
    spendable: integer(),
    pending: integer(),
    /** The soonest expiry: amount and last usable Shanghai day. */
    expiring,
    /** `expiring` falls within `points.expiringSoonDays`. */
    expiringSoon: bool(),
  }),
  /** Set when the caller is active store staff: the card shows the 门店工作台 entry. */
  staff: nullable(object({ role: staffRole, storeId: nullable(text()) })),
  /** The birthday the member set (null: not yet; they may set it once in 编辑资料). */
  birthday: birthdayView,
  /** This year's birthday gift of the tier: issued, due (the birthday month, before the job ran) or upcoming; null without a birthday or a gift. */
  birthdayGift: nullable(object({ title: text(), month: integer(), status: oneOf(['issued', 'due', 'upcoming']) })),
});

const tierInfo = object({
  level: integer(), name: text(), minGrowth: integer(), retainGrowth: integer(), pointsMultiplier: number(),
  upgradeGiftPoints: integer(), benefits: array(benefit), status: oneOf(['current', 'reached', 'locked']), growthNeeded: integer(),
});

export const historyEntry = object({
  id: text(),
  /** Points: earn, spend, expire, refund, adjust, reverse…; growth: the event. */
  type: text(),
  /** Signed: positive adds, negative takes away. */
  amount: integer(),
  /** Points only. */
  balanceAfter: z.optional(integer()),
  /** Growth only. */
  dimension: z.optional(growthDimension),
  reason: text(),
  createdAt: iso(),
});

export const member = {
  login: action({
    /** `inviteCode`: the code a new member arrived with (share path query); bound once, at registration. */
    input: z.strictObject({ inviteCode: opt(str(1, 16)) }),
    output: object({ member: publicMember, created: bool(), invite: z.optional(invite) }),
    errors: ['CONFLICT'],
  }),
  home: action({ input: noInput, output: memberHome, errors: ['NOT_FOUND'] }),
  tiers: action({
    input: noInput,
    output: object({ currentLevel: integer(), growth: integer(), tierValidUntil: nullable(iso()), window: growthWindow, tiers: array(tierInfo) }),
    errors: ['NOT_FOUND'],
  }),
  history: action({
    input: z.strictObject({ kind: oneOf(['points', 'growth']), cursor: opt(cursor()), pageSize: opt(pageSize()) }),
    output: object({ items: array(historyEntry), nextCursor: nullable(text()) }),
  }),
  code: action({
    input: noInput,
    output: object({
      /** 18 digits, also shown as a QR code; changes every slot. */
      code: text(), memberNo: text(), slotSeconds: integer(), refreshAt: iso(), expiresAt: iso(),
      /** The server's clock, so a client with a wrong clock still refreshes on time. */
      serverTime: iso(),
    }),
    errors: ['NOT_FOUND'],
  }),
  /** A clerk's 积分抵扣 request waiting for this member's answer (the member code page shows it), or null. */
  pendingDeduction: action({ input: noInput, output: nullable(pendingDeduction), errors: ['NOT_FOUND'] }),
  /** The member approves (points reserved for the purchase) or declines a clerk's request; once. */
  decideDeduction: action({ input: deductionDecision, output: holdView, errors: ['NOT_FOUND', 'NOT_ELIGIBLE', 'INSUFFICIENT_POINTS', 'CONFLICT'] }),
  updateProfile: action({
    // The avatar is a file the client uploaded to cloud storage (cloud://…) or an https URL from WeChat's picker.
    input: z.strictObject({
      /** Trimmed; blank is refused. */
      nickname: opt(z.string().check(z.trim(), z.minLength(1), z.maxLength(20))),
      avatarUrl: opt(str(8, 512, /^(cloud|https):\/\/\S+$/)),
      /** Set once; a member who has one already is refused (a change goes through staff, staff.setBirthday). */
      birthday: opt(birthdayInput),
    }).check(z.refine((p) => p.nickname !== undefined || p.avatarUrl !== undefined || p.birthday !== undefined, { message: '请填写昵称、头像或生日' })),
    output: object({ member: publicMember, birthday: birthdayView }),
    errors: ['NOT_FOUND', 'NOT_ELIGIBLE'],
  }),
  bindPhone: action({
    /** The one-time code of WeChat's getPhoneNumber button; the number itself never comes from the client. */
    input: z.strictObject({ code: str(1, 128) }),
    /** `phone` masked (138****8000); `changed` false when it was already bound. `orders`: paid orders a channel
     * delivered for this phone before it was bound, credited now (`credited`, with their points and growth) or past
     * the late-delivery window (`tooLate`, kept for operators). */
    output: object({
      phone: text(), changed: bool(),
      orders: object({ credited: integer(), pointsEarned: integer(), growthEarned: integer(), tooLate: integer() }),
    }),
    errors: ['NOT_FOUND', 'ALREADY_EXISTS'],
  }),
  /** Accepts a staff invitation (admin.inviteStaff) with the caller's own WeChat identity: once, before it expires. */
  joinStaff: action({
    input: z.strictObject({ invitation: str(10, 10, /^[A-Z2-9]+$/) }),
    output: object({ name: text(), role: staffRole, roleName: text(), storeName: nullable(text()), replayed: bool() }),
    errors: ['NOT_FOUND', 'CODE_EXPIRED', 'ALREADY_USED', 'ALREADY_EXISTS'],
  }),
  /** 附近门店: stores nearest the member's location, or all stores when the member shares none (contract/stores.ts). */
  nearbyStores,
};

export type MemberHome = z.output<typeof memberHome>;
