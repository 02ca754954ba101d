// WeChat subscription messages (订阅消息), the pure part: a message's fields rendered and fitted to its template's
// rules (WeChat refuses a field that breaks its kind's rule with 47003, so our own texts are cut to fit first), the
// send decision (consent, quiet hours, expiry, attempts) and what an answer of subscribeMessage.send means.
//
// A member's consent is one-time: each 允许 in wx.requestSubscribeMessage lets us send one message of that template.
// The consent ledger (message_consents) counts them: +1 per accept, -1 per successful send, 0 on 43101 (WeChat says
// none is left). A message without consent is never sent: it is skipped.
import type { FieldKind, MessageKey, NotifyRules, TemplateRule } from './rules/notify';
import type { MessageDoc } from './documents';
import { shanghaiDay, shanghaiDayStart, shanghaiTime } from './time';

export type { FieldKind, MessageKey };

/** WeChat's limits per field kind (characters are code points: a Chinese character counts one). */
export const FIELD_LIMITS: Record<FieldKind, number> = {
  thing: 20, number: 32, letter: 32, symbol: 5, character_string: 32, time: 40, date: 40, amount: 14,
  phone_number: 17, car_number: 8, name: 10, phrase: 5,
};

/** The variables each message fills (values as strings or numbers; dates as ISO times). */
export const MESSAGE_VARIABLES: Record<MessageKey, readonly string[]> = {
  tierChanged: ['tierName', 'fromTierName', 'change', 'at'],
  pointsExpiring: ['points', 'expiresAt'],
  redemptionStatus: ['itemName', 'status', 'at', 'note'],
  checkinReminder: ['streak', 'points'],
  birthdayGift: ['giftName', 'validUntil'],
  voucherExpiring: ['voucherName', 'expiresAt'],
  automation: ['title', 'body', 'at'],
  npsSurvey: ['at'],
};

export type Variables = Record<string, string | number>;

const chars = (s: string) => [...s];
const cut = (s: string, max: number) => (chars(s).length <= max ? s : `${chars(s).slice(0, max - 1).join('')}…`);
const ISO = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/;

/** A time or day as WeChat's date field shows it: 2026年12月1日. */
export function formatDate(value: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : shanghaiDay(new Date(value));
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** A time as WeChat's time field shows it: 2026年12月1日 20:00 (Shanghai). */
export const formatTime = (value: string): string =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value) : `${formatDate(value)} ${shanghaiTime(new Date(value))}`;

const DATE_TEXT = /^\d{4}年\d{1,2}月\d{1,2}日( ([01]?\d|2[0-3]):[0-5]\d)?$/;
const CLOCK_TEXT = /^([01]?\d|2[0-3]):[0-5]\d$/;

/**
 * One field's value fitted to its kind: what WeChat would refuse is removed or cut (a thing of 25 characters becomes
 * 19 and an ellipsis). Never empty: WeChat refuses an empty value too ("data.thing1.value is empty"). Null when it
 * cannot be made to fit (a date field whose text is no date): the message is not sent.
 */
export function fitField(kind: FieldKind, raw: string): string | null {
  const value = raw.replace(/[\r\n\t]+/g, ' ').trim();
  const max = FIELD_LIMITS[kind];
  switch (kind) {
    case 'thing': return cut(value || '-', max);
    case 'phrase': {
      const han = chars(value).filter((c) => /\p{Script=Han}/u.test(c)).join('');
      return chars(han || '通知').slice(0, max).join('');
    }
    case 'number': {
      const n = value.replace(/[^\d.]/g, '');
      return (/^\d+(\.\d+)?$/.test(n) ? n : '0').slice(0, max);
    }
    case 'letter': return chars(value.replace(/[^A-Za-z]/g, '') || 'A').slice(0, max).join('');
    case 'symbol': return chars(value.replace(/[A-Za-z0-9\s\p{Script=Han}]/gu, '') || '-').slice(0, max).join('');
    case 'character_string': return (value.replace(/[^\x21-\x7e]/g, '') || '-').slice(0, max);
    case 'date': return ISO.test(value) ? formatDate(value) : DATE_TEXT.test(value) ? value : null;
    case 'time': return ISO.test(value) ? formatTime(value) : DATE_TEXT.test(value) || CLOCK_TEXT.test(value) ? value : null;
    case 'amount': {
      const n = value.replace(/[^\d.]/g, '');
      return `¥${(/^\d+(\.\d{1,2})?$/.test(n) ? n : '0').slice(0, 10)}`;
    }
    case 'phone_number': return (value.replace(/[^\d+\-() ]/g, '') || '-').slice(0, max);
    case 'car_number': return chars(value).slice(0, max).join('');
    case 'name': {
      const name = value.replace(/\d/g, '').trim() || '会员';
      return /^[A-Za-z .·-]+$/.test(name) ? name.slice(0, 20) : cut(name, max);
    }
  }
}

