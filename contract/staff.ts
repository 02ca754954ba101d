// Store staff: scan member codes, record purchases, write vouchers off, undo their own mistakes of the day; managers
// and admins also approve purchases above the till limits, reverse write-offs, adjust points and read the settlement
// between business formats.
import * as z from 'zod/mini';
import { action } from './action';
import { adjustment, adjustmentResult, itemsMatchAmount, orderItem } from './orderFields';
import { array, bool, day, externalId, fen, integer, iso, memberNo, nullable, number, object, oneOf, opt, isoTime, str, text } from './fields';
import { cancellation, redemptionView } from './mall';
import { birthdayView, staffRole } from './shared';
import { birthdayInput } from './birthday';
import { approvalView, heldVoucher, recordedPurchase, staffMemberView } from './tillFields';
import { deductionAsk, holdAnswer, holdId, holdView } from './deduction';

const activityType = oneOf(['purchase', 'writeOff', 'cancel', 'adjust', 'undo', 'reverseWriteOff']);
const reason = () => str(2, 100);
const receipt = () => str(1, 40, /^[A-Za-z0-9_.-]+$/);
const code = () => str(1, 40);

const DAY_MS = 86_400_000;
const MAX_SETTLEMENT_DAYS = 366;
const span = (p: { from: string; to: string }) => (Date.parse(`${p.to}T00:00:00Z`) - Date.parse(`${p.from}T00:00:00Z`)) / DAY_MS;

const settlementRow = object({
  issuerFormat: text(), issuerName: text(), redeemerFormat: text(), redeemerName: text(), points: integer(), valueFen: integer(), crossFormat: bool(),
});

/** Store '' is points not tied to one store: gifts and adjustments on the issuing side, items a whole format funds on the redeeming side. */
const storeSettlementRow = object({
  issuerStoreId: text(), issuerStoreName: text(), issuerFormat: text(), redeemerStoreId: text(), redeemerStoreName: text(), redeemerFormat: text(),
  points: integer(), valueFen: integer(), crossStore: bool(),
});

