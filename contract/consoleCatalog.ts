// The operator console's catalog actions (function `admin`): mall items (create, edit, publish, stock adjustments),
// stores and their business formats, in-store activities, and channels (signed order delivery) with secrets shown
// once and rotated with an overlap window. Composed into contract/admin.ts.
//
// Every save carries a request id (a double click saves once and answers the saved document) and, when it edits an
// existing document, the version the operator edited (`expectedVersion`): a save from a stale version is refused
// with STALE_VERSION naming who changed what, when. Without `expectedVersion` a save creates.
import * as z from 'zod/mini';
import { action } from './action';
import { array, bool, externalId, fen, int, integer, iso, isoTime, month, nullable, number, object, oneOf, opt, pageSize, requestId, slug, str, text } from './fields';
import { itemKind } from './shared';
import { latLng } from './stores';

const itemId = () => slug(40);
/** core/lifecycleStage.ts STAGES. */
const LIFECYCLE_STAGES = ['new', 'active', 'occasional', 'dormant', 'churned'] as const;
const storeId = () => externalId(32);
const formatCode = () => str(1, 20, /^[A-Za-z0-9_-]+$/);
/** Activity codes staff type or scan at the door (e.g. YOGA0612). */
const activityId = () => str(2, 32, /^[A-Za-z0-9_-]+$/);
const channelId = () => str(2, 32, /^[A-Za-z0-9_-]+$/);
const expectedVersion = () => int(0);
/** An image the member mall shows: an https address or a cloud storage file id. */
const imageUrl = () => str(8, 500, /^(https:\/\/|cloud:\/\/)\S+$/);
/** Item images uploaded in the console: at most 2 MB of PNG, JPEG or WebP. */
export const ITEM_IMAGE_MAX_BYTES = 2 * 1024 * 1024;
const ITEM_IMAGE_BASE64_MAX = Math.ceil((ITEM_IMAGE_MAX_BYTES + 64 * 1024) / 3) * 4;
/** `sort:_id` of the last row of the previous page. */
const itemCursor = () => str(3, 60, /^\d+:[A-Za-z0-9_-]+$/);

/** Who saved a console document last (null: never edited in the console). */
const lastWrite = nullable(object({ byName: text(), at: iso(), fields: array(text()) }));

/** Every field of a mall item an operator edits (stock only through adjustStock once created). */
export const itemFields = z.strictObject({
  kind: itemKind,
  name: str(1, 40),
  category: str(1, 20),
  description: str(0, 500),
  /** https:// or cloud:// (null / absent: none). */
  image: opt(imageUrl()),
  pointsPrice: int(0, 10_000_000),
  /** Coupons, gift cards and paid memberships: the face value shown to the member (gift cards need one). */
  faceValueFen: opt(fen(1)),
  /** Paid memberships only: months granted (default 12). */
  membershipMonths: opt(int(1, 120)),
  /** Units per redemption at most; 0 = no limit. */
  perOrderLimit: int(0, 99),
  /** Units per member in total; 0 = no limit. */
  perMemberLimit: int(0, 100_000),
  /** Lowest tier level that may redeem (0 = everyone); must be a tier of the rules. */
  minTierLevel: int(0, 50),
  saleStart: opt(isoTime()),
  saleEnd: opt(isoTime()),
  /** The store or business format that funds the item (settlement); a store must be of that format. */
  fundedBy: z.strictObject({ format: formatCode(), storeId: opt(storeId()) }),
  /** Where vouchers may be written off (default: the funding store, else the funding format). */
  redeemAt: opt(z.strictObject({ storeIds: opt(z.array(storeId()).check(z.maxLength(50))), formats: opt(z.array(formatCode()).check(z.maxLength(20))) })),
  /** Vouchers are valid for this many Shanghai days, the day of redeeming included. */
  voucherValidDays: int(1, 3650),
  /** Ascending in the mall. */
  sort: int(0, 1_000_000),
});

export const consoleItemView = object({
  itemId: text(),
  kind: itemKind,
  kindName: text(),
  name: text(),
  category: text(),
  description: text(),
  image: nullable(text()),
  /** What the member's screen loads for `image` (a temporary URL for a cloud:// file), null when there is none. */
  imageUrl: nullable(text()),
  pointsPrice: integer(),
  faceValueFen: nullable(integer()),
  membershipMonths: nullable(integer()),
  stock: integer(),
  sold: integer(),
  perOrderLimit: integer(),
  perMemberLimit: integer(),
  minTierLevel: integer(),
  minTierName: nullable(text()),
  saleStart: nullable(iso()),
  saleEnd: nullable(iso()),
  fundedBy: object({ format: text(), storeId: nullable(text()) }),
  redeemAt: nullable(object({ storeIds: array(text()), formats: array(text()) })),
  voucherValidDays: integer(),
  sort: integer(),
  /** Published: members see it in the mall. */
  active: bool(),
  /** What a member sees now: 可兑换 / 未开始 / 已结束 / 已兑完 / 已下架. */
  saleState: oneOf(['onSale', 'notStarted', 'ended', 'soldOut', 'unpublished']),
  /** The version to send back with saveItem / setItemPublished. */
  version: integer(),
  lastWrite,
  /** The latest stock adjustments, newest first. */
  stockLog: array(object({ delta: integer(), reason: text(), byName: text(), at: iso(), stockAfter: integer() })),
});

