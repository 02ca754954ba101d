// A burst of signed channel orders, refunds of some of them and mall redemptions for a few members, sent all at once
// while something gets killed; then every request retried until it answers success, and what must hold afterwards:
// no drift (balance = sum of the ledger), nothing lost (every accepted request has its documents and entries),
// nothing doubled (no ledger key twice, no request applied twice) and the outbox drained.
import { auditLedger } from '../../scripts/audit-ledger';
import { checkAnswer } from './contractCheck';
import { paidEvent, refundEvent, signed } from './orders';

export interface BurstMember { openid: string; memberNo: string }

export type BurstRequest =
  | { kind: 'paid'; id: string; openid: string; order: { orderId: string; memberNo: string; amountFen: number; paidAt: string; format: string } }
  | { kind: 'refund'; id: string; openid: string; refund: { refundId: string; orderId: string; amountFen: number; refundedAt: string } }
  | { kind: 'redeem'; id: string; openid: string; redeem: { itemId: string; requestId: string } }
  | { kind: 'hold'; id: string; openid: string; hold: { orderId: string; memberNo: string; amountFen: number; points?: number } };

export type Answer = { ok: true; data: Record<string, unknown> } | { ok: false; error: { code: string; message: string } };

export const BURST_ITEM = 'burst-coupon';

/** 40 orders round the members, full and partial refunds of 12 of them (the invitees' first orders among them), 12 redemptions. */
export function planBurst(prefix: string, members: BurstMember[]): BurstRequest[] {
  const paidAt = new Date(Date.now() - 60_000).toISOString();
  const orders = Array.from({ length: 40 }, (_, i) => {
    const m = members[i % members.length];
    return { kind: 'paid' as const, id: `${prefix}-O${i}`, openid: m.openid, order: { orderId: `${prefix}-O${i}`, memberNo: m.memberNo, amountFen: 1000 + 137 * i, paidAt, format: 'mall' } };
  });
  const refunded = [3, 4, 0, 7, 10, 13, 16, 19, 22, 25, 28, 31];
  const refunds = refunded.map((i, k) => {
    const { order, openid } = orders[i];
    const amountFen = k % 2 === 0 ? order.amountFen : Math.floor(order.amountFen / 2);
    return { kind: 'refund' as const, id: `${order.orderId}-R`, openid, refund: { refundId: `${order.orderId}-R`, orderId: order.orderId, amountFen, refundedAt: new Date().toISOString() } };
  });
  const redemptions = Array.from({ length: 12 }, (_, j) => {
    const m = members[j % members.length];
    return { kind: 'redeem' as const, id: `${prefix}-redeem-${j}`, openid: m.openid, redeem: { itemId: BURST_ITEM, requestId: `${prefix}-redeem-${j}` } };
  });
  return [...orders, ...refunds, ...redemptions];
}