export const staff = {
  /**
   * The staff home screen: who I am, my store, and a day's activity there (today unless `day`, at most
   * `HISTORY_DAYS` back; newest first, a page at a time by `cursor`) with the day's totals over all of it.
   */
  today: action({
    input: z.strictObject({ day: opt(day()), cursor: opt(str(3, 80, /^\d+:[A-Za-z0-9_.:-]+$/)) }),
    output: object({
      staff: object({ name: text(), role: staffRole, roleName: text(), canAdjust: bool() }),
      store: nullable(object({ id: text(), name: text(), format: text(), formatName: text() })),
      day: day(),
      since: iso(),
      /** Purchases and write-offs count once undone ones are taken out (they stay in the list, marked `undone`). */
      counts: object({ purchase: integer(), writeOff: integer(), cancel: integer(), adjust: integer(), undo: integer(), reverseWriteOff: integer() }),
      totals: object({ salesFen: integer(), pointsIssued: integer() }),
      /** Purchases held for approval: the store's for managers and admins, the caller's own for a clerk. */
      pendingApprovals: integer(),
      /** Today in the store (Shanghai), and the earliest day that can be shown. */
      currentDay: day(),
      firstDay: day(),
      nextCursor: nullable(text()),
      items: array(object({
        id: text(), type: activityType, at: iso(), memberNo: text(), title: text(), points: nullable(integer()), amountFen: nullable(integer()), staffName: text(),
        /** The caller's own entry. */
        mine: bool(),
        /** A purchase since undone, a write-off since reversed. */
        undone: bool(),
        /** A purchase's receipt number (for staff.undoPurchase), a write-off's voucher code (for staff.reverseWriteOff). */
        receipt: nullable(text()),
        voucherCode: nullable(text()),
      })),
    }),
  }),
  scanMember: action({
    /** The member code's 18 digits (spaces and dashes ignored). */
    input: z.strictObject({ code: code() }),
    /** `vouchers`: the member's unused vouchers, newest first. */
    output: object({ ...staffMemberView.shape, codeExpiresAt: iso(), vouchers: array(heldVoucher) }),
    errors: ['CODE_EXPIRED', 'CODE_INVALID', 'NOT_FOUND'],
  }),
  /** When the code will not scan: the member by the phone they bound (1…, 11 digits) or their member number (8…). */
  findMember: action({
    input: z.strictObject({ keyword: str(11, 11, /^[18]\d{10}$/) }),
    output: object({ ...staffMemberView.shape, foundBy: oneOf(['phone', 'memberNo']), vouchers: array(heldVoucher) }),
    errors: ['NOT_FOUND'],
  }),
  /**
   * A clerk's purchase above the store's till limits (`staff.purchaseLimits`: one purchase, or the clerk's total of
   * the day) is `held` for a manager's approval and credits nothing; a retry of the same receipt answers its state.
   */
  recordPurchase: action({
    input: z.strictObject({
      memberNo: memberNo(),
      /** The store's receipt number; stored as `<storeId>:<orderId>` so stores never collide. */
      orderId: receipt(),
      amountFen: fen(),
      items: opt(array(orderItem).check(z.maxLength(200))),
      paidAt: opt(isoTime()),
      /** A deduction the member approved (requestDeduction): recorded with its points, the cash part earns. */
      holdId: opt(holdId()),
    }).check(itemsMatchAmount),
    output: z.discriminatedUnion('status', [recordedPurchase, object({ status: oneOf(['held']), approval: approvalView, storeName: text() })]),
    errors: ['NOT_FOUND', 'FORBIDDEN', 'ALREADY_EXISTS', 'NOT_ELIGIBLE', 'INSUFFICIENT_POINTS', 'CONFLICT'],
  }),
  /**
   * 积分抵扣 at the till: asks the member to let points pay part of this receipt. Nothing is reserved until the member
   * approves on their own phone (member.decideDeduction); the clerk follows it with `deduction`.
   */
  requestDeduction: action({
    input: deductionAsk,
    output: holdAnswer,
    errors: ['NOT_FOUND', 'FORBIDDEN', 'NOT_ELIGIBLE', 'INSUFFICIENT_POINTS', 'ALREADY_EXISTS', 'CONFLICT'],
  }),
  /** The request's state now: 等待会员确认 → 已预留 (approved) / 会员已拒绝 / 已过期. */
  deduction: action({ input: z.strictObject({ holdId: holdId() }), output: holdView, errors: ['NOT_FOUND'] }),
  /** The clerk cancels the store's request or approved hold before the purchase is recorded: the points are free again. */
  cancelDeduction: action({ input: z.strictObject({ holdId: holdId() }), output: holdAnswer, errors: ['NOT_FOUND', 'NOT_ELIGIBLE', 'CONFLICT'] }),
  /** Purchases held for approval, newest first: the store's for managers and admins, the caller's own for a clerk. */
  approvals: action({
    input: z.strictObject({ status: opt(oneOf(['pending', 'decided'])) }),
    output: object({ items: array(approvalView) }),
  }),
  /** A manager approves (the purchase is recorded as the clerk asked, exactly once) or rejects (with a reason). */
  decidePurchase: action({
    input: z.strictObject({ id: externalId(), approve: bool(), reason: opt(reason()) })
      .check(z.refine((p) => p.approve || p.reason !== undefined, { message: '请填写驳回原因' })),
    output: object({ approval: approvalView, purchase: nullable(recordedPurchase) }),
    errors: ['NOT_FOUND', 'NOT_ELIGIBLE', 'CONFLICT'],
  }),
  /**
   * Undoes a purchase recorded in the caller's store today (a clerk only their own): a full refund through the same
   * ledger path as a channel's, once.
   */
  undoPurchase: action({
    input: z.strictObject({ orderId: receipt(), reason: reason() }),
    output: object({
      orderId: text(), pointsReversed: integer(), growthReversed: integer(), balance: integer(), debt: integer(), replayed: bool(), member: staffMemberView,
    }),
    errors: ['NOT_FOUND', 'NOT_ELIGIBLE', 'CONFLICT'],
  }),
  /** A manager reverses a write-off made in their store today: the voucher can be used again until it expires. */
  reverseWriteOff: action({
    input: z.strictObject({ code: code(), reason: reason() }),
    output: object({ ...redemptionView.shape, memberNo: text() }),
    errors: ['CODE_INVALID', 'NOT_ELIGIBLE', 'CONFLICT'],
  }),
  /** Write-off (核销): once only, only in a store allowed for the item, only before it expires. */
  verifyVoucher: action({
    input: z.strictObject({ code: code() }),
    output: object({ ...redemptionView.shape, memberNo: text() }),
    errors: ['CODE_INVALID', 'ALREADY_USED', 'CODE_EXPIRED', 'NOT_ELIGIBLE', 'FORBIDDEN', 'CONFLICT'],
  }),
  /**
   * Sets or corrects a member's birthday (members set theirs once in 编辑资料; later changes only here, with a
   * reason, in the staff audit trail). This year's birthday gift is never issued twice (core/benefits.ts).
   */
  setBirthday: action({
    input: z.strictObject({ memberNo: memberNo(), birthday: birthdayInput, reason: reason() }),
    output: object({ memberNo: text(), birthday: birthdayView, previous: birthdayView }),
    errors: ['NOT_FOUND'],
  }),
  /** Cancels an unused redemption by its voucher code: points and stock come back. */
  cancelRedemption: action({
    input: z.strictObject({ code: code(), reason: str(2, 100) }),
    output: object(cancellation),
    errors: ['CODE_INVALID', 'NOT_FOUND', 'NOT_ELIGIBLE', 'CONFLICT'],
  }),
  /** Above `staff.adjustApprovalPoints` the adjustment is `held` for an admin (admin.decideAdjustment). */
  adjustPoints: action({ input: adjustment, output: adjustmentResult, errors: ['NOT_FOUND', 'INSUFFICIENT_POINTS', 'ALREADY_EXISTS', 'CONFLICT'] }),
  settlement: action({
    input: z.strictObject({ from: day(), to: day() }).check(
      z.refine((p) => span(p) >= 0, { message: '开始日期不能晚于结束日期' }),
      z.refine((p) => span(p) < MAX_SETTLEMENT_DAYS, { message: `结算周期最长 ${MAX_SETTLEMENT_DAYS} 天` }),
    ),
    output: object({
      from: day(),
      to: day(),
      generatedAt: iso(),
      fenPerPoint: number(),
      rows: array(settlementRow),
      /** Net points per issuing format and per redeeming format. */
      byIssuer: z.record(z.string(), integer()),
      byRedeemer: z.record(z.string(), integer()),
      /** What each format owes (+) or is owed (−) across formats, in fen. */
      balanceFen: z.record(z.string(), integer()),
      formatNames: z.record(z.string(), text()),
      totals: object({ points: integer(), valueFen: integer(), crossFormatPoints: integer(), crossFormatValueFen: integer() }),
      /** The same period straight from the ledger: spent − returned must equal totals.points. */
      ledger: object({ spendEntries: integer(), refundEntries: integer(), spent: integer(), returned: integer(), net: integer() }),
      reconciled: bool(),
      /** The same period per pair of stores; `byStore`: what each store's sales issued, what was redeemed at it, and what it owes (+) or is owed (−) other stores. */
      stores: object({
        rows: array(storeSettlementRow),
        byStore: array(object({ storeId: text(), storeName: text(), format: text(), issued: integer(), redeemed: integer(), balanceFen: integer() })),
        totals: object({ points: integer(), valueFen: integer(), crossStorePoints: integer(), crossStoreValueFen: integer() }),
      }),
      /**
       * Tier benefit vouchers written off in the period (benefit costs, not points), per (issuing format, redeeming
       * format) pair at their face value; `balanceFen`: what each format owes (+) or is owed (−) for benefits used elsewhere.
       */
      benefits: object({
        rows: array(object({ issuerFormat: text(), issuerName: text(), redeemerFormat: text(), redeemerName: text(), vouchers: integer(), valueFen: integer(), crossFormat: bool() })),
        balanceFen: z.record(z.string(), integer()),
        totals: object({ vouchers: integer(), valueFen: integer(), crossFormatVouchers: integer(), crossFormatValueFen: integer() }),
      }),
    }),
  }),
  /**
   * A member who joined an in-store activity (a document of `activities`, by its code), recorded at the door: growth
   * and task progress, once per activity. Only an active activity, in its time window, held in the caller's store.
   */
  activityCheckin: action({
    input: z.strictObject({ memberNo: memberNo(), activityId: externalId() }),
    /** `name`: the activity's name. */
    output: object({ memberNo: text(), activityId: text(), name: text(), growthEarned: integer(), message: text() }),
    errors: ['NOT_FOUND', 'NOT_ELIGIBLE'],
  }),
};
