// The nightly snapshot (cloudfunctions/stats) through the local cloud: a generated population of members with lots,
// a ledger, orders, spends and expiry; the stats timer's snapshot checked figure by figure against a brute-force
// computation here, in chunks smaller than the population; a second run on the same day writes nothing; an injected
// ledger entry that no balance reflects is reported by the next day's reconciliation; the console reads the range.
import { emptyMore, emptySchedule } from '../../cloudfunctions/core/stats';
import { startTestCloud, type TestCloud } from '../helpers/cloud';

let t: TestCloud;

// A few thousand members with everything the figures read: seeding and the chunks take a while on a shared box.
jest.setTimeout(600_000);

const DAY = '2026-06-10';
const AS_OF = '2026-06-11T01:00:00.000+08:00';
const at = (iso: string) => new Date(iso);
const DAY_START = at('2026-06-10T00:00:00+08:00');
const DAY_END = at('2026-06-11T00:00:00+08:00');
const ACTIVE_FROM = new Date(DAY_END.getTime() - 30 * 86_400_000);
const BREAKAGE_FROM = at('2025-06-11T00:00:00+08:00');

interface SeededLot { remaining: number; expiresAt: Date; format: string; storeId: string }
interface SeededEntry { type: string; amount: number; key: string; format?: string; lots?: Array<{ amount: number; format: string; storeId: string }>; createdAt: Date }
interface SeededOrder { paidFen: number; paidAt: Date; format: string; storeId: string | null; status: 'paid' | 'partiallyRefunded' | 'refunded'; points: number; refunds: Array<{ fen: number; at: Date }> }
interface SeededRedemption { itemId: string; itemName: string; quantity: number; points: number; status: 'issued' | 'used' | 'cancelled'; createdAt: Date; cancelledAt: Date | null; used: { at: Date; storeId: string } | null }
interface Seeded {
  openid: string; tier: number; stage: string | null; createdAt: Date; imported: boolean; referredBy: string | null; debt: number;
  ledger: SeededEntry[]; lots: SeededLot[]; orders: SeededOrder[];
  tierMoves: Array<{ from: number; to: number; at: Date }>; otherMessages: Date[];
  claims: Array<{ taskId: string; at: Date }>;
  referral: { boundAt: Date; firstOrderAt: Date | null } | null;
  redemptions: SeededRedemption[]; benefitUsed: Array<{ at: Date; storeId: string }>;
  nps: { score: number; at: Date } | null;
}

// A small deterministic generator: the same population every run.
let seed = 7;
const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return Math.floor(seed / 65536) % n; };
const pick = <T>(xs: T[]) => xs[rnd(xs.length)];
const EARN_DAYS = ['2025-03-02T10:00:00+08:00', '2025-09-15T10:00:00+08:00', '2026-05-20T10:00:00+08:00', '2026-06-10T09:30:00+08:00', '2026-06-10T23:59:59+08:00'];
const EXPIRY_DAYS = ['2026-06-11T00:30:00+08:00', '2026-06-30T23:59:59+08:00', '2026-07-01T00:00:00+08:00', '2026-12-31T23:59:59+08:00', '2027-05-31T23:59:59+08:00', '2027-06-01T00:00:00+08:00', '2027-12-31T23:59:59+08:00'];
const ORDER_DAYS = ['2025-12-15T12:00:00+08:00', '2026-02-10T12:00:00+08:00', '2026-04-01T12:00:00+08:00', '2026-05-11T23:59:59+08:00', '2026-05-12T00:00:00+08:00', '2026-05-12T12:00:00+08:00', '2026-06-01T12:00:00+08:00', '2026-05-25T12:00:00+08:00', '2026-06-10T00:00:00+08:00', '2026-06-10T15:00:00+08:00', '2026-06-11T00:00:00+08:00'];
const JOIN_DAYS = ['2025-11-20T10:00:00+08:00', '2026-01-05T10:00:00+08:00', '2026-03-31T23:59:59+08:00', '2026-04-01T00:00:00+08:00', '2026-06-10T10:00:00+08:00'];
const EVENT_DAYS = ['2026-06-09T23:59:59+08:00', '2026-06-10T00:00:00+08:00', '2026-06-10T12:00:00+08:00', '2026-06-11T00:00:00+08:00', '2026-05-31T23:59:59+08:00', '2026-06-01T00:00:00+08:00', '2026-05-20T12:00:00+08:00'];
const FORMATS = ['', 'mall', 'hotel'];
const STORES: Record<string, string[]> = { '': [''], mall: ['mall-1', 'mall-2', ''], hotel: ['hotel.1'] };
const SOURCES = ['order', 'checkin', 'task', 'registration', 'upgradeGift'];
const ITEMS = [{ itemId: 'coffee', itemName: '咖啡券' }, { itemId: 'bag', itemName: '帆布袋' }, { itemId: 'room.up', itemName: '房型升级' }];

