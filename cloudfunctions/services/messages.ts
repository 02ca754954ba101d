// WeChat subscription messages (订阅消息): the outbox of messages (`messages`), the consent ledger
// (`message_consents`) and the sender. Any function queues a message; only the `notify` function sends (its
// config.json declares subscribeMessage.send), on its timer.
//
// Queueing (the API other features call):
//   - outside a transaction: `await enqueueMessage(db, { id, openid, key, variables, source }, now)`; a second call
//     with the same id queues nothing (answers { queued: false }): the id is the message's reason, once.
//   - inside a transaction (the change and its message together or not at all): put `messageInsert(msg, now)` in a
//     MemberWrite's `inserts`, or `tx.collection('messages').add({ data: messageDoc(msg, now) })`. The id must then
//     come from the write's own idempotency key (a duplicate id fails the transaction, as a replayed ledger key does).
//   `messageId(key, openid, reason)` builds ids the usual way; `variables` are what core/notify.ts MESSAGE_VARIABLES
//   lists for the key (dates as ISO times); fields are fitted to the template's rules when sent.
// Sending: core/notify.ts decides (consent, quiet hours, expiry); a message is claimed by compare-and-set before the
// call, so it is sent at most once, and one consent is taken with it (given back if the send fails); 43101 sets the
// member's consent to 0; only transient errors are retried.
import type { Insert, MessageConsentDoc, MessageDoc, Stored } from '../core/documents';
import type { LoyaltyConfig } from '../core/config';
import { currentStreak, checkinStateOf, isChecked } from '../core/checkin';
import {
  classifySendError, consentAfter, decideSend, messageDoc, messageId, renderData, sendBackoffMs, templateIdIn, templateOf,
  type ConsentResult, type MessageKey, type NewMessage, type Variables,
} from '../core/notify';

export { messageDoc, messageId, type NewMessage };
import { addDays, shanghaiDay, shanghaiDayStart, shanghaiTime } from '../core/time';
import { loadConfig } from '../runtime/configStore';
import type { Database } from '../runtime/dbTypes';
import { isDuplicateKey, retryOnConflict } from '../runtime/dbErrors';
import type { SubscribeMessage } from '../runtime/cloud';
import { inTransaction, getInTransaction } from '../runtime/transaction';

/** The insert for a MemberWrite's `inserts` (or any transaction's add). */
export const messageInsert = (m: NewMessage, now: Date): Insert => ({ collection: 'messages', doc: messageDoc(m, now) });

/** Queues a message outside a transaction; the same id twice queues it once. */
export async function enqueueMessage(db: Database, m: NewMessage, now: Date): Promise<{ queued: boolean }> {
  try {
    await retryOnConflict(() => db.collection('messages').add({ data: messageDoc(m, now) }));
    return { queued: true };
  } catch (err) {
    if (isDuplicateKey(err)) return { queued: false };
    throw err;
  }
}

// --- consent ---

export const consentId = (openid: string, key: MessageKey) => `${openid}:${key}`;

export interface TemplateView { key: MessageKey; templateId: string; title: string }

/** The templates that have an id in this environment (the ones the client may ask consent for). */
export function templatesIn(config: LoyaltyConfig, env: string): TemplateView[] {
  return config.notify.templates.flatMap((t) => {
    const templateId = templateIdIn(t, env);
    return templateId ? [{ key: t.key, templateId, title: t.title }] : [];
  });
}

/** The member's consents per template key (0 when none, or when the template id changed since). */
export async function consentsOf(db: Database, openid: string, templates: TemplateView[]): Promise<Array<{ key: MessageKey; count: number }>> {
  const { data } = await db.collection('message_consents').where({ openid }).limit(100).get();
  return templates.map((t) => {
    const doc = data.find((d) => d.key === t.key);
    return { key: t.key, count: doc && doc.templateId === t.templateId ? doc.count : 0 };
  });
}

/**
 * Records one consent dialog's answer (wx.requestSubscribeMessage's, per template id): +1 per accept, once per
 * request id (a replay counts nothing more). Unknown template ids are ignored. Answers the counts after.
 */
