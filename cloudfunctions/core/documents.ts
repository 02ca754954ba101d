// Every collection's document, one type each, as the functions write it (dates as Date); `Collections` maps the
// collection names (database/indexes.json) to them, and the database wrapper (runtime/dbTypes.ts) is typed by it.
// What a read returns is `Stored<Doc>`: dates come back as Date or as ISO strings depending on the path, so reads
// that use a date revive it (reviveMember, reviveRedemption... or `new Date(x)`).
import type { Output } from '../../contract';
import type { HoldStatus } from './deduction';
import type { GrowthEntry } from './growth';
import type { LedgerEntry } from './ledger';
import type { MallItem, RedeemResult, Redemption } from './mall';
import type { MemberDoc } from './member';
import type { ImportRecord } from './migration';
import type { OrderRewards } from './refund';
import type { WebLoginRequestDoc, WebSessionDoc } from './webLogin';

export type { MemberDoc };

/** A document as a read returns it. */
export type Stored<T> = T extends Date
  ? Date | string
  : T extends readonly (infer U)[]
    ? Stored<U>[]
    : T extends object
      ? { [K in keyof T]: Stored<T[K]> }
      : T;

/** A document to insert: `_id` may be left to the database. */
export type NewDoc<T extends { _id: string }> = Omit<T, '_id'> & { _id?: string };

/** Fields an update sets: top-level fields of the document, or dotted paths into nested ones (`mall.recent`). */
export type UpdateData<T> = { [K in keyof T]?: T[K] } & { [path: `${string}.${string}`]: unknown };

/** A `point_ledger` document: one entry, `_id` = `openid|key` so a replayed entry hits the primary key. */
export type LedgerEntryDoc = LedgerEntry & {
  _id: string;
  openid: string;
  /** Orders a member's entries for paging (memberDocuments.ts). */
  seq: number;
};

/** A `growth_ledger` document, keyed like a ledger entry. */
export type GrowthEntryDoc = GrowthEntry & { _id: string; openid: string; seq: number };

export interface OrderItem { sku: string; name: string; category: string; quantity: number; amountFen: number }

export type OrderStatus = 'paid' | 'partiallyRefunded' | 'refunded';

/** `orders`: _id = the order id (the idempotency key of order.paid). */
export interface OrderDoc {
  _id: string;
  openid: string;
  memberNo: string;
  paidFen: number;
  paidAt: Date;
  items: OrderItem[];
  categories: string[];
  storeId: string | null;
  format: string;
  channel: string;
  status: OrderStatus;
  /** What the order earned, and what its refunds took back so far. */
  rewards: OrderRewards;
  createdAt: Date;
  updatedAt?: Date;
  /** Who recorded it and the first answer, for replays (absent on demo-seeded orders). */
  issuer?: string;
  result?: Output<'order', 'paid'> & { deduction?: Output<'order', 'capture'>['deduction'] };
  /** The inviter paid the referral first-order reward for this order. */
  referralInviter?: string;
  /** The bound phone the channel named the member by (instead of the member number). */
  phone?: string;
  /** The points hold this order captured (积分抵扣): `paidFen` is then the cash part, `rewards.deduction` the points. */
  holdId?: string;
  /** The nonce of the signed request that recorded it: the same request again is refused as a replay. */
  nonce?: string;
  /** Its refunds, oldest first (refund ids are unique per order); refunds recorded before they were kept here are in
   * `refunds` (core/refund.ts `hasOlderRefunds`). */
  refunds?: OrderRefundDoc[];
}

/** A refund as its order keeps it (`orders.refunds`): the request and the first answer, for replays. */
export interface OrderRefundDoc extends Omit<RefundDoc, '_id' | 'openid' | 'orderId'> { refundId: string }