function population(n: number): Seeded[] {
  const out: Seeded[] = [];
  for (let i = 0; i < n; i++) {
    const openid = `ds-${String(i).padStart(4, '0')}`;
    const ledger: SeededEntry[] = [];
    const lots: SeededLot[] = [];
    for (let k = rnd(3); k > 0; k--) {
      const format = pick(FORMATS);
      const storeId = pick(STORES[format]);
      const earned = 100 + rnd(900);
      const source = pick(SOURCES);
      ledger.push({ type: 'earn', amount: earned, key: `${source}:${openid}-${k}`, format, createdAt: at(pick(EARN_DAYS)) });
      const spent = rnd(2) ? rnd(earned) : 0;
      if (spent) ledger.push({ type: 'spend', amount: -spent, key: `${pick(['mall', 'checkinMakeUp', 'hold'])}:${openid}-${k}`, lots: [{ amount: spent, format, storeId }], createdAt: at(pick(EARN_DAYS)) });
      const expired = rnd(3) === 0 ? rnd(earned - spent) : 0;
      if (expired) ledger.push({ type: 'expire', amount: -expired, key: `expire:${openid}-${k}`, format, lots: [{ amount: expired, format, storeId }], createdAt: at(pick(EARN_DAYS)) });
      lots.push({ remaining: earned - spent - expired, expiresAt: at(pick(EXPIRY_DAYS)), format, storeId });
    }
    // The day's own check-in (participation) and a make-up of an earlier day done during the day (not participation).
    if (rnd(3) === 0) {
      ledger.push({ type: 'earn', amount: 5, key: `checkin:${DAY}`, format: '', createdAt: at('2026-06-10T08:15:00+08:00') });
      lots.push({ remaining: 5, expiresAt: at('2027-06-01T00:00:00+08:00'), format: '', storeId: '' });
    }
    if (rnd(6) === 0) {
      ledger.push({ type: 'earn', amount: 5, key: 'checkin:2026-06-08', format: '', createdAt: at('2026-06-10T08:20:00+08:00') });
      lots.push({ remaining: 5, expiresAt: at('2027-06-01T00:00:00+08:00'), format: '', storeId: '' });
    }
    // A refund that took back more than was left: a debt (balance = Σ lots − debt).
    let debt = 0;
    if (rnd(10) === 0 && lots.every((l) => l.remaining === 0)) {
      debt = 10 + rnd(50);
      ledger.push({ type: 'reverse', amount: -debt, key: `refund:${openid}:points`, createdAt: at('2026-06-10T11:00:00+08:00') });
    }
    if (rnd(4) === 0) ledger.push({ type: 'adjust', amount: 0, key: `adjust:${openid}`, format: '', createdAt: at('2026-06-10T08:00:00+08:00') });
    const orders: SeededOrder[] = Array.from({ length: rnd(5) }, () => {
      const format = pick(['mall', 'hotel', 'mall']);
      const status = pick(['paid', 'paid', 'paid', 'partiallyRefunded', 'refunded'] as const);
      const paidFen = 100 + rnd(50_000);
      const refunds = status === 'paid' ? [] : [{ fen: status === 'refunded' ? paidFen : 50, at: at(pick(EVENT_DAYS)) }];
      return { paidFen, paidAt: at(pick(ORDER_DAYS)), format, storeId: rnd(5) === 0 ? null : pick(STORES[format].filter(Boolean)), status, points: rnd(300), refunds };
    });
    const createdAt = at(i % 5 === 0 ? '2026-06-10T10:00:00+08:00' : pick(JOIN_DAYS));
    const imported = rnd(8) === 0;
    const referredBy = rnd(4) === 0 && i > 0 ? `ds-${String(rnd(i)).padStart(4, '0')}` : null;
    const tierMoves = rnd(4) === 0 ? [{ from: rnd(3), to: rnd(3), at: at(pick(EVENT_DAYS)) }].filter((m) => m.from !== m.to) : [];
    const claims = Array.from({ length: rnd(3) }, () => ({ taskId: pick(['daily-share', 'weekly.visit', 'profile']), at: at(pick(EVENT_DAYS)) }));
    const boundAt = at(pick(['2026-06-10T10:30:00+08:00', '2026-05-20T10:00:00+08:00', '2026-05-01T10:00:00+08:00', '2026-06-09T10:00:00+08:00']));
    const referral = referredBy ? { boundAt, firstOrderAt: rnd(2) ? at(pick(['2026-06-10T18:00:00+08:00', '2026-06-11T09:00:00+08:00', '2026-05-25T10:00:00+08:00'])) : null } : null;
    const redemptions: SeededRedemption[] = Array.from({ length: rnd(3) }, () => {
      const item = pick(ITEMS);
      const status = pick(['issued', 'used', 'cancelled'] as const);
      const quantity = 1 + rnd(2);
      return { ...item, quantity, points: quantity * 100, status, createdAt: at(pick(ORDER_DAYS)), cancelledAt: status === 'cancelled' ? at(pick(EVENT_DAYS)) : null, used: status === 'used' ? { at: at(pick(EVENT_DAYS)), storeId: pick(['mall-1', 'hotel.1']) } : null };
    });
    const benefitUsed = rnd(5) === 0 ? [{ at: at(pick(EVENT_DAYS)), storeId: pick(['mall-1', 'mall-2']) }] : [];
    const nps = rnd(3) === 0 ? { score: rnd(11), at: at(pick(EVENT_DAYS)) } : null;
    out.push({
      openid, tier: rnd(3), stage: pick([null, 'new', 'active', 'dormant']), createdAt, imported, referredBy, debt, ledger, lots, orders,
      tierMoves, otherMessages: rnd(3) === 0 ? [at('2026-06-10T12:00:00+08:00')] : [], claims, referral, redemptions, benefitUsed, nps,
    });
  }
  return out;
}