export const storeView = object({
  storeId: text(), name: text(), format: text(), formatName: text(),
  /** What members see in 附近门店 (member.nearbyStores); a store without a location is not listed by distance. */
  address: nullable(text()), hours: nullable(text()), phone: nullable(text()),
  location: nullable(object({ latitude: number(), longitude: number() })),
  version: integer(), lastWrite,
});

export const activityView = object({
  activityId: text(), name: text(), storeIds: array(text()), startAt: iso(), endAt: iso(),
  growth: nullable(integer()), dailyCap: nullable(integer()), active: bool(),
  /** Now: 进行中 / 未开始 / 已结束 / 已停用. */
  state: oneOf(['running', 'notStarted', 'ended', 'inactive']),
  version: integer(), lastWrite,
});

export const channelView = object({
  channelId: text(), name: text(), active: bool(),
  /** The first 8 hex digits of the secret's SHA-256: which secret is in use, never the secret. */
  fingerprint: text(),
  replayWindowSeconds: integer(),
  /** After a rotation: the previous secret still verifies until then. */
  previousFingerprint: nullable(text()),
  previousSecretUntil: nullable(iso()),
  createdAt: nullable(iso()),
  rotatedAt: nullable(iso()),
  version: integer(),
  lastWrite,
});

/** A channel's secret, shown in this answer only (a replay of the same request shows it again). */
const withSecret = object({ channel: channelView, secret: text(), replayed: bool() });

export const unclaimedOrderView = object({
  orderId: text(), channel: text(), phone: text(), phoneMasked: bool(), amountFen: integer(), paidAt: iso(),
  status: oneOf(['unclaimed', 'claiming', 'tooLate', 'claimed']),
  /** Until then a member who binds the phone is credited (paidAt + orders.lateDeliveryDays). */
  claimableUntil: iso(),
  /** Who bound the phone (claimed or tooLate). */
  memberNo: nullable(text()), claimedAt: nullable(iso()), createdAt: iso(),
});