/** `point_holds`: _id = `<channel>:<orderId>`; a points-as-cash reservation and its story (core/deduction.ts). */
export interface PointHoldDoc {
  _id: string;
  openid: string;
  memberNo: string;
  channel: string;
  /** The order it is for (a store's: `<storeId>:<receipt>`). */
  orderId: string;
  orderFen: number;
  points: number;
  fen: number;
  format: string;
  storeId: string | null;
  storeName: string | null;
  /** As stored; read it through holdStatusAt (a live one past `expiresAt` is expired). */
  status: HoldStatus;
  expiresAt: Date;
  /** A clerk's request: who asked (the member decides). */
  requestedBy: string | null;
  decidedAt: Date | null;
  capturedAt: Date | null;
  releasedAt: Date | null;
  issuer: string;
  createdAt: Date;
  updatedAt: Date;
}

/** `refunds`: _id = the refund id. Written until refunds were kept on their order (`OrderDoc.refunds`); read for those. */
export interface RefundDoc {
  _id: string;
  openid: string;
  orderId: string;
  refundFen: number;
  reason: string | null;
  refundedAt: Date;
  channel: string;
  issuer: string;
  result: Output<'order', 'refunded'>;
  createdAt: Date;
  /** The nonce of the signed request that recorded it: the same request again is refused as a replay. */
  nonce?: string;
}

/** Console edits of a catalog document (services/versioned.ts); absent on seeded documents never edited there (version 0). */
export interface ConsoleVersion { version?: number; lastWrite?: { requestId: string; by: string; byName: string; at: Date; fields: string[] }; createdAt?: Date; updatedAt?: Date }

/**
 * `channels`: outside systems that send signed orders. After a rotation (catalog.rotateChannelSecret) the previous
 * secret keeps verifying until `previousSecretUntil`.
 */
export interface ChannelDoc extends ConsoleVersion {
  _id: string; name: string; secret: string; active: boolean; replayWindowSeconds?: number;
  previousSecret?: string | null; previousSecretUntil?: Date | null; rotatedAt?: Date | null;
}

export type ReferralStatus = 'registered' | 'ordered' | 'refunded';

/** `referrals`: one per invitee (_id = the invitee's openid, so an invitee is bound once). */
export interface ReferralDoc {
  _id: string;
  inviteeOpenid: string;
  inviterOpenid: string;
  code: string;
  boundAt: Date;
  /** Shanghai month of the binding ('YYYY-MM'), for the monthly leaderboard. */
  month: string;
  status: ReferralStatus;
  /** null until the inviter's registration reward is settled; false when the monthly cap was reached. */
  rewarded: boolean | null;
  rewards: { welcome: number; inviterRegistered: number; inviterFirstOrder: number; inviterFirstOrderGrowth: number; reversed: number };
  firstOrderId: string | null;
  firstOrderAt: Date | null;
}

/** `task_claims`: _id = `<openid>|task:<id>:<period>`, so a task pays once per period. */
export interface TaskClaimDoc { _id: string; openid: string; taskId: string; key: string; result: Output<'task', 'claim'>; createdAt: Date }

/** What one run of the daily review did (jobs/dailyReview.ts answers it; the run's `jobs` document keeps it). */
export interface ReviewRun {
  day: string;
  reviewed: number;
  expiredPoints: number;
  tierChanges: number;
  remaining: boolean;
  failures: number;
  /** Reviewed members whose state changed (one transaction each). */
  written: number;
  /** Reviewed members that only got their next review time (grouped conditional updates). */
  quiet: number;
  /** Database requests the review made, its time (ms of wall time) and the CPU time of its instance meanwhile. */
  requests: number;
  ms: number;
  cpuMs: number;
}

/** `jobs`: one document per run of the daily review. */
export interface JobRunDoc extends ReviewRun {
  _id: string;
  kind: 'review';
  trigger: string;
  /** The outbox pass of the same run (services/followUps.ts). */
  outbox?: { applied: number; failed: number; remaining: boolean };
  /** The benefits pass of the same run (jobs/benefits.ts). */
  benefits?: { members: number; vouchers: number; points: number; remaining: boolean; failures: number };
  /** Nonces past their replay window removed by the same run. */
  noncesRemoved?: number;
  /** Done outbox entries past their retention removed by the same run. */
  outboxRemoved?: number;
  /** Stock claims the same run resolved (services/stockClaims.ts); null when the pass failed. */
  stockClaims?: { items: number; settled: number; givenBack: number; failed: number; removed: number } | null;
  at: Date;
}