const POPULATION = population(2000);
const CHUNK = 150;

async function seedPopulation(people: Seeded[], cloud: TestCloud) {
  const balance = (p: Seeded) => p.ledger.reduce((s, e) => s + e.amount, 0);
  const db = cloud.cloud.db;
  await db.insertMany('members', people.map((p) => ({
    _id: p.openid, openid: p.openid, memberNo: `8${p.openid.slice(3).padStart(10, '0')}`, nickname: '', tierLevel: p.tier, ...(p.stage ? { lifecycle: { stage: p.stage, since: p.createdAt, previous: null, purchases: [] } } : {}), createdAt: p.createdAt, updatedAt: p.createdAt,
    ...(p.imported ? { imported: { jobId: 'job-1', at: p.createdAt } } : {}), ...(p.referredBy ? { referredBy: p.referredBy } : {}),
    points: { balance: balance(p), debt: p.debt, pending: 0, lots: p.lots.map((l, k) => ({ lotId: `lot:${k}`, amount: l.remaining, remaining: l.remaining, earnedAt: p.createdAt, availableAt: p.createdAt, expiresAt: l.expiresAt, format: l.format, ...(l.storeId ? { storeId: l.storeId } : {}), ref: 'seed' })) },
  })));
  const entries = people.flatMap((p) => {
    let running = 0;
    return p.ledger.map((e, k) => {
      running += e.amount;
      return {
        _id: `${p.openid}|${e.key}`, openid: p.openid, key: e.key, seq: k + 1, type: e.type, amount: e.amount, balanceAfter: running, reason: '测试', ref: 'seed', issuer: 'test', createdAt: e.createdAt,
        ...(e.format !== undefined ? { format: e.format } : {}), ...(e.lots ? { lots: e.lots.map((l) => ({ lotId: 'x', amount: l.amount, format: l.format, ...(l.storeId ? { storeId: l.storeId } : {}) })) } : {}),
      };
    });
  });
  await db.insertMany('point_ledger', entries);
  // Refunds are kept on their order; every other order's are in `refunds`, as refunds recorded before that are.
  const kept = (k: number) => k % 2 === 1;
  const refundOf = (p: Seeded, k: number, r: { fen: number; at: Date }, j: number) => ({ refundFen: r.fen, reason: null, refundedAt: r.at, channel: 'test', issuer: 'test', result: {}, createdAt: r.at, _id: `${p.openid}-o${k}-r${j}` });
  const orders = people.flatMap((p) => p.orders.map((o, k) => ({
    _id: `${p.openid}-o${k}`, openid: p.openid, memberNo: '', paidFen: o.paidFen, paidAt: o.paidAt, items: [], categories: [], storeId: o.storeId, format: o.format, channel: 'test', status: o.status, createdAt: o.paidAt,
    rewards: { orderId: `${p.openid}-o${k}`, paidFen: o.paidFen, pointsEarned: o.points, growthEarned: 0, refundedFen: o.refunds.reduce((s, r) => s + r.fen, 0), pointsReversed: 0, growthReversed: 0 },
    ...(kept(k) && o.refunds.length ? { refunds: o.refunds.map((r, j) => { const { _id, ...rest } = refundOf(p, k, r, j); return { refundId: _id, ...rest }; }) } : {}),
  })));
  await db.insertMany('orders', orders);
  const refunds = people.flatMap((p) => p.orders.flatMap((o, k) => (kept(k) ? [] : o.refunds.map((r, j) => ({ ...refundOf(p, k, r, j), openid: p.openid, orderId: `${p.openid}-o${k}` })))));
  if (refunds.length) await db.insertMany('refunds', refunds);
  const message = (id: string, p: Seeded, key: string, variables: object, createdAt: Date) => ({ _id: id, openid: p.openid, key, variables, query: '', status: 'skipped', attempts: 0, availableAt: createdAt, expiresAt: null, createdAt, updatedAt: createdAt, sentAt: null, templateId: null, data: null, reason: 'noConsent', errcode: null, source: 'tier' });
  await db.insertMany('messages', people.flatMap((p) => [
    ...p.tierMoves.map((m, k) => message(`tierChanged:${p.openid}:rev${k}`, p, 'tierChanged', { fromLevel: m.from, toLevel: m.to, at: m.at.toISOString() }, m.at)),
    ...p.otherMessages.map((d, k) => message(`pointsExpiring:${p.openid}:${k}`, p, 'pointsExpiring', { points: 1, expiresAt: d.toISOString() }, d)),
  ]));
  await db.insertMany('task_claims', people.flatMap((p) => p.claims.map((c, k) => ({ _id: `${p.openid}|task:${c.taskId}:${k}`, openid: p.openid, taskId: c.taskId, key: `task:${c.taskId}:${k}`, result: {}, createdAt: c.at }))));
  await db.insertMany('referrals', people.flatMap((p) => (p.referral ? [{
    _id: p.openid, inviteeOpenid: p.openid, inviterOpenid: p.referredBy, code: 'X', boundAt: p.referral.boundAt, month: '2026-06', status: p.referral.firstOrderAt ? 'ordered' : 'registered', rewarded: true,
    rewards: { welcome: 0, inviterRegistered: 0, inviterFirstOrder: 0, inviterFirstOrderGrowth: 0, reversed: 0 }, firstOrderId: p.referral.firstOrderAt ? 'o' : null, firstOrderAt: p.referral.firstOrderAt,
  }] : [])));
  await db.insertMany('redemptions', people.flatMap((p) => p.redemptions.map((r, k) => ({
    _id: `${p.openid}-r${k}`, openid: p.openid, memberNo: '', requestId: `${p.openid}-r${k}`, itemId: r.itemId, itemName: r.itemName, kind: 'voucher', category: '', quantity: r.quantity, unitPoints: 100, points: r.points,
    fundedBy: { format: 'mall', storeId: null }, status: r.status, spend: { key: 'k', draws: [] }, voucher: null, voucherCode: `V-${p.openid}-${k}`, giftCard: null, membership: null, shipping: null, faceValueFen: null,
    used: r.used ? { at: r.used.at, storeId: r.used.storeId, storeName: '', staff: 'clerk' } : null,
    cancelled: r.cancelledAt ? { at: r.cancelledAt, by: 'member', reason: '', pointsReturned: r.points, forfeited: 0 } : null, createdAt: r.createdAt, updatedAt: r.createdAt, result: {},
  }))));
  await db.insertMany('benefit_vouchers', people.flatMap((p) => p.benefitUsed.map((u, k) => ({
    _id: `${p.openid}-b${k}`, openid: p.openid, memberNo: '', benefitKey: 'coupon', title: '券', description: '', level: 1, record: 'r', period: 'p', faceValueFen: null, issuerFormat: 'mall', status: 'used',
    voucherCode: `B-${p.openid}-${k}`, voucher: null, used: { at: u.at, storeId: u.storeId, storeName: '', staff: 'clerk' }, cancelled: null, issuedBy: 'job', createdAt: u.at, updatedAt: u.at,
  }))));
  await db.insertMany('nps_responses', people.flatMap((p) => (p.nps ? [{ _id: `${p.openid}:2026-Q2`, openid: p.openid, memberNo: '', quarter: '2026-Q2', score: p.nps.score, comment: null, orderId: null, surveyId: 's', answeredAt: p.nps.at }] : [])));
}

const monthOfDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
const monthsFrom = (a: string, b: string) => (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
const share = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0);
const tally = <T, R extends object>(rows: T[], keyOf: (r: T) => string, make: (r: T) => R, add: (acc: R, r: T) => void) => {
  const m = new Map<string, R>();
  for (const r of rows) { const k = keyOf(r); if (!m.has(k)) m.set(k, make(r)); add(m.get(k)!, r); }
  return [...m.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, v]) => v);
};
/** The snapshot's sort: its keys escape '.', so 'hotel.1' sorts as 'hotel%2e1'. */
const escaped = (...parts: string[]) => `k:${parts.map((p) => p.replace(/[%.$]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)).join('|')}`;

/** The cohort tables as of the day's month, straight from the seeded arrays. */
function bruteCohorts(people: Seeded[]) {
  const asOf = '2026-06';
  const months = [...new Set(people.map((p) => monthOfDay(p.createdAt)))].sort();
  return {
    asOfMonth: asOf,
    rows: months.map((month) => {
      const cohort = people.filter((p) => monthOfDay(p.createdAt) === month);
      const span = monthsFrom(month, asOf) + 1;
      const count = (monthsOf: (p: Seeded) => string[]) => Array.from({ length: span }, (_, k) => cohort.filter((p) => monthsOf(p).some((m) => monthsFrom(month, m) === k)).length);
      const buyers = count((p) => p.orders.filter((o) => o.status !== 'refunded' && o.paidAt < DAY_END).map((o) => monthOfDay(o.paidAt)));
      const redeemers = count((p) => p.redemptions.filter((r) => r.status !== 'cancelled' && r.createdAt < DAY_END).map((r) => monthOfDay(r.createdAt)));
      return { month, members: cohort.length, buyers, buyerShare: buyers.map((n) => share(n, cohort.length)), redeemers, redeemerShare: redeemers.map((n) => share(n, cohort.length)) };
    }),
  };
}