export async function recordConsents(db: Database, openid: string, requestId: string, results: Array<{ templateId: string; result: ConsentResult }>, templates: TemplateView[], now: Date): Promise<{ replayed: boolean }> {
  const known = results.map((r) => ({ ...r, key: templates.find((t) => t.templateId === r.templateId)?.key ?? null }));
  try {
    await inTransaction(db, async (tx) => {
      await tx.collection('consent_grants').add({ data: { _id: `${openid}:${requestId}`, openid, results: known, at: now } });
      for (const key of new Set(known.filter((r) => r.key && r.result === 'accept').map((r) => r.key as MessageKey))) {
        const template = templates.find((t) => t.key === key) as TemplateView;
        const id = consentId(openid, key);
        const doc = await getInTransaction(tx, 'message_consents', id);
        const before = doc && doc.templateId === template.templateId ? doc.count : 0;
        const count = consentAfter(before, known.filter((r) => r.key === key).map((r) => r.result));
        const next: MessageConsentDoc = { _id: id, openid, key, templateId: template.templateId, count, updatedAt: now, ...(doc?.scannedDay ? { scannedDay: doc.scannedDay } : {}) };
        const { _id, ...data } = next;
        await tx.collection('message_consents').doc(_id).set({ data });
      }
    });
    return { replayed: false };
  } catch (err) {
    const { data } = await db.collection('consent_grants').where({ _id: `${openid}:${requestId}` }).limit(1).get();
    if (data[0]) return { replayed: true };
    throw err;
  }
}

// --- sending ---

export interface SendOptions {
  env: string;
  send: (msg: SubscribeMessage) => Promise<void>;
  limit?: number;
  budgetMs?: number;
  clock?: () => number;
}

export interface SendRun { sent: number; skipped: number; failed: number; retried: number; waiting: number; expired: number; remaining: boolean }

/** A claimed message whose answer never got recorded (a crash mid-send) is given up after this: never re-sent. */
const STUCK_MS = 10 * 60_000;

/** Variables every message may use besides its own: tier names from levels. */
function enrich(vars: Variables, config: LoyaltyConfig): Variables {
  const name = (level: unknown) => config.tiers.find((t) => t.level === Number(level))?.name ?? '';
  const out: Variables = { ...vars };
  if (vars.toLevel !== undefined) {
    out.tierName = out.tierName ?? name(vars.toLevel);
    out.fromTierName = out.fromTierName ?? name(vars.fromLevel);
    out.change = out.change ?? (Number(vars.toLevel) > Number(vars.fromLevel) ? '升级' : '降级');
  }
  return out;
}

async function settle(db: Database, msg: Stored<MessageDoc>, from: MessageDoc['status'], data: Partial<MessageDoc>): Promise<boolean> {
  const r = await retryOnConflict(() => db.collection('messages').where({ _id: msg._id, status: from }).update({ data }));
  return r.stats.updated > 0;
}