/** `member_phones`: _id = the phone number, so a number belongs to one member. */
export interface MemberPhoneDoc { _id: string; openid: string; boundAt: Date }

/** `config` (_id 'loyalty') and `config_history` (_id 'loyalty:<version>'): the stored rule overrides. */
export interface ConfigDoc {
  _id: string; rules: Record<string, unknown>; version: number; updatedAt: Date; updatedBy: string; note: string | null;
  /** A rollback: the version whose rules it saved again; and the request that saved it (a retry answers it). */
  rollbackOf?: number | null; requestId?: string | null;
  /** The live experiments (core/experiments.ts LiveExperiment), read with the rules by the earning and check-in paths;
   * `experimentsRev` guards their replacement (cloudfunctions/experiments). */
  experiments?: unknown; experimentsRev?: number;
}

/**
 * `stores`. Console edits add the ConsoleVersion fields (version, lastWrite, createdAt, updatedAt); they are left out
 * of this type so a store read stays a StoreDoc (the till's warm cache keeps them as read).
 */
export interface StoreDoc {
  _id: string; name: string; format: string; formatName: string;
  /** What members see in 附近门店; set in the console (catalog.saveStore) or the seed. */
  address?: string;
  /** Shown as is, e.g. 10:00-22:00. */
  hours?: string;
  phone?: string;
  /** GeoJSON Point [longitude, latitude], GCJ-02 (a query answers db.Geo.Point as { longitude, latitude }). */
  location?: { type: 'Point'; coordinates: number[] } | { longitude: number; latitude: number } | null;
}

export type StaffRole = 'clerk' | 'manager' | 'operator' | 'analyst' | 'admin';

/** `staff`: _id = the staff member's openid. */
export interface StaffDoc {
  _id: string; openid: string; name: string; role: StaffRole; storeId: string | null; active: boolean; createdAt?: Date;
  /** Console edits (services/versioned.ts); absent on documents never edited there. */
  version?: number; lastWrite?: { requestId: string; by: string; byName: string; at: Date; fields: string[] }; updatedAt?: Date;
}

/**
 * `staff_invitations`: _id = the one-time code (10 characters of A-Z and 2-9, derived from the admin's request id
 * with the server's secret, so a retried request makes the same one and nobody can guess another).
 */
export interface StaffInvitationDoc {
  _id: string; name: string; role: StaffRole; storeId: string | null; status: 'open' | 'used' | 'revoked';
  requestId: string; createdBy: string; createdByName: string; createdAt: Date; expiresAt: Date;
  usedBy: string | null; usedAt: Date | null; revokedAt: Date | null;
}

/**
 * `mall_items`: maintained by operations. Redemptions and cancellations move units between stock, reserved and sold
 * by stock claims (core/stockClaims.ts): atomic conditional updates outside the member's transaction, so stock + sold
 * + reserved changes only by the console's adjustments.
 */
export type MallItemDoc = MallItem & ConsoleVersion & {
  /** The latest stock adjustments of the console (catalog.adjustStock), oldest first; each is also in staff_audit. */
  stockLog?: StockAdjustment[];
  /** Units held by claims in flight (taken, their member's side not yet settled or given back); absent = 0. */
  reserved?: number;
  /** The tokens of those claims (only claims in flight, so it stays small). */
  pendingClaims?: string[];
};

/**
 * `stock_claims`: _id = a claim's token (core/stockClaims.ts). Whether the member's side of a claim happened: inserted
 * `done` by the member's transaction, or `void` by whoever gives the units back first (the function after its
 * transaction failed, or the jobs timer for a claim older than CLAIM_SETTLE_AFTER_MS); the unique _id lets only one
 * of them exist. The timer removes them once their claim is resolved and old.
 */
export interface StockClaimDoc {
  _id: string; outcome: 'done' | 'void'; kind: 'take' | 'return'; itemId: string; quantity: number; redemptionId: string;
  /** When the units were taken. */
  at: Date;
  /** When this document was written. */
  decidedAt: Date;
}

/** One stock adjustment: its request id (a retry adjusts once), the change, why, who, when, the stock after it. */
export interface StockAdjustment { requestId: string; delta: number; reason: string; by: string; byName: string; at: Date; stockAfter: number }