/** Every figure of the snapshot, straight from the seeded arrays. */
function bruteForce(people: Seeded[], extraLedger: Record<string, number> = {}) {
  const inDay = (d: Date | null | undefined) => !!d && d >= DAY_START && d < DAY_END;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const all = people.flatMap((p) => p.ledger);
  const ofType = (type: string, f: (d: Date) => boolean) => all.filter((e) => e.type === type && f(e.createdAt));
  const balances = sum(people.map((p) => sum(p.ledger.map((e) => e.amount))));
  const byTier = [0, 1, 2].map((level) => ({ level, members: people.filter((p) => p.tier === level).length })).filter((r) => r.members > 0);
  const windowOrders = people.map((p) => p.orders.filter((o) => o.paidAt >= ACTIVE_FROM && o.paidAt < DAY_END));
  const buyers = windowOrders.filter((os) => os.length > 0).length;
  const repeaters = windowOrders.filter((os) => os.length >= 2).length;
  const windowGmv = sum(windowOrders.flat().map((o) => o.paidFen));
  const inHistory = (d: Date) => d >= BREAKAGE_FROM && d < DAY_END;
  const expired12 = 0 - sum(ofType('expire', inHistory).map((e) => e.amount));
  const spent12 = 0 - sum(ofType('spend', inHistory).map((e) => e.amount));
  const breakage = expired12 + spent12 ? Math.round((expired12 / (expired12 + spent12)) * 10_000) / 10_000 : 0;
  const dayEntries = all.filter((x) => inDay(x.createdAt));
  const byType: Record<string, { points: number; entries: number }> = {};
  for (const e of dayEntries) {
    byType[e.type] ??= { points: 0, entries: 0 };
    byType[e.type].points += e.amount;
    byType[e.type].entries += 1;
  }
  // Months of the schedule: June 2026 (from AS_OF on) to May 2027; later after that.
  const months = ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04', '2027-05'];
  const allLots = people.flatMap((p) => p.lots);
  const lots = allLots.filter((l) => l.remaining > 0 && l.expiresAt >= at(AS_OF));
  const ledgerTotal = balances + sum(Object.values(extraLedger));
  const dayOrders = people.flatMap((p) => p.orders).filter((o) => inDay(o.paidAt));
  const sales = tally(dayOrders, (o) => escaped(o.format, o.storeId ?? ''), (o) => ({ format: o.format, storeId: o.storeId ?? '', orders: 0, gmvFen: 0, points: 0 }), (r, o) => { r.orders += 1; r.gmvFen += o.paidFen; r.points += o.points; });
  const draws = dayEntries.flatMap((e) => (e.lots ?? []).map((l) => ({ type: e.type, format: l.format, storeId: l.storeId, points: e.amount < 0 ? -l.amount : l.amount })));
  const source = (key: string) => key.split(':')[0];
  const allRedemptions = people.flatMap((p) => p.redemptions);
  const dayRedemptions = allRedemptions.filter((r) => inDay(r.createdAt));
  const writeOffs = [...allRedemptions.filter((r) => inDay(r.used?.at)).map((r) => r.used!.storeId), ...people.flatMap((p) => p.benefitUsed).filter((u) => inDay(u.at)).map((u) => u.storeId)];
  const referrals = people.flatMap((p) => (p.referral ? [p.referral] : []));
  const windowInvitees = referrals.filter((r) => r.boundAt >= ACTIVE_FROM && r.boundAt < DAY_END);
  const checkins = people.filter((p) => p.ledger.some((e) => e.key === `checkin:${DAY}` && inDay(e.createdAt))).length;
  const claims = people.flatMap((p) => p.claims.filter((c) => inDay(c.at)).map((c) => ({ ...c, openid: p.openid })));
  const nps = (answers: number[]) => {
    const promoters = answers.filter((s) => s >= 9).length;
    const detractors = answers.filter((s) => s <= 6).length;
    return { responses: answers.length, promoters, passives: answers.length - promoters - detractors, detractors, score: answers.length ? Math.round(((promoters - detractors) / answers.length) * 1000) / 10 : null };
  };
  const answers = people.flatMap((p) => (p.nps ? [p.nps] : []));
  const channel = (p: Seeded) => (p.imported ? 'import' : p.referredBy ? 'referral' : 'direct');
  const debt = sum(people.map((p) => p.debt));
  return {
    members: {
      total: people.length, new: people.filter((p) => inDay(p.createdAt)).length, byTier,
      byStage: ['active', 'dormant', 'new', 'none'].map((stage) => ({ stage, members: people.filter((p) => (p.stage ?? 'none') === stage).length })).filter((r) => r.members > 0),
      byChannel: ['direct', 'import', 'referral'].map((c) => ({ channel: c, members: people.filter((p) => channel(p) === c).length })).filter((r) => r.members > 0),
    },
    active: { days: 30, members: buyers, rate: Math.round((buyers / people.length) * 10_000) / 10_000 },
    orders: { count: dayOrders.length, gmvFen: sum(dayOrders.map((o) => o.paidFen)) },
    arpu: { windowGmvFen: windowGmv, perMemberFen: Math.round(windowGmv / people.length), perActiveMemberFen: buyers ? Math.round(windowGmv / buyers) : 0 },
    repurchase: { buyers, repeaters, rate: buyers ? Math.round((repeaters / buyers) * 10_000) / 10_000 : 0 },
    points: {
      issued: byType.earn?.points ?? 0, spent: -(byType.spend?.points ?? 0) || 0, expired: -(byType.expire?.points ?? 0) || 0,
      byType: Object.entries(byType).map(([type, v]) => ({ type, ...v })).sort((a, b) => a.type.localeCompare(b.type)),
    },
    outstandingPoints: balances,
    liability: {
      outstandingPoints: balances, fenPerPoint: 1, grossFen: Math.max(0, balances), breakageRate: breakage,
      expectedBreakagePoints: Math.round(balances * breakage), netFen: balances - Math.round(balances * breakage),
      historyMonths: 12, historyExpired: expired12, historySpent: spent12,
    },
    expirySchedule: {
      months: months.map((month) => ({ month, points: sum(lots.filter((l) => monthOfDay(l.expiresAt) === month).map((l) => l.remaining)) })),
      later: sum(lots.filter((l) => !months.includes(monthOfDay(l.expiresAt))).map((l) => l.remaining)),
    },
    reconciliation: {
      balances, ledger: ledgerTotal, ok: ledgerTotal === balances && Object.keys(extraLedger).length === 0, mismatchCount: Object.keys(extraLedger).length,
      mismatches: Object.entries(extraLedger).map(([openid, extra]) => {
        const p = people.find((x) => x.openid === openid)!;
        const b = sum(p.ledger.map((e) => e.amount));
        return { openid, balance: b, ledger: b + extra };
      }),
    },
    tiers: {
      promotions: people.flatMap((p) => p.tierMoves).filter((m) => inDay(m.at) && m.to > m.from).length,
      demotions: people.flatMap((p) => p.tierMoves).filter((m) => inDay(m.at) && m.to < m.from).length,
    },
    sales: {
      refunds: people.flatMap((p) => p.orders.flatMap((o) => o.refunds)).filter((r) => inDay(r.at)).length,
      refundFen: sum(people.flatMap((p) => p.orders.flatMap((o) => o.refunds)).filter((r) => inDay(r.at)).map((r) => r.fen)),
      byFormat: tally(dayOrders, (o) => o.format, (o) => ({ format: o.format, orders: 0, gmvFen: 0, points: 0 }), (r, o) => { r.orders += 1; r.gmvFen += o.paidFen; r.points += o.points; }),
      byStore: sales.filter((r) => r.storeId !== '').map((r) => ({ storeId: r.storeId, format: r.format, orders: r.orders, gmvFen: r.gmvFen, points: r.points })),
    },
    pointsDetail: {
      bySource: tally(dayEntries, (e) => escaped(e.type, source(e.key)), (e) => ({ type: e.type, source: source(e.key), points: 0, entries: 0 }), (r, e) => { r.points += e.amount; r.entries += 1; }),
      byFormat: tally([...dayEntries.filter((e) => !e.lots).map((e) => ({ type: e.type, format: e.format ?? '', points: e.amount })), ...draws], (d) => escaped(d.type, d.format), (d) => ({ type: d.type, format: d.format, points: 0 }), (r, d) => { r.points += d.points; }),
      byStore: tally(draws, (d) => escaped(d.type, d.storeId), (d) => ({ type: d.type, storeId: d.storeId, points: 0 }), (r, d) => { r.points += d.points; }),
      outstanding: {
        lots: sum(allLots.map((l) => l.remaining)), debt,
        byFormat: tally(allLots.filter((l) => l.remaining > 0), (l) => escaped(l.format), (l) => ({ format: l.format, points: 0 }), (r, l) => { r.points += l.remaining; }),
        byStore: tally(allLots.filter((l) => l.remaining > 0), (l) => escaped(l.storeId), (l) => ({ storeId: l.storeId, points: 0 }), (r, l) => { r.points += l.remaining; }),
      },
    },
    engagement: {
      checkins: { members: checkins, rate: share(checkins, people.length) },
      tasks: { claims: claims.length, members: new Set(claims.map((c) => c.openid)).size, byTask: tally(claims, (c) => escaped(c.taskId), (c) => ({ taskId: c.taskId, claims: 0 }), (r) => { r.claims += 1; }) },
    },
    referrals: {
      registered: referrals.filter((r) => inDay(r.boundAt)).length, firstOrders: referrals.filter((r) => inDay(r.firstOrderAt)).length,
      window: { days: 30, invited: windowInvitees.length, ordered: windowInvitees.filter((r) => r.firstOrderAt && r.firstOrderAt < DAY_END).length, rate: share(windowInvitees.filter((r) => r.firstOrderAt && r.firstOrderAt < DAY_END).length, windowInvitees.length) },
    },
    mall: {
      redemptions: dayRedemptions.length, units: sum(dayRedemptions.map((r) => r.quantity)), points: sum(dayRedemptions.map((r) => r.points)),
      cancelled: allRedemptions.filter((r) => inDay(r.cancelledAt)).length,
      byItem: tally(dayRedemptions, (r) => escaped(r.itemId), (r) => ({ itemId: r.itemId, itemName: r.itemName, redemptions: 0, units: 0, points: 0 }), (acc, r) => { acc.redemptions += 1; acc.units += r.quantity; acc.points += r.points; }),
      writeOffs: {
        mall: allRedemptions.filter((r) => inDay(r.used?.at)).length, benefit: people.flatMap((p) => p.benefitUsed).filter((u) => inDay(u.at)).length, total: writeOffs.length,
        byStore: tally(writeOffs, (s) => escaped(s), (s) => ({ storeId: s, count: 0 }), (r) => { r.count += 1; }),
      },
    },
    nps: {
      day: nps(answers.filter((a) => inDay(a.at)).map((a) => a.score)),
      month: { month: '2026-06', ...nps(answers.filter((a) => a.at >= at('2026-06-01T00:00:00+08:00') && a.at < DAY_END).map((a) => a.score)) },
    },
  };
}