/** `{name}` placeholders filled from the variables; an unknown one becomes empty. */
export const interpolate = (text: string, vars: Variables): string =>
  text.replace(/\{(\w+)\}/g, (_, name: string) => (vars[name] === undefined ? '' : String(vars[name])));

export type MessageData = Record<string, { value: string }>;

/**
 * The `data` of subscribeMessage.send for a template and a message's variables, every field fitted to its kind;
 * `unfit` names the fields that could not be (the message is then not sent).
 */
export function renderData(template: Pick<TemplateRule, 'fields'>, vars: Variables): { data: MessageData; unfit: string[] } {
  const data: MessageData = {};
  const unfit: string[] = [];
  for (const f of template.fields) {
    const value = fitField(f.kind, interpolate(f.value, vars));
    if (value === null) unfit.push(f.key);
    else data[f.key] = { value };
  }
  return { data, unfit };
}

/** The template id of a template in an environment, null when the merchant has set none there. */
export function templateIdIn(template: Pick<TemplateRule, 'ids'>, env: string): string | null {
  return template.ids.find((i) => i.env === env)?.id ?? null;
}

export const templateOf = (rules: NotifyRules, key: MessageKey): TemplateRule | null => rules.templates.find((t) => t.key === key) ?? null;

// --- quiet hours (Shanghai time) ---

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether `at` falls in the quiet hours; when it does, the instant they end. */
export function quietUntil(at: Date, quiet: NotifyRules['quietHours']): Date | null {
  if (!quiet.enabled || quiet.start === quiet.end) return null;
  const now = minutes(shanghaiTime(at));
  const start = minutes(quiet.start);
  const end = minutes(quiet.end);
  const inside = start < end ? now >= start && now < end : now >= start || now < end;
  if (!inside) return null;
  const today = shanghaiDay(at);
  const endToday = new Date(shanghaiDayStart(today).getTime() + end * 60_000);
  return endToday > at ? endToday : new Date(endToday.getTime() + 24 * 3600_000);
}

// --- the send decision ---

export type MessageStatus = 'pending' | 'sending' | 'sent' | 'skipped' | 'failed' | 'expired';

export interface MessageState {
  status: MessageStatus;
  attempts: number;
  expiresAt: Date | null;
}

export type Decision =
  | { action: 'send' }
  | { action: 'wait'; until: Date; reason: 'quietHours' }
  | { action: 'skip'; reason: 'noConsent' | 'noTemplate' }
  | { action: 'expire' }
  | { action: 'none' };

/**
 * What to do with a due message now: nothing once it is past pending; expire it when too late; skip it without
 * consent (or without a template id in this environment); wait out the quiet hours; otherwise send.
 */
export function decideSend(msg: MessageState, consent: number, hasTemplate: boolean, now: Date, rules: Pick<NotifyRules, 'quietHours'>): Decision {
  if (msg.status !== 'pending') return { action: 'none' };
  if (msg.expiresAt && msg.expiresAt <= now) return { action: 'expire' };
  if (!hasTemplate) return { action: 'skip', reason: 'noTemplate' };
  if (consent <= 0) return { action: 'skip', reason: 'noConsent' };
  const until = quietUntil(now, rules.quietHours);
  if (until) return { action: 'wait', until, reason: 'quietHours' };
  return { action: 'send' };
}