/** `redemptions`: the redemption and the first answer, for replays of its request id. */
/** A write-off a manager reversed (staff.reverseWriteOff): the `used` it undid, when, by whom, why. */
export interface WriteOffReversal { used: NonNullable<Redemption['used']>; reversedAt: Date; by: string; reason: string }

/** A voucher code replaced in the console (admin.reissueVoucher): the code it replaced, when, by whom, why. */
export interface VoucherReissue { oldCode: string; at: Date; by: string; byName: string; reason: string; requestId: string }

export type RedemptionDoc = Redemption & { result: RedeemResult; writeOffReversals?: WriteOffReversal[]; voucherReissues?: VoucherReissue[] };

/**
 * `activities`: an in-store activity staff record attendance for (`staff.activityCheckin`), maintained by operations.
 * _id = the activity code staff type or scan (e.g. `YOGA0612`).
 */
export interface ActivityDoc extends ConsoleVersion {
  _id: string;
  name: string;
  /** Stores it is held in; empty = every store. */
  storeIds: string[];
  /** Attendance is recorded from startAt up to endAt. */
  startAt: Date;
  endAt: Date;
  /** Raw growth per attendance (before the dimension weight); absent = the `growth.events.activity` rule. */
  growth?: number | null;
  /** Activities per member per Shanghai day that earn growth; absent = the `growth.events.activity` rule. */
  dailyCap?: number | null;
  active: boolean;
}

export type StoreActivityType = 'purchase' | 'writeOff' | 'cancel' | 'adjust' | 'undo' | 'reverseWriteOff';

/** `store_activity`: _id = `<type>:<ref>`, so a retried action logs once. */
export interface StoreActivityDoc {
  _id: string;
  storeId: string;
  day: string;
  at: Date;
  staff: string;
  staffName: string;
  type: StoreActivityType;
  ref: string;
  memberNo: string;
  title: string;
  points?: number;
  amountFen?: number;
  /** A purchase dated before the Shanghai day it was recorded on (staff backfill): its payment time. */
  backdated?: boolean;
  paidAt?: Date;
  /** A write-off's voucher code (a manager may reverse it from the day's list). */
  voucherCode?: string;
  /** A purchase recorded on a manager's approval: who approved it. */
  approvedBy?: string;
}

/** Who did a staff write, from which device (the client's device code, when it sent one). */
export interface StaffStamp { openid: string; name: string; role: StaffRole; device: string | null }

export type PurchaseApprovalStatus = 'pending' | 'approving' | 'approved' | 'rejected';

/**
 * `purchase_approvals`: a clerk's purchase above the till limits (_id = the order id it will have), waiting for a
 * manager of its store; nothing is credited before it is approved. `approving` = a manager's approval in progress
 * (the order id keeps it exactly once; a retried approval finishes it).
 */
export interface PurchaseApprovalDoc {
  _id: string;
  storeId: string;
  receipt: string;
  memberNo: string;
  amountFen: number;
  items: OrderItem[];
  paidAt: Date;
  backdated: boolean;
  /** Which limit it is above, and that limit in fen. */
  limit: 'single' | 'daily';
  limitFen: number;
  requestedBy: StaffStamp;
  requestedAt: Date;
  status: PurchaseApprovalStatus;
  decidedBy: StaffStamp | null;
  decidedAt: Date | null;
  rejectReason: string | null;
  updatedAt: Date;
}

/**
 * `adjustment_approvals`: a manual points adjustment above `staff.adjustApprovalPoints` (_id = its request id, the
 * ledger key it will have), waiting for an admin other than the one who asked; nothing is credited or taken before.
 */
export interface AdjustmentApprovalDoc {
  _id: string; memberNo: string; amount: number; reason: string; limitPoints: number;
  requestedBy: StaffStamp; requestedAt: Date; status: PurchaseApprovalStatus;
  decidedBy: StaffStamp | null; decidedAt: Date | null; rejectReason: string | null; updatedAt: Date;
}