const runTimer = async () => {
  const r = await fetch(`${t.url}/_triggers/stats`, { method: 'POST' });
  expect(r.status).toBe(200);
  return ((await r.json()) as { result: { data: { day: string; status: string; chunks: number } } }).result.data;
};
const snapshots = (from: string, to: string, openid = 'ds-analyst') => t.call('stats', { action: 'snapshots', from, to }, openid);

beforeAll(async () => {
  t = await startTestCloud({ seed: 'empty' });
  await t.cloud.db.insertMany('config', [{ _id: 'loyalty', rules: { stats: { membersPerChunk: CHUNK } }, version: 1 }]);
  await t.cloud.db.insertMany('staff', [{ _id: 'ds-analyst', openid: 'ds-analyst', name: '分析', role: 'analyst', storeId: null, active: true }]);
  await seedPopulation(POPULATION, t);
});

afterAll(async () => {
  await t.stop();
});

test('the snapshot of a day equals the brute-force figures, in chunks; a second run the same day writes nothing', async () => {
  // The population has what each figure needs, so none of the checks below is vacuous.
  const expected = bruteForce(POPULATION);
  expect(expected.members.new).toBeGreaterThan(0);
  expect(expected.members.byStage.length).toBeGreaterThan(2);
  expect(expected.repurchase.repeaters).toBeGreaterThan(0);
  expect(expected.liability.historyExpired).toBeGreaterThan(0);
  expect(expected.liability.historySpent).toBeGreaterThan(0);
  expect(expected.points.spent).toBeGreaterThan(0);
  expect(expected.orders.count).toBeGreaterThan(0);
  expect(expected.expirySchedule.later).toBeGreaterThan(0);
  expect(expected.expirySchedule.months[0].points).toBeGreaterThan(0);
  const nonZero = {
    promotions: expected.tiers.promotions, demotions: expected.tiers.demotions, refunds: expected.sales.refunds, stores: expected.sales.byStore.length - 2,
    drawStores: expected.pointsDetail.byStore.length - 4, debt: expected.pointsDetail.outstanding.debt, checkins: expected.engagement.checkins.members,
    tasks: expected.engagement.tasks.byTask.length - 2, registered: expected.referrals.registered, firstOrders: expected.referrals.firstOrders,
    ordered: expected.referrals.window.ordered, notOrdered: expected.referrals.window.invited - expected.referrals.window.ordered, items: expected.mall.byItem.length - 2,
    cancelled: expected.mall.cancelled, mallWriteOffs: expected.mall.writeOffs.mall, benefitWriteOffs: expected.mall.writeOffs.benefit,
    promoters: expected.nps.day.promoters, detractors: expected.nps.day.detractors, monthOnly: expected.nps.month.responses - expected.nps.day.responses,
    channels: expected.members.byChannel.length - 2,
  };
  expect(Object.entries(nonZero).filter(([, v]) => v <= 0)).toEqual([]);
  // The liability against the lots: Σ remaining points in lots − debt is the outstanding balance.
  expect(expected.pointsDetail.outstanding.lots - expected.pointsDetail.outstanding.debt).toBe(expected.outstandingPoints);
  const cohorts = bruteCohorts(POPULATION);
  expect(cohorts.rows.length).toBeGreaterThan(3);
  expect(cohorts.rows.some((r) => r.buyers.slice(1).some((n) => n > 0) && r.redeemers.slice(1).some((n) => n > 0))).toBe(true);

  await t.setClock(AS_OF, true);
  expect(await runTimer()).toEqual({ day: DAY, status: 'done', chunks: Math.ceil(POPULATION.length / CHUNK) });
  const stored = t.cloud.db.find('daily_stats', {}).docs;
  expect(stored).toHaveLength(1);

  const { body } = await snapshots(DAY, DAY);
  expect(body.error).toBeUndefined();
  expect(body.data.snapshots).toHaveLength(1);
  const { day, asOf, ...figures } = body.data.snapshots[0];
  expect([day, asOf]).toEqual([DAY, at(AS_OF).toISOString()]);
  expect(figures).toEqual(expected);
  expect((stored[0] as { cohorts: unknown }).cohorts).toEqual(cohorts);

  await t.setClock('2026-06-11T09:00:00+08:00', true);
  expect(await runTimer()).toEqual({ day: DAY, status: 'skipped', chunks: Math.ceil(POPULATION.length / CHUNK) });
  expect(t.cloud.db.find('daily_stats', {}).docs).toEqual(stored);
});