/** What an error of subscribeMessage.send means for the message and the member's consent. */
export type SendOutcome =
  | { kind: 'sent' }
  /** 43101: the member has no consent left for this template: the ledger goes to 0, never retried. */
  | { kind: 'noConsent'; errcode: number }
  /** A request WeChat refuses as such (47003 a field breaks its rule, 40003 bad openid, 41030 bad page, 40037 bad template): never retried. */
  | { kind: 'refused'; errcode: number }
  /** Busy, a quota, the network: tried again later, up to maxAttempts. */
  | { kind: 'transient'; errcode: number | null };

const PERMANENT = new Set([40003, 40037, 41028, 41029, 41030, 47003, 47001, 40001, -604101]);

export function classifySendError(err: unknown): SendOutcome {
  const code = Number((err as { errCode?: unknown } | null)?.errCode ?? (err as { errcode?: unknown } | null)?.errcode);
  if (!Number.isFinite(code)) return { kind: 'transient', errcode: null };
  if (code === 43101) return { kind: 'noConsent', errcode: code };
  if (PERMANENT.has(code)) return { kind: 'refused', errcode: code };
  return { kind: 'transient', errcode: code };
}

/** The wait before attempt `attempts + 1` after a transient failure: 1, 2, 4 ... minutes, at most an hour. */
export const sendBackoffMs = (attempts: number) => Math.min(60 * 60_000, 60_000 * 2 ** Math.max(0, attempts - 1));

/** The outcome of a consent dialog for one template id (wx.requestSubscribeMessage's answer). */
export type ConsentResult = 'accept' | 'reject' | 'ban' | 'filter';

/** The consent count after `results` (only accepts add; one each). */
export const consentAfter = (count: number, results: ConsentResult[]) => count + results.filter((r) => r === 'accept').length;

// --- queued messages ---

export interface NewMessage {
  /** The message's key: one reason, one message (see messageId). */
  id: string;
  openid: string;
  key: MessageKey;
  variables: Variables;
  /** Appended to the template's page as its query string (e.g. `id=R123`). */
  query?: string;
  /** Not sent after this (e.g. the check-in reminder at the end of its day); null = no limit. */
  expiresAt?: Date | null;
  /** Not sent before this (default now). */
  availableAt?: Date;
  /** Who queued it, for the log: 'tier', 'redemption', 'checkinReminder', 'birthday', 'automation:<rule>'... */
  source: string;
}

export const messageId = (key: MessageKey, openid: string, reason: string) => `${key}:${openid}:${reason}`;

export function messageDoc(m: NewMessage, now: Date): MessageDoc {
  return {
    _id: m.id, openid: m.openid, key: m.key, variables: m.variables, query: m.query ?? '', status: 'pending', attempts: 0,
    availableAt: m.availableAt ?? now, expiresAt: m.expiresAt ?? null, createdAt: now, updatedAt: now, sentAt: null,
    templateId: null, data: null, reason: null, errcode: null, source: m.source,
  };
}

/** The message of a tier change, recorded in the transaction of the write that changes the tier (keyed by its revision). */
export const tierChangedMessage = (openid: string, fromLevel: number, toLevel: number, rev: number, now: Date): MessageDoc => messageDoc({
  id: messageId('tierChanged', openid, `rev${rev}`), openid, key: 'tierChanged', source: 'tier',
  variables: { fromLevel, toLevel, at: now.toISOString() },
}, now);

/**
 * The points-expiring message for the soonest expiry within `days` (none when nothing expires that soon), keyed by
 * that expiry day: one message per expiry date, however many reviews see it.
 */
export function pointsExpiringMessage(openid: string, soonest: { amount: number; date: string } | null, now: Date, days: number): NewMessage | null {
  if (!soonest || soonest.amount <= 0) return null;
  const horizon = shanghaiDay(new Date(now.getTime() + days * 24 * 3600_000));
  if (soonest.date > horizon) return null;
  return {
    id: messageId('pointsExpiring', openid, soonest.date), openid, key: 'pointsExpiring', source: 'pointsExpiring',
    variables: { points: soonest.amount, expiresAt: soonest.date },
    // Useless once the points are gone: not sent after their last usable day.
    expiresAt: new Date(shanghaiDayStart(soonest.date).getTime() + 24 * 3600_000),
  };
}