/** `member_notes`: a staff note on a member (admin.addMemberNote), _id = `<staff openid>|<request id>`. */
export interface MemberNoteDoc {
  _id: string; openid: string; memberNo: string; text: string; staff: string; staffName: string; role: StaffRole; requestId: string; at: Date;
}

/** `member_imports`: _id = the phone number; one imported member record (core/migration.ts), unclaimed until bound. */
export interface MemberImportDoc extends ImportRecord {
  _id: string;
  jobId: string;
  /** `unclaimed` until the phone is bound; `claiming` while a commit merges it into the member who has the phone. */
  status: 'unclaimed' | 'claiming' | 'claimed';
  /** The member who holds it (claiming, claimed). */
  openid: string | null;
  importedBy: string;
  importedAt: Date;
  claimedAt: Date | null;
}

export interface MigrationCounters { valid: number; invalid: number; toMerge: number; unchanged: number; issues: number }
export interface MigrationCommitCounters {
  created: number; merged: number; unchanged: number; skipped: number;
  skippedReasons: Record<string, number>;
  pointsByMonth: Record<string, number>;
  filePoints: number; importedPoints: number; skippedPoints: number;
}

/** `migration_jobs`: _id = the job id the client chose; one import file, its parts, the dry run and the commit. */
export interface MigrationJobDoc {
  _id: string;
  fileName: string;
  bytes: number;
  sha256: string;
  partCount: number;
  parts: Array<{ index: number; fileId: string; bytes: number; sha256: string }>;
  status: 'uploading' | 'uploaded' | 'checking' | 'checked' | 'committing' | 'done';
  format: 'csv' | 'jsonl' | null;
  encoding: 'utf-8' | 'utf-8-bom' | 'gbk' | null;
  totalRows: number | null;
  dryCursor: number;
  dry: MigrationCounters;
  commitCursor: number;
  commit: MigrationCommitCounters;
  createdBy: string;
  createdByName: string;
  createdAt: Date;
  updatedAt: Date;
}

/** `migration_issues`: _id = `<jobId>:<row, 8 digits>:<n>`, one problem of the dry run's report. */
export interface MigrationIssueDoc { _id: string; jobId: string; row: number; column: string; value: string; reason: string }

/** `till_totals`: _id = `<staff openid>:<Shanghai day>`, what a clerk recorded without approval that day. */
export interface TillTotalDoc { _id: string; staff: string; day: string; totalFen: number; orderIds: string[]; updatedAt: Date }

/**
 * `staff_audit`: one entry per staff write that succeeded (who, role, store, device, when, the action and its input).
 */
export interface StaffAuditDoc {
  _id: string;
  fn: string;
  action: string;
  staff: string;
  staffName: string;
  role: StaffRole;
  storeId: string | null;
  device: string | null;
  input: Record<string, unknown>;
  /** A retry answered with the first result. */
  replayed: boolean;
  /** The answer's `status` when it has one (e.g. `held` for a purchase waiting for approval). */
  outcome: string | null;
  /** The documents the write changed, before and after (console edits record them). */
  changes?: AuditChange[];
  /** Set when the write came from the web console: `web`, and the web session it came from (core/webLogin.ts). */
  via?: 'web';
  session?: string;
  at: Date;
}

/** One document a staff write changed: its collection and id, and its content before (null: created) and after. */
export interface AuditChange { collection: string; id: string; before: unknown; after: unknown }

/** What a follow-up does once the transaction that recorded it has committed (services/followUps.ts). */
export type FollowUp =
  /** The invitee's (possibly first) paid order: the inviter's first-order reward. */
  | { kind: 'referralOrder'; payload: { orderId: string; inviteeOpenid: string; inviterOpenid: string; at: Date } }
  /** A full refund of an order that had a first-order follow-up: the inviter's reward taken back. */
  | { kind: 'referralRefund'; payload: { orderId: string; refundId: string; inviteeOpenid: string; inviterOpenid: string; at: Date } }
  /** The invite code a new member registered with: the binding and the welcome bonus (then an `inviteReward`). */
  | { kind: 'invite'; payload: { inviteeOpenid: string; code: string; at: Date } }
  /** A binding just made: the inviter's registration reward, within the monthly cap. */
  | { kind: 'inviteReward'; payload: { inviteeOpenid: string; inviterOpenid: string; at: Date } };