test('a ledger entry that no balance reflects is reported by the reconciliation, with the member; concurrent runs count each chunk once', async () => {
  // Two entries no balance reflects, in one chunk, that cancel out in the chunk's total: found member by member.
  await t.cloud.db.insertMany('point_ledger', [
    { _id: 'ds-0004|injected', openid: 'ds-0004', key: 'injected', seq: 99, type: 'adjust', amount: 5, balanceAfter: 0, reason: '注入', ref: 'test', issuer: 'test', createdAt: at('2025-01-01T00:00:00+08:00') },
    { _id: 'ds-0006|injected', openid: 'ds-0006', key: 'injected', seq: 99, type: 'adjust', amount: -5, balanceAfter: 0, reason: '注入', ref: 'test', issuer: 'test', createdAt: at('2025-01-01T00:00:00+08:00') },
  ]);
  await t.setClock('2026-06-12T01:00:00+08:00', true);
  // Three runs at once: each chunk is added by exactly one of them (the cursor guard), one finishes the day.
  const runs = await Promise.all([runTimer(), runTimer(), runTimer()]);
  expect(runs.filter((r) => r.status === 'done')).toEqual([{ day: '2026-06-11', status: 'done', chunks: Math.ceil(POPULATION.length / CHUNK) }]);
  expect(t.cloud.db.find('daily_stats', {}).docs).toHaveLength(2);
  const { body } = await snapshots('2026-06-01', '2026-06-30');
  expect(body.data.snapshots.map((s: { day: string }) => s.day)).toEqual([DAY, '2026-06-11']);
  const { reconciliation } = body.data.snapshots[1];
  const expected = bruteForce(POPULATION, { 'ds-0004': 5, 'ds-0006': -5 }).reconciliation;
  expect(expected.mismatchCount).toBe(2);
  expect(reconciliation).toEqual(expected);
  expect(reconciliation.ok).toBe(false);
  const before = bruteForce(POPULATION);
  expect(body.data.snapshots[1].members).toEqual({ ...before.members, new: 0 });
  expect(body.data.snapshots[1].outstandingPoints).toBe(before.outstandingPoints);
});