export const consoleCatalog = {
  /** Mall items by sort order, published or not (filter `published`), a page at a time; `itemId`: that item only. */
  listItems: action({
    input: z.strictObject({ itemId: opt(itemId()), published: opt(bool()), cursor: opt(itemCursor()), pageSize: opt(pageSize()) }),
    /** `tiers`: the tier ladder of the rules, for the minimum-tier choice. */
    output: object({ items: array(consoleItemView), nextCursor: nullable(text()), tiers: array(object({ level: integer(), name: text() })) }),
  }),
  /**
   * Creates an item (no `expectedVersion`; `itemId` optional, made from the request id otherwise; created unpublished)
   * or edits every field of one. Refused with INVALID_INPUT when the mall could not serve it.
   */
  saveItem: action({
    input: z.strictObject({
      itemId: opt(itemId()),
      expectedVersion: opt(expectedVersion()),
      requestId: requestId(),
      item: itemFields,
      /** At creation only: the initial stock (then adjustStock). */
      stock: opt(int(0, 1_000_000)),
    }),
    output: object({ item: consoleItemView, replayed: bool() }),
    errors: ['NOT_FOUND', 'ALREADY_EXISTS', 'STALE_VERSION'],
  }),
  /**
   * Stores an item image in cloud storage: PNG, JPEG or WebP (by its bytes, not its name), at most 2 MB. Answers the
   * cloud:// file id to save as the item's `image`; the same bytes answer the same id (a retry stores nothing new).
   */
  uploadItemImage: action({
    input: z.strictObject({
      fileName: str(1, 100),
      /** The file's bytes, base64. A little over 2 MB is let through so the refusal can say 图片不能超过 2 MB. */
      contentBase64: str(4, ITEM_IMAGE_BASE64_MAX, /^[A-Za-z0-9+/]+={0,2}$/),
    }),
    output: object({ fileId: text(), bytes: integer(), contentType: oneOf(['image/png', 'image/jpeg', 'image/webp']) }),
  }),
  /** Publishes (members see it) or unpublishes an item. */
  setItemPublished: action({
    input: z.strictObject({ itemId: itemId(), published: bool(), expectedVersion: expectedVersion(), requestId: requestId() }),
    output: object({ item: consoleItemView, replayed: bool() }),
    errors: ['NOT_FOUND', 'NOT_ELIGIBLE', 'STALE_VERSION'],
  }),
  /** Adds or removes stock with a reason, atomically with redemptions: never below zero; each one audited. */
  adjustStock: action({
    input: z.strictObject({
      itemId: itemId(),
      delta: int(-1_000_000, 1_000_000).check(z.refine((n) => n !== 0, { params: { problem: '不能为 0' } })),
      reason: str(2, 100),
      requestId: requestId(),
    }),
    output: object({ item: consoleItemView, replayed: bool() }),
    errors: ['NOT_FOUND', 'NOT_ELIGIBLE', 'CONFLICT'],
  }),
  listStores: action({
    input: z.strictObject({}),
    output: object({ items: array(storeView), formats: array(object({ format: text(), formatName: text() })) }),
  }),
  /** Creates (no `expectedVersion`) or edits a store; a format keeps one Chinese name across its stores. */
  saveStore: action({
    input: z.strictObject({
      storeId: storeId(),
      expectedVersion: opt(expectedVersion()),
      requestId: requestId(),
      store: z.strictObject({
        name: str(1, 40), format: formatCode(), formatName: str(1, 20),
        address: opt(str(2, 80)),
        hours: opt(str(2, 40)),
        phone: opt(str(5, 20, /^[0-9+\- ]+$/)),
        /** GCJ-02, as WeChat's map picker gives it; null clears it. */
        location: opt(nullable(latLng())),
      }),
    }),
    output: object({ store: storeView, replayed: bool() }),
    errors: ['NOT_FOUND', 'ALREADY_EXISTS', 'STALE_VERSION'],
  }),
  listActivities: action({
    input: z.strictObject({}),
    output: object({ items: array(activityView) }),
  }),
  /** Creates (no `expectedVersion`) or edits an activity staff record attendance for (staff.activityCheckin). */
  saveActivity: action({
    input: z.strictObject({
      activityId: activityId(),
      expectedVersion: opt(expectedVersion()),
      requestId: requestId(),
      activity: z.strictObject({
        name: str(1, 40),
        /** Empty: every store. */
        storeIds: z.array(storeId()).check(z.maxLength(100)),
        startAt: isoTime(),
        endAt: isoTime(),
        /** Absent: the growth.events.activity rule. */
        growth: opt(int(0, 100_000)),
        dailyCap: opt(int(0, 100)),
        active: bool(),
      }),
    }),
    output: object({ activity: activityView, replayed: bool() }),
    errors: ['NOT_FOUND', 'ALREADY_EXISTS', 'STALE_VERSION'],
  }),
  /** Channels with the fingerprint of their secret, never the secret. */
  listChannels: action({
    input: z.strictObject({}),
    output: object({ items: array(channelView) }),
  }),
  /** A channel with a secret made on the server, shown in this answer only. */
  createChannel: action({
    input: z.strictObject({ channelId: channelId(), channelName: str(1, 40), requestId: requestId(), replayWindowSeconds: opt(int(30, 3600)) }),
    output: withSecret,
    errors: ['ALREADY_EXISTS'],
  }),
  /**
   * A new secret, shown in this answer only; the previous one keeps verifying for `overlapHours` (default 24, 0 = at
   * once), so the outside system can switch without a gap.
   */
  rotateChannelSecret: action({
    input: z.strictObject({ channelId: channelId(), expectedVersion: expectedVersion(), requestId: requestId(), overlapHours: opt(int(0, 168)) }),
    output: withSecret,
    errors: ['NOT_FOUND', 'STALE_VERSION'],
  }),
  /**
   * Stops (or resumes) a channel: a stopped channel's requests are refused whatever they are signed with; its orders
   * already recorded stay. The reason is kept in the audit trail.
   */
  setChannelActive: action({
    input: z.strictObject({ channelId: channelId(), active: bool(), reason: str(2, 100), expectedVersion: expectedVersion(), requestId: requestId() }),
    output: object({ channel: channelView, replayed: bool() }),
    errors: ['NOT_FOUND', 'STALE_VERSION'],
  }),
  /**
   * 待认领订单: paid orders a channel delivered for a phone nobody had bound (order.paid with `phone`), newest first, at
   * most 100: `unclaimed` (waiting; also one being claimed), `tooLate` (the phone was bound after the late-delivery
   * window: nothing credited, `memberNo` who bound it) or `claimed`. Phone numbers masked for analysts.
   */
  unclaimedOrders: action({
    input: z.strictObject({ status: oneOf(['unclaimed', 'tooLate', 'claimed']) }),
    output: object({ items: array(unclaimedOrderView), more: bool() }),
  }),
  /** The month's lifecycle stage-to-stage matrix (lifecycle_transitions): counts per (from, to), non-zero only. */
  stageTransitions: action({
    input: z.strictObject({ month: month() }),
    output: object({
      month: text(),
      stages: array(object({ stage: oneOf(LIFECYCLE_STAGES), name: text() })),
      matrix: array(object({ from: oneOf(LIFECYCLE_STAGES), to: oneOf(LIFECYCLE_STAGES), count: integer() })),
      total: integer(), activeWentDormant: integer(), cameBack: integer(),
    }),
  }),
};