export type FollowUpKind = FollowUp['kind'];

export type FollowUpStatus = 'pending' | 'done' | 'failed';

/**
 * `outbox`: a write to another member, recorded in the transaction of the change that causes it and applied after it
 * commits, exactly once (_id = its idempotency key, e.g. `referralOrder:<orderId>`). `after` lists follow-ups that
 * must be done first (a refund's reversal waits for its order's reward).
 */
export type OutboxDoc = FollowUp & {
  _id: string;
  status: FollowUpStatus;
  after: string[];
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  /** When the timer may pick it up (a backoff after a failure; a grace period for the invocation that recorded it). */
  availableAt: Date;
  updatedAt: Date;
  doneAt: Date | null;
  /** What applying it answered (the invite binding's outcome, for a retried login), once done. */
  result?: unknown;
};

/** One verified signed request (`_id` = `<channel>:<nonce>`), kept until the end of its replay window. */
export interface ChannelNonceDoc { _id: string; channel: string; nonce: string; expiresAt: Date; createdAt: Date }

/** A behaviour event a channel reported (order.events), `_id` = `<channel>:<eventId>`: a second one is a duplicate. */
export interface ChannelEventDoc {
  _id: string; channel: string; eventId: string; openid: string; type: string; at: Date; ref: string | null;
  status: 'credited' | 'capped' | 'disabled' | 'tooLate'; growthEarned: number; createdAt: Date;
}

/**
 * `unclaimed_orders`: _id = the order id. A paid order naming a phone no member has bound yet, kept until a member
 * binds it (member.bindPhone): then credited as an order of its payment time (status claimed, the order in `orders`),
 * or, past the late-delivery window, kept as tooLate for operators.
 */
export interface UnclaimedOrderDoc {
  _id: string;
  phone: string;
  channel: string;
  issuer: string;
  paidFen: number;
  paidAt: Date;
  /** The order as delivered (contract PaidOrder without memberNo), to record when claimed. */
  order: { orderId: string; phone: string; amountFen: number; paidAt: string; items?: OrderItem[]; storeId?: string; format?: string };
  /** claiming: a member who bound the phone is recording it (openid says who); a retry by them finishes it. */
  status: 'unclaimed' | 'claiming' | 'claimed' | 'tooLate';
  /** Refunds the channel delivered while unclaimed (order.refunded), by refund id: applied right after the claim. */
  refunds?: Record<string, { amountFen: number; refundedAt: string; reason: string | null }>;
  openid: string | null;
  claimedAt: Date | null;
  /** The answer order.paid gave, for replays while unclaimed. */
  result: { orderId: string; unclaimed: true; phone: string; claimableUntil: string; replayed: boolean };
  createdAt: Date;
  updatedAt?: Date;
}

/**
 * A subscription message to send (services/messages.ts): `_id` is its key, so one reason never sends twice (e.g.
 * `tierChanged:<openid>:<rev>`, `checkinReminder:<openid>:<day>`). The notify timer sends it when it is due, with the
 * member's consent, outside the quiet hours; transient errors are retried, refusals are not.
 */
export interface MessageDoc {
  _id: string;
  openid: string;
  key: import('./rules/notify').MessageKey;
  variables: Record<string, string | number>;
  /** Query string appended to the template's page (e.g. id=...), '' for none. */
  query: string;
  status: import('./notify').MessageStatus;
  attempts: number;
  availableAt: Date;
  expiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | null;
  /** The template id it was (or would have been) sent with, and the data sent. */
  templateId: string | null;
  data: Record<string, { value: string }> | null;
  /** Why it was skipped, failed or expired (noConsent, noTemplate, 47003: ..., ...). */
  reason: string | null;
  errcode: number | null;
  source: string;
}

/** A member's remaining one-time consents for one message's template (`_id` = `<openid>:<key>`). */
export interface MessageConsentDoc {
  _id: string; openid: string; key: import('./rules/notify').MessageKey; templateId: string; count: number; updatedAt: Date;
  /** The check-in reminder: the Shanghai day the daily pass last looked at this member. */
  scannedDay?: string;
}