/** One attempt: the answer, or null when there was none (a killed worker answers 502, a killed cloud nothing). */
export async function send(url: string, req: BurstRequest): Promise<Answer | null> {
  // A signed event is accepted once (its nonce): every attempt is signed afresh, as a channel's retry is.
  const [fn, event, openid] = req.kind === 'paid' ? ['order', paidEvent(req.order), null]
    : req.kind === 'refund' ? ['order', refundEvent(req.refund), null]
      : req.kind === 'hold' ? ['order', signed('hold', 'hold', req.hold), null]
      : ['mall', { action: 'redeem', ...req.redeem }, req.openid];
  try {
    const res = await fetch(`${url}/functions/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) },
      body: JSON.stringify(event),
    });
    const body = (await res.json()) as Answer | { errCode: number };
    if (!('ok' in body)) return null;
    checkAnswer(fn, event, body);
    return body;
  } catch {
    return null;
  }
}

/** Sends every request once, all at once; `onAnswer` sees each success as it arrives. */
export async function fireAll(url: string, requests: BurstRequest[], onAnswer: (req: BurstRequest, a: Answer) => void = () => undefined) {
  const answers = new Map<string, Answer | null>();
  await Promise.all(requests.map(async (req) => {
    const a = await send(url, req);
    answers.set(req.id, a);
    if (a?.ok) onAnswer(req, a);
  }));
  return answers;
}

/** What a retry may cure: contention, a refund's order not recorded yet, a failure inside a killed invocation. */
const RETRYABLE = new Set(['CONFLICT', 'NOT_FOUND', 'INTERNAL']);

/**
 * Retries each request until it answers success (a refund of an order not recorded yet is NOT_FOUND until its order's
 * retry lands; a contended member is CONFLICT), a few at a time. Throws if one never does.
 */
export async function retryUntilOk(url: string, requests: BurstRequest[], concurrency = 6): Promise<Map<string, Answer & { ok: true }>> {
  const out = new Map<string, Answer & { ok: true }>();
  const queue = [...requests];
  const worker = async () => {
    for (let req = queue.shift(); req; req = queue.shift()) {
      let last: Answer | null = null;
      for (let attempt = 0; attempt < 100; attempt++) {
        last = await send(url, req);
        if (last?.ok) break;
        if (last && !RETRYABLE.has(last.error.code)) throw new Error(`${req.id} was refused: ${JSON.stringify(last)}`);
        await new Promise((r) => setTimeout(r, 50 + 5 * attempt));
      }
      if (!last?.ok) throw new Error(`${req.id} never succeeded: ${JSON.stringify(last)}`);
      out.set(req.id, last);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return out;
}

type Doc = Record<string, unknown> & { _id: string };

/** Every document of a collection, through the local cloud's database viewer API. */
async function allDocs(url: string, collection: string): Promise<Doc[]> {
  const docs: Doc[] = [];
  for (let offset = 0; ; offset += 200) {
    const res = await fetch(`${url}/_localcloud/api/docs?collection=${collection}&offset=${offset}&limit=200`);
    const page = (await res.json()) as { total: number; docs: Doc[] };
    docs.push(...page.docs);
    if (docs.length >= page.total || page.docs.length === 0) return docs;
  }
}

export interface BurstReport {
  drift: unknown[];
  /** Accepted requests missing their document or ledger entry. */
  lost: string[];
  /** Ledger keys present twice for a member, and requests recorded more than once. */
  doubled: string[];
  /** Orders, refunds or redemptions that no request of the burst asked for. */
  unexpected: string[];
  outbox: { pending: number; failed: number } | null;
}

/** Fires the jobs timer (after every backoff has run out) so the outbox is drained, then audits everything. */
export async function auditBurst(url: string, admin: string, requests: BurstRequest[], answers: Map<string, Answer & { ok: true }>): Promise<BurstReport> {
  await fetch(`${url}/_clock`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now: new Date(Date.now() + 2 * 60 * 60_000).toISOString() }) });
  try {
    for (let i = 0; i < 2; i++) {
      const fired = await fetch(`${url}/_triggers/jobs`, { method: 'POST' });
      if (fired.status !== 200) throw new Error(`jobs timer: ${fired.status} ${await fired.text()}`);
    }
  } finally {
    await fetch(`${url}/_clock`, { method: 'DELETE' });
  }
  const audit = await auditLedger(url, admin);
  const [ledger, growth, orders, redemptions] = await Promise.all(['point_ledger', 'growth_ledger', 'orders', 'redemptions'].map((c) => allDocs(url, c)));
  // Refunds are kept on their order (refund ids unique per order).
  const refunds = orders.flatMap((o) => ((o.refunds ?? []) as Doc[]).map((r): Doc => ({ ...r, _id: String(r.refundId), orderId: o._id })));
  const keyCount = new Map<string, number>();
  for (const e of ledger) keyCount.set(`${e.openid}|${e.key}`, (keyCount.get(`${e.openid}|${e.key}`) ?? 0) + 1);
  const doubled = [...keyCount].filter(([, n]) => n > 1).map(([k]) => `point_ledger ${k}`);
  const growthKeys = new Map<string, number>();
  for (const e of growth) growthKeys.set(`${e.openid}|${e.key}`, (growthKeys.get(`${e.openid}|${e.key}`) ?? 0) + 1);
  doubled.push(...[...growthKeys].filter(([, n]) => n > 1).map(([k]) => `growth_ledger ${k}`));
  doubled.push(...refunds.filter((r, i) => refunds.findIndex((x) => x._id === r._id && x.orderId === r.orderId) !== i).map((r) => `refund ${r.orderId} ${r._id}`));

  const ids = (docs: Doc[]) => new Set(docs.map((d) => d._id));
  const [orderIds, refundIds, redemptionIds] = [ids(orders), ids(refunds), ids(redemptions)];
  const lost: string[] = [];
  const has = (openid: string, key: string) => (keyCount.get(`${openid}|${key}`) ?? 0) === 1;
  for (const req of requests) {
    const data = answers.get(req.id)?.data;
    if (!data) { lost.push(`${req.id}: no answer`); continue; }
    if (req.kind === 'paid') {
      if (!orderIds.has(req.id)) lost.push(`order ${req.id}`);
      if (Number(data.pointsEarned) > 0 && !has(req.openid, `order:${req.id}`)) lost.push(`ledger order:${req.id}`);
    } else if (req.kind === 'refund') {
      if (!refundIds.has(req.id)) lost.push(`refund ${req.id}`);
      if (Number(data.pointsReversed) > 0 && !has(req.openid, `refund:${req.refund.orderId}:${req.id}:points`)) lost.push(`ledger refund:${req.refund.orderId}:${req.id}:points`);
    } else if (req.kind === 'redeem') {
      const redemptionId = String(data.redemptionId);
      if (!redemptionIds.has(redemptionId)) lost.push(`redemption ${req.id}`);
      if (!has(req.openid, `mall:${redemptionId}`)) lost.push(`ledger mall:${redemptionId}`);
    }
  }
  const asked = new Set(requests.map((r) => r.id));
  const askedRedemptions = new Set([...answers.values()].map((a) => a.data.redemptionId).filter(Boolean));
  const unexpected = [
    ...[...orderIds].filter((id) => !asked.has(id)).map((id) => `order ${id}`),
    ...[...refundIds].filter((id) => !asked.has(id)).map((id) => `refund ${id}`),
    ...[...redemptionIds].filter((id) => !askedRedemptions.has(id)).map((id) => `redemption ${id}`),
  ];
  return { drift: audit.drift, lost, doubled, unexpected, outbox: audit.outbox && { pending: audit.outbox.pending, failed: audit.outbox.failed } };
}

async function call(url: string, fn: string, event: object, openid: string) {
  const res = await fetch(`${url}/functions/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': openid }, body: JSON.stringify(event) });
  const body = (await res.json()) as { ok: boolean; data: any; error?: unknown };
  if (!body.ok) throw new Error(`${fn}.${(event as { action: string }).action}: ${JSON.stringify(body)}`);
  return body.data;
}

/** Three inviters and three members they invited (so first orders and full refunds have follow-ups in the outbox). */
export async function registerBurstMembers(url: string, prefix: string): Promise<BurstMember[]> {
  const members: BurstMember[] = [];
  for (let i = 0; i < 3; i++) {
    const inviter = `${prefix}-a${i}`;
    const login = await call(url, 'member', { action: 'login' }, inviter);
    members.push({ openid: inviter, memberNo: login.member.memberNo });
  }
  for (let i = 0; i < 3; i++) {
    const { inviteCode } = await call(url, 'referral', { action: 'info' }, members[i].openid);
    const invitee = `${prefix}-b${i}`;
    const login = await call(url, 'member', { action: 'login', inviteCode }, invitee);
    if (!login.invite?.bound) throw new Error(`${invitee} was not bound: ${JSON.stringify(login.invite)}`);
    members.push({ openid: invitee, memberNo: login.member.memberNo });
  }
  return members;
}
