// The operator console's members actions (function `admin`); composed into contract/admin.ts. Search by member
// number, bound phone or nickname prefix; the member page (profile, tier, growth, points with lots, redemptions,
// referral links, staff notes); the points and growth history; freezing a member (a frozen member earns but cannot
// redeem) and staff notes. The analyst role sees phone numbers masked everywhere; search results mask them for all.
import * as z from 'zod/mini';
import { action } from './action';
import { array, bool, cursor, integer, iso, memberNo, nullable, number, object, oneOf, opt, pageSize, requestId, str, text } from './fields';
import { expiring, itemKind } from './shared';
import { historyEntry } from './member';

/** Where a nickname search stopped: the last row's member number and its nickname (base64url). */
const searchCursor = () => str(3, 140, /^\d{6,20}\.[A-Za-z0-9_-]*$/);

/** What a search looks at; `auto` reads the keyword: 1 + 10 digits a phone, other digits a member number, else a nickname. */
export const memberSearchKeys = ['auto', 'memberNo', 'phone', 'nickname'] as const;

const memberRow = object({
  memberNo: text(),
  nickname: text(),
  /** Always masked in search results (138****8000); null when none is bound. */
  phone: nullable(text()),
  tierLevel: integer(),
  tierName: text(),
  /** The points balance (pending included, negative while a refund debt is outstanding). */
  points: integer(),
  growth: integer(),
  joinedAt: iso(),
  frozen: bool(),
});

const freezeState = object({ reason: text(), at: iso(), byName: text() });

const lotView = object({
  lotId: text(), amount: integer(), remaining: integer(), format: text(),
  earnedAt: iso(), availableAt: iso(), expiresAt: iso(),
  /** Not yet spendable (the pending period of its order). */
  pending: bool(),
});

const redemptionRow = object({
  redemptionId: text(), itemName: text(), kind: itemKind, quantity: integer(), points: integer(),
  status: oneOf(['issued', 'used', 'cancelled']),
  /** The voucher's code (the analyst sees its last 4 digits only) and its validity; null for kinds without one. */
  voucher: nullable(object({ code: text(), expiresAt: iso(), expired: bool() })),
  createdAt: iso(),
  usedAt: nullable(iso()),
  usedStoreName: nullable(text()),
});

export const memberNoteView = object({ id: text(), text: text(), byName: text(), roleName: text(), at: iso() });

const memberDetail = object({
  profile: object({
    memberNo: text(), nickname: text(), avatarUrl: nullable(text()),
    /** Full for managers, operators and admins; masked (138****8000) for the analyst; null when none is bound. */
    phone: nullable(text()),
    phoneMasked: bool(),
    phoneBoundAt: nullable(iso()),
    joinedAt: iso(), lastActiveAt: iso(),
  }),
  tier: object({
    level: integer(), name: text(), since: iso(),
    /** End of the tier's period (保级 by then); null at the entry tier. */
    validUntil: nullable(iso()),
    /** Growth still needed in the period to keep the tier; null at the entry tier. */
    retainGrowthNeeded: nullable(integer()),
    next: nullable(object({ level: integer(), name: text(), threshold: integer(), growthNeeded: integer() })),
  }),
  growth: object({
    total: integer(),
    progress: number(),
    breakdown: object({ consumption: integer(), interaction: integer(), social: integer(), lifecycle: integer() }),
  }),
  /** The lifecycle stage (docs/loyalty-rules.md 7.7) and churn risk 0-100; null until the member's first order or review. */
  lifecycle: nullable(object({ stage: text(), name: text(), since: iso(), previousName: nullable(text()), riskScore: integer() })),
  points: object({
    balance: integer(), spendable: integer(), pending: integer(), debt: integer(),
    expiring,
    /** The lots the balance consists of, soonest expiry first. */
    lots: array(lotView),
  }),
  /** The latest redemptions, newest first. */
  redemptions: array(redemptionRow),
  referral: object({
    inviteCode: nullable(text()),
    inviter: nullable(object({ memberNo: text(), nickname: text() })),
    invitees: integer(),
  }),
  /** The latest staff notes, newest first. */
  notes: array(memberNoteView),
  /** Set while the member is frozen. */
  frozen: nullable(freezeState),
  /** What the caller's role may do on this page (the role matrix). */
  can: object({ freeze: bool(), note: bool(), adjustPoints: bool() }),
});

/** A history entry as the member sees it, and who wrote it (member:…, staff:…, channel:…, job…). */
const ledgerEntry = object({ ...historyEntry.shape, issuer: nullable(text()) });

export const consoleMembers = {
  /**
   * Members by member number (exact), bound phone (exact, the `member_phones` claim) or nickname prefix (paged by
   * nickname, then member number).
   */
  searchMembers: action({
    input: z.strictObject({
      keyword: z.string().check(z.trim(), z.minLength(1), z.maxLength(20)),
      searchBy: opt(oneOf(memberSearchKeys)),
      cursor: opt(searchCursor()),
      pageSize: opt(pageSize()),
    }),
    output: object({ searchedBy: oneOf(['memberNo', 'phone', 'nickname']), items: array(memberRow), nextCursor: nullable(text()) }),
  }),
  memberDetail: action({
    input: z.strictObject({ memberNo: memberNo() }),
    output: memberDetail,
    errors: ['NOT_FOUND'],
  }),
  /** The member's points or growth entries, newest first. */
  memberLedger: action({
    input: z.strictObject({ memberNo: memberNo(), kind: oneOf(['points', 'growth']), cursor: opt(cursor()), pageSize: opt(pageSize()) }),
    output: object({ items: array(ledgerEntry), nextCursor: nullable(text()) }),
    errors: ['NOT_FOUND'],
  }),
  /** Freezes (fraud handling) or unfreezes a member: a frozen member still earns but cannot redeem in the mall. */
  freezeMember: action({
    input: z.strictObject({
      memberNo: memberNo(),
      frozen: bool(),
      reason: z.string().check(z.trim(), z.minLength(2), z.maxLength(100)),
      requestId: requestId(),
    }),
    output: object({ memberNo: text(), frozen: nullable(freezeState), replayed: bool() }),
    errors: ['NOT_FOUND', 'ALREADY_DONE', 'ALREADY_EXISTS', 'CONFLICT'],
  }),
  /** A staff note on the member (who and when kept); once per request id. */
  addMemberNote: action({
    input: z.strictObject({
      memberNo: memberNo(),
      text: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
      requestId: requestId(),
    }),
    output: object({ note: memberNoteView, replayed: bool() }),
    errors: ['NOT_FOUND', 'ALREADY_EXISTS'],
  }),
} satisfies Record<string, ReturnType<typeof action>>;