/** One consent dialog's answer as the client reported it (`_id` = `<openid>:<requestId>`): replays count once. */
export interface ConsentGrantDoc { _id: string; openid: string; results: Array<{ templateId: string; key: string | null; result: string }>; at: Date }

/**
 * `benefit_vouchers`: a tier benefit's voucher (权益券, core/benefits.ts) in the member's 卡券包. `_id` is the unit's
 * key (member, record, period, n), so a period issues it once; staff write it off like a mall voucher (staff.verifyVoucher).
 */
export interface BenefitVoucherDoc {
  _id: string;
  openid: string;
  memberNo: string;
  benefitKey: string;
  title: string;
  description: string;
  /** The tier level it was issued under, its record and period key (core/benefits.ts). */
  level: number;
  record: string;
  period: string;
  faceValueFen: number | null;
  /** The format bearing its cost when it is used in another format (settlement). */
  issuerFormat: string;
  status: 'issued' | 'used';
  voucherCode: string;
  voucher: import('./mall').Voucher;
  used: { at: Date; storeId: string; storeName: string; staff: string; format?: string } | null;
  cancelled: null;
  writeOffReversals?: WriteOffReversal[];
  issuedBy: 'job' | 'claim';
  createdAt: Date;
  updatedAt: Date;
}

/** The running totals of a daily snapshot (cloudfunctions/stats/snapshot.ts): every figure adds up chunk by chunk. */
export interface DailyStatsTotals {
  members: number; newMembers: number; byTier: Record<string, number>;
  /** Members per stored lifecycle stage ('none': no stage yet). */
  byStage: Record<string, number>;
  /** Σ member balances and Σ their ledger entries (the reconciliation). */
  balances: number; ledger: number;
  dayOrders: number; dayGmvFen: number;
  /** Members with an order in the activity window, those with 2+ orders there, and the window's paid amount. */
  buyers: number; repeaters: number; windowGmvFen: number;
  /** The day's ledger: signed points and entries per entry type. */
  pointsByType: Record<string, number>; entriesByType: Record<string, number>;
  /** Points expired and spent in the breakage history window (positive). */
  breakageExpired: number; breakageSpent: number;
  schedule: import('./stats').ExpirySchedule;
  mismatchCount: number; mismatches: Array<{ openid: string; balance: number; ledger: number }>;
  /** The figures added later (core/stats.ts MoreTotals); absent in the totals of a day started before them. */
  more?: import('./stats').MoreTotals;
}

/** One day's figures, as stats.snapshots answers them (the contract's snapshot view without its day and asOf). */
export type DailySnapshot = Omit<Output<'stats', 'snapshots'>['snapshots'][number], 'day' | 'asOf'>;

/** `daily_stats`: _id = the Shanghai day; running while the job's chunks add up, then done with the snapshot. */
export interface DailyStatsDoc {
  _id: string;
  day: string;
  status: 'running' | 'done';
  /** The last member id (openid) whose chunk is in `totals`; '' before the first. */
  cursor: string;
  chunks: number;
  /** When the first chunk ran: balances, lots and the expiry schedule are as of then. */
  asOf: Date;
  startedAt: Date;
  updatedAt: Date;
  finishedAt?: Date;
  totals: DailyStatsTotals;
  snapshot: DailySnapshot | null;
  /** The cohort tables as of the day (stats.cohorts), written with the snapshot. */
  cohorts?: import('./stats').CohortTable | null;
}

/** `lifecycle_transitions`: one member's change of lifecycle stage; _id = core/lifecycleStage.ts transitionId. */
export interface LifecycleTransitionDoc {
  _id: string;
  openid: string;
  memberNo: string;
  from: import('./lifecycleStage').Stage;
  to: import('./lifecycleStage').Stage;
  /** When the new stage began (a time-driven change: the Shanghai day it was due, not when the job ran). */
  at: Date;
  /** The Shanghai month of `at`, 'YYYY-MM' (the report's matrix). */
  month: string;
  cause: 'order' | 'refund' | 'review';
  /** The order or refund id, or the job's Shanghai day. */
  ref: string | null;
  riskScore: number;
  createdAt: Date;
}