test('a range with the start after the end is refused, and nothing is written', async () => {
  const before = t.cloud.db.find('daily_stats', {}).docs;
  const { body } = await snapshots('2026-06-12', '2026-06-01');
  expect(body.error).toEqual({ code: 'INVALID_INPUT', message: expect.stringContaining('开始日期不能晚于结束日期') });
  expect(t.cloud.db.find('daily_stats', {}).docs).toEqual(before);
});

test('a day a run left half done is resumed from its cursor: the chunks already in the totals are not read again', async () => {
  const other = await startTestCloud({ seed: 'empty' });
  try {
    await other.cloud.db.insertMany('config', [{ _id: 'loyalty', rules: { stats: { membersPerChunk: CHUNK } }, version: 1 }]);
    await other.cloud.db.insertMany('staff', [{ _id: 'ds-analyst', openid: 'ds-analyst', name: '分析', role: 'analyst', storeId: null, active: true }]);
    await seedPopulation(POPULATION, other);
    // As an interrupted run leaves it: two chunks done, here with empty totals so that what the resumed
    // run adds is exactly the rest of the population.
    const empty = {
      members: 0, newMembers: 0, byTier: {}, byStage: {}, balances: 0, ledger: 0, dayOrders: 0, dayGmvFen: 0, buyers: 0, repeaters: 0, windowGmvFen: 0,
      pointsByType: {}, entriesByType: {}, breakageExpired: 0, breakageSpent: 0, schedule: emptySchedule(at(AS_OF)), mismatchCount: 0, mismatches: [], more: emptyMore(),
    };
    await other.cloud.db.insertMany('daily_stats', [{ _id: DAY, day: DAY, status: 'running', cursor: POPULATION[2 * CHUNK - 1].openid, chunks: 2, asOf: at(AS_OF), startedAt: at(AS_OF), updatedAt: at(AS_OF), totals: empty, snapshot: null }]);
    await other.setClock('2026-06-11T02:00:00+08:00', true);
    const r = await fetch(`${other.url}/_triggers/stats`, { method: 'POST' });
    expect(((await r.json()) as { result: { data: unknown } }).result.data).toEqual({ day: DAY, status: 'done', chunks: 2 + Math.ceil((POPULATION.length - 2 * CHUNK) / CHUNK) });
    const { body } = await other.call('stats', { action: 'snapshots', from: DAY, to: DAY }, 'ds-analyst');
    const { day, asOf, ...figures } = body.data.snapshots[0];
    expect([day, asOf]).toEqual([DAY, at(AS_OF).toISOString()]);
    expect(figures).toEqual(bruteForce(POPULATION.slice(2 * CHUNK)));
  } finally {
    await other.stop();
  }
});