/** Sends one due message (or skips, postpones, expires it) as decideSend says. */
export async function processMessage(db: Database, msg: Stored<MessageDoc>, config: LoyaltyConfig, now: Date, opts: SendOptions): Promise<keyof Omit<SendRun, 'remaining'> | null> {
  const template = templateOf(config.notify, msg.key);
  const templateId = template ? templateIdIn(template, opts.env) : null;
  const { data: consents } = await db.collection('message_consents').where({ _id: consentId(msg.openid, msg.key) }).limit(1).get();
  const consent = consents[0] && consents[0].templateId === templateId ? consents[0].count : 0;
  const decision = decideSend({ status: msg.status, attempts: msg.attempts, expiresAt: msg.expiresAt ? new Date(msg.expiresAt) : null }, consent, templateId !== null, now, config.notify);
  switch (decision.action) {
    case 'none': return null;
    case 'expire': return (await settle(db, msg, 'pending', { status: 'expired', reason: 'expired', updatedAt: now })) ? 'expired' : null;
    case 'skip': return (await settle(db, msg, 'pending', { status: 'skipped', reason: decision.reason, templateId, updatedAt: now })) ? 'skipped' : null;
    case 'wait': return (await settle(db, msg, 'pending', { availableAt: decision.until, reason: decision.reason, updatedAt: now })) ? 'waiting' : null;
    case 'send': break;
  }
  const { data, unfit } = renderData(template!, enrich(msg.variables, config));
  if (unfit.length > 0) {
    // The registry puts text WeChat would refuse in these fields (e.g. a date field without a date): never sent.
    return (await settle(db, msg, 'pending', { status: 'failed', reason: `unfit fields: ${unfit.join(', ')}`, templateId, updatedAt: now })) ? 'failed' : null;
  }
  const _ = db.command;
  // The claim: only one sender gets it, and a claimed message is never claimed again (at most one send).
  const claimed = await retryOnConflict(() => db.collection('messages').where({ _id: msg._id, status: 'pending', attempts: msg.attempts })
    .update({ data: { status: 'sending', attempts: _.inc(1), templateId, data, updatedAt: now } }));
  if (claimed.stats.updated === 0) return null;
  // The consent is taken before the call (given back when the send fails for another reason than 43101), so two
  // messages sent at once never count on the same consent; a crash in between loses one consent, never sends extra.
  const consentDoc = db.collection('message_consents').where({ _id: consentId(msg.openid, msg.key), templateId, count: _.gt(0) });
  const reserved = await retryOnConflict(() => consentDoc.update({ data: { count: _.inc(-1), updatedAt: now } }));
  if (reserved.stats.updated === 0) {
    await settle(db, msg, 'sending', { status: 'skipped', reason: 'noConsent', updatedAt: now });
    return 'skipped';
  }
  const giveBack = () => retryOnConflict(() => db.collection('message_consents').where({ _id: consentId(msg.openid, msg.key), templateId })
    .update({ data: { count: _.inc(1), updatedAt: now } }));
  const page = msg.query ? `${template!.page}?${msg.query}` : template!.page;
  try {
    await opts.send({ touser: msg.openid, templateId: templateId!, page, data });
  } catch (err) {
    const outcome = classifySendError(err);
    const text = String((err as { errMsg?: string })?.errMsg ?? (err as Error)?.message ?? err).slice(0, 300);
    if (outcome.kind !== 'noConsent') await giveBack();
    if (outcome.kind === 'noConsent') {
      await retryOnConflict(() => db.collection('message_consents').where({ _id: consentId(msg.openid, msg.key) }).update({ data: { count: 0, updatedAt: now } }));
      await settle(db, msg, 'sending', { status: 'skipped', reason: `${outcome.errcode}: ${text}`, errcode: outcome.errcode, updatedAt: now });
      return 'skipped';
    }
    const attempts = msg.attempts + 1;
    const errcode = outcome.kind === 'sent' ? null : outcome.errcode;
    if (outcome.kind === 'refused' || attempts >= config.notify.maxAttempts) {
      await settle(db, msg, 'sending', { status: 'failed', reason: `${errcode ?? 'error'}: ${text}`, errcode, updatedAt: now });
      return 'failed';
    }
    await settle(db, msg, 'sending', { status: 'pending', availableAt: new Date(now.getTime() + sendBackoffMs(attempts)), reason: `${errcode ?? 'error'}: ${text}`, errcode, updatedAt: now });
    return 'retried';
  }
  await settle(db, msg, 'sending', { status: 'sent', sentAt: now, reason: null, errcode: null, updatedAt: now });
  return 'sent';
}

/** Messages settled (sent, skipped, failed, expired) this long ago are forgotten by the timer. */
export const MESSAGE_RETENTION_DAYS = 90;

/** Forgets settled messages last changed before `before` (one indexed remove); pending ones stay until settled. */
export async function removeSettledMessages(db: Database, before: Date): Promise<number> {
  const _ = db.command;
  const { stats } = await db.collection('messages').where({ status: _.in(['sent', 'skipped', 'failed', 'expired']), updatedAt: _.lt(before) }).remove();
  return stats.removed;
}

/** Messages sent at once by one run (each a few database requests and one WeChat call). */
const PARALLEL = 4;

/**
 * The timer's pass: due messages oldest first, in batches of `limit`, four at a time, until none is due or the budget
 * is spent (`remaining` then says more are due). A message tried in this run is not tried again in it.
 */
export async function sendDueMessages(db: Database, now: Date, opts: SendOptions): Promise<SendRun> {
  const clock = opts.clock ?? Date.now;
  const started = clock();
  const budget = opts.budgetMs ?? 20_000;
  const limit = opts.limit ?? 100;
  const config = await loadConfig(db);
  const _ = db.command;
  // A message claimed long ago without an answer recorded: the send may have happened, so it is not tried again.
  await db.collection('messages').where({ status: 'sending', updatedAt: _.lt(new Date(now.getTime() - STUCK_MS)) })
    .update({ data: { status: 'failed', reason: 'unknown outcome (claimed, never answered)', updatedAt: now } });
  const run: SendRun = { sent: 0, skipped: 0, failed: 0, retried: 0, waiting: 0, expired: 0, remaining: false };
  const tried = new Set<string>();
  while (clock() - started < budget) {
    const { data } = await db.collection('messages').where({ status: 'pending', availableAt: _.lte(now) }).orderBy('availableAt', 'asc').limit(limit + tried.size).get();
    const due = data.filter((m) => !tried.has(m._id)).slice(0, limit);
    if (due.length === 0) return run;
    for (let i = 0; i < due.length; i += PARALLEL) {
      if (clock() - started >= budget) { run.remaining = true; return run; }
      await Promise.all(due.slice(i, i + PARALLEL).map(async (msg) => {
        tried.add(msg._id);
        try {
          const outcome = await processMessage(db, msg, config, now, opts);
          if (outcome) run[outcome] += 1;
        } catch (err) {
          console.error(`[messages] ${msg._id}:`, err);
          run.failed += 1;
        }
      }));
    }
  }
  run.remaining = true;
  return run;
}