/**
 * `nps_responses`: one NPS survey (推荐意愿) of a member and quarter (services/nps.ts); _id = `<openid>:<quarter>`
 * (the Shanghai quarter it was sent in, e.g. 2026-Q2), so a member is asked, and answers, at most once a quarter.
 * Created `asked` with its message; `answered` once the member answers (score and comment then never change).
 */
export interface NpsResponseDoc {
  _id: string; openid: string; quarter: string;
  status: 'asked' | 'answered';
  /** The order whose purchase the survey followed (null when sent for another reason). */
  orderId: string | null;
  /** Who sent it (e.g. automation:<rule>), and its subscription message. */
  source: string; messageId: string;
  askedAt: Date;
  /** No answer is taken after this. */
  expiresAt: Date;
  /** 0-10: promoters 9-10, passives 7-8, detractors 0-6 (core/stats.ts npsOf); null until answered. */
  score: number | null; comment: string | null;
  answeredAt: Date | null;
}

export interface Collections {
  members: MemberDoc;
  point_ledger: LedgerEntryDoc;
  growth_ledger: GrowthEntryDoc;
  orders: OrderDoc;
  refunds: RefundDoc;
  channels: ChannelDoc;
  referrals: ReferralDoc;
  task_claims: TaskClaimDoc;
  jobs: JobRunDoc;
  member_phones: MemberPhoneDoc;
  config: ConfigDoc;
  config_history: ConfigDoc;
  stores: StoreDoc;
  staff: StaffDoc;
  mall_items: MallItemDoc;
  redemptions: RedemptionDoc;
  stock_claims: StockClaimDoc;
  benefit_vouchers: BenefitVoucherDoc;
  store_activity: StoreActivityDoc;
  activities: ActivityDoc;
  outbox: OutboxDoc;
  messages: MessageDoc;
  message_consents: MessageConsentDoc;
  consent_grants: ConsentGrantDoc;
  channel_nonces: ChannelNonceDoc;
  channel_events: ChannelEventDoc;
  unclaimed_orders: UnclaimedOrderDoc;
  point_holds: PointHoldDoc;
  purchase_approvals: PurchaseApprovalDoc;
  till_totals: TillTotalDoc;
  staff_audit: StaffAuditDoc;
  staff_invitations: StaffInvitationDoc;
  adjustment_approvals: AdjustmentApprovalDoc;
  member_notes: MemberNoteDoc;
  web_login_requests: WebLoginRequestDoc;
  web_sessions: WebSessionDoc;
  member_imports: MemberImportDoc;
  migration_jobs: MigrationJobDoc;
  migration_issues: MigrationIssueDoc;
  lifecycle_transitions: LifecycleTransitionDoc;
  daily_stats: DailyStatsDoc;
  nps_responses: NpsResponseDoc;
  segments: import('./segmentMembership').SegmentDoc;
  segment_versions: import('./segmentMembership').SegmentVersionDoc;
  segment_members: import('./segmentMembership').MembershipDoc;
  segment_events: import('./segmentMembership').SegmentEventDoc;
  segment_runs: import('./segmentMembership').SegmentRunDoc;
  tags: import('./segmentMembership').TagDoc;
  automation_rules: import('./automation').AutomationRuleDoc;
  automation_runs: import('./automation').AutomationRunDoc;
  automation_budgets: import('./automation').AutomationBudgetDoc;
  automation_limits: import('./automation').AutomationLimitDoc;
  automation_cursors: import('./automation').AutomationCursorDoc;
  automation_daily: import('./automation').AutomationDailyDoc;
  followup_tasks: import('./automation').FollowupTaskDoc;
  experiments: import('./experiments').ExperimentDoc;
}

export type CollectionName = keyof Collections;

/** A document to insert, with its collection. */
export type Insert = { [N in CollectionName]: { collection: N; doc: NewDoc<Collections[N]> } }[CollectionName];

/** An update of one document by id, with its collection. */
export type Update = { [N in CollectionName]: { collection: N; id: string; data: UpdateData<Collections[N]> } }[CollectionName];