// --- the daily check-in reminder ---

/**
 * From the configured time on, each Shanghai day: one reminder for each member with a check-in reminder consent left
 * who has not checked in today (`checkinReminder:<openid>:<day>`, expiring at the day's end). Each member is looked
 * at once a day (`scannedDay`); later runs that day pick up only members who subscribed since.
 */
export async function queueCheckinReminders(db: Database, now: Date, config: LoyaltyConfig, budgetMs = 10_000, clock: () => number = Date.now): Promise<{ queued: number; scanned: number; remaining: boolean }> {
  const rules = config.notify.checkinReminder;
  const out = { queued: 0, scanned: 0, remaining: false };
  if (!rules.enabled || shanghaiTime(now) < rules.time) return out;
  const started = clock();
  const day = shanghaiDay(now);
  const _ = db.command;
  for (;;) {
    if (clock() - started >= budgetMs) { out.remaining = true; return out; }
    const { data } = await db.collection('message_consents').where({ key: 'checkinReminder', count: _.gt(0), scannedDay: _.neq(day) }).limit(100).get();
    if (data.length === 0) return out;
    // One read for the batch's members, one write marking the batch scanned: a queued reminder costs one add more.
    const { data: members } = await db.collection('members').where({ _id: _.in(data.map((c) => c.openid)) }).limit(100).field({ _id: true, checkin: true }).get();
    const byId = new Map(members.map((m) => [String(m._id), m]));
    for (const consent of data) {
      const member = byId.get(consent.openid);
      const state = checkinStateOf(member?.checkin);
      if (member && !isChecked(state, day)) {
        const queued = await enqueueMessage(db, {
          id: messageId('checkinReminder', consent.openid, day), openid: consent.openid, key: 'checkinReminder', source: 'checkinReminder',
          variables: { streak: currentStreak(state, addDays(day, -1)), points: config.checkin.points },
          expiresAt: shanghaiDayStart(addDays(day, 1)),
        }, now);
        if (queued.queued) out.queued += 1;
      }
    }
    await retryOnConflict(() => db.collection('message_consents').where({ _id: _.in(data.map((c) => c._id)) }).update({ data: { scannedDay: day } }));
    out.scanned += data.length;
  }
}

// --- redemption and voucher status ---

const REDEMPTION_STATUS = { shipped: '已发货', delivered: '已签收', used: '已核销' } as const;

/**
 * Tells the member a redemption moved on (mailed item shipped or delivered, voucher written off). `ref` makes the
 * reason unique (a voucher written off again after a reversal has a new ref). Never fails the caller's write.
 */
export async function queueRedemptionStatus(db: Database, r: { _id: string; openid: string; itemName: string }, event: keyof typeof REDEMPTION_STATUS, ref: string, note: string, now: Date): Promise<void> {
  await enqueueMessage(db, {
    id: messageId('redemptionStatus', r.openid, `${r._id}:${event}:${ref}`), openid: r.openid, key: 'redemptionStatus', source: `redemption:${event}`,
    variables: { itemName: r.itemName, status: REDEMPTION_STATUS[event], at: now.toISOString(), note },
  }, now).catch((err) => console.error(`[messages] redemption ${r._id} ${event}:`, err));
}

// --- automations ---

/**
 * An automation rule's message (营销自动化, issue 12 section 3): keyed by (rule, version, member, period) like the
 * rule's run, so a rule never messages a member twice for one reason and a retried run is harmless. `title` and
 * `body` fill the automation template ({title}, {body}; each a thing: cut to 20 characters when sent).
 */
export function queueAutomationMessage(db: Database, run: { rule: string; version: number; openid: string; period: string; title: string; body: string }, now: Date): Promise<{ queued: boolean }> {
  return enqueueMessage(db, {
    id: messageId('automation', run.openid, `${run.rule}:v${run.version}:${run.period}`), openid: run.openid, key: 'automation',
    source: `automation:${run.rule}`, variables: { title: run.title, body: run.body, at: now.toISOString() },
  }, now);
}
