// Settlement between business formats (多业态大会员): points issued by one format and redeemed in another are billed
// between them. Every spend entry records the lots (and so the issuing formats) that paid and the format where the
// points were redeemed (`redeemFormat`); a cancelled spend ('refund' entry) takes back what it returned.
//
// For each (issuer, redeemer) pair: points = Σ spend draws − Σ refund returns (a refund's `settledDebt`, which paid a
// negative balance instead of a lot, counts against issuer ''). So Σ pairs == Σ(−spend amounts) − Σ(refund amounts)
// of the period exactly. Value per pair = points × fenPerPoint, rounded half away from zero; totals sum the rows.
//
// The same draws also give the view per store (`stores`): the lot remembers the store whose sale issued it (points
// without one, such as registration gifts or lots older than stores on lots, count under store ''), the spend entry
// the store that funds the item (`redeemStoreId`, '' when a whole format funds it). Store rows are valued per store
// pair, so their total value may differ from the format rows' by rounding; their points are the same.
import type { LotDraw } from './ledger';

export interface SettlementEntry {
  type: string;
  amount: number;
  lots?: LotDraw[];
  settledDebt?: number;
  redeemFormat?: string | null;
  redeemStoreId?: string | null;
}

export interface StoreSettlementRow {
  issuerStoreId: string;
  issuerFormat: string;
  redeemerStoreId: string;
  redeemerFormat: string;
  points: number;
  valueFen: number;
  /** Issued by one store and redeemed in another. */
  crossStore: boolean;
}

export interface StoreSettlement {
  rows: StoreSettlementRow[];
  /** Per store: points its sales issued that were redeemed (anywhere), points redeemed at it, and what it owes (+) or is owed (−) other stores, in fen. */
  byStore: Record<string, { issued: number; redeemed: number; balanceFen: number }>;
  totals: { points: number; valueFen: number; crossStorePoints: number; crossStoreValueFen: number };
}

export interface SettlementRow {
  issuerFormat: string;
  redeemerFormat: string;
  points: number;
  valueFen: number;
  /** Issued by one format and redeemed in another: the rows formats bill each other for. */
  crossFormat: boolean;
}

export interface SettlementReport {
  rows: SettlementRow[];
  /** Net points per issuing format (what each format's members' points paid for) and per redeeming format. */
  byIssuer: Record<string, number>;
  byRedeemer: Record<string, number>;
  /** What each format owes (+) or is owed (−) across formats, in fen: redeemers bill issuers. */
  balanceFen: Record<string, number>;
  totals: { points: number; valueFen: number; crossFormatPoints: number; crossFormatValueFen: number };
  /** The same period straight from the ledger: spent − returned must equal totals.points. */
  ledger: { spendEntries: number; refundEntries: number; spent: number; returned: number; net: number };
  stores: StoreSettlement;
}

/** points × rate in fen, half away from zero; the rate is honoured to two decimals. */
export function valueInFen(points: number, fenPerPoint: number): number {
  const rateHundredths = Math.round(fenPerPoint * 100);
  const exact = Math.abs(points) * rateHundredths; // hundredths of a fen, an integer
  const fen = Math.floor((exact + 50) / 100);
  return points < 0 ? -fen : fen;
}

interface Draw { issuerFormat: string; issuerStoreId: string; redeemerFormat: string; redeemerStoreId: string; points: number }

/** Every point a spend drew (+) or a refund gave back (−), with where it was issued and where it was redeemed. */
function drawsOf(entries: SettlementEntry[]) {
  const draws: Draw[] = [];
  const ledger = { spendEntries: 0, refundEntries: 0, spent: 0, returned: 0, net: 0 };
  for (const e of entries) {
    const redeemer = { redeemerFormat: e.redeemFormat ?? '', redeemerStoreId: e.redeemStoreId ?? '' };
    const add = (d: Pick<LotDraw, 'format' | 'storeId'>, points: number) =>
      draws.push({ issuerFormat: d.format ?? '', issuerStoreId: d.storeId ?? '', ...redeemer, points });
    if (e.type === 'spend') {
      ledger.spendEntries += 1;
      ledger.spent += -e.amount;
      for (const d of e.lots ?? []) add(d, d.amount);
    } else if (e.type === 'refund') {
      ledger.refundEntries += 1;
      ledger.returned += e.amount;
      for (const d of e.lots ?? []) add(d, -d.amount);
      if (e.settledDebt) add({ format: '' }, -e.settledDebt);
    }
  }
  ledger.net = ledger.spent - ledger.returned;
  return { draws, ledger };
}

/** Sums draws by `keyOf`, drops pairs that net to 0. */
function pairsOf<T extends object>(draws: Draw[], keyOf: (d: Draw) => string, rowOf: (d: Draw) => T): (T & { points: number })[] {
  const pairs = new Map<string, T & { points: number }>();
  for (const d of draws) {
    const key = keyOf(d);
    const row = pairs.get(key) ?? { ...rowOf(d), points: 0 };
    row.points += d.points;
    pairs.set(key, row);
  }
  return [...pairs.values()].filter((r) => r.points !== 0);
}

function settleStores(draws: Draw[], fenPerPoint: number): StoreSettlement {
  const rows: StoreSettlementRow[] = pairsOf(draws, (d) => `${d.issuerStoreId}\u0000${d.issuerFormat}\u0000${d.redeemerStoreId}\u0000${d.redeemerFormat}`,
    (d) => ({ issuerStoreId: d.issuerStoreId, issuerFormat: d.issuerFormat, redeemerStoreId: d.redeemerStoreId, redeemerFormat: d.redeemerFormat }))
    .map((r) => ({ ...r, valueFen: valueInFen(r.points, fenPerPoint), crossStore: r.issuerStoreId !== r.redeemerStoreId }))
    .sort((a, b) => a.issuerStoreId.localeCompare(b.issuerStoreId) || a.redeemerStoreId.localeCompare(b.redeemerStoreId)
      || a.issuerFormat.localeCompare(b.issuerFormat) || a.redeemerFormat.localeCompare(b.redeemerFormat));
  const byStore: StoreSettlement['byStore'] = {};
  const of = (id: string) => (byStore[id] ??= { issued: 0, redeemed: 0, balanceFen: 0 });
  const totals = { points: 0, valueFen: 0, crossStorePoints: 0, crossStoreValueFen: 0 };
  for (const r of rows) {
    of(r.issuerStoreId).issued += r.points;
    of(r.redeemerStoreId).redeemed += r.points;
    totals.points += r.points;
    totals.valueFen += r.valueFen;
    if (r.crossStore) {
      totals.crossStorePoints += r.points;
      totals.crossStoreValueFen += r.valueFen;
      of(r.issuerStoreId).balanceFen += r.valueFen;
      of(r.redeemerStoreId).balanceFen -= r.valueFen;
    }
  }
  return { rows, byStore, totals };
}

export function settle(entries: SettlementEntry[], fenPerPoint: number): SettlementReport {
  const { draws, ledger } = drawsOf(entries);
  const rows: SettlementRow[] = pairsOf(draws, (d) => `${d.issuerFormat}\u0000${d.redeemerFormat}`, (d) => ({ issuerFormat: d.issuerFormat, redeemerFormat: d.redeemerFormat }))
    .map((r) => ({ ...r, valueFen: valueInFen(r.points, fenPerPoint), crossFormat: r.issuerFormat !== r.redeemerFormat }))
    .sort((a, b) => a.issuerFormat.localeCompare(b.issuerFormat) || a.redeemerFormat.localeCompare(b.redeemerFormat));
  const byIssuer: Record<string, number> = {};
  const byRedeemer: Record<string, number> = {};
  const balanceFen: Record<string, number> = {};
  const totals = { points: 0, valueFen: 0, crossFormatPoints: 0, crossFormatValueFen: 0 };
  for (const r of rows) {
    byIssuer[r.issuerFormat] = (byIssuer[r.issuerFormat] ?? 0) + r.points;
    byRedeemer[r.redeemerFormat] = (byRedeemer[r.redeemerFormat] ?? 0) + r.points;
    totals.points += r.points;
    totals.valueFen += r.valueFen;
    if (r.crossFormat) {
      totals.crossFormatPoints += r.points;
      totals.crossFormatValueFen += r.valueFen;
      balanceFen[r.issuerFormat] = (balanceFen[r.issuerFormat] ?? 0) + r.valueFen;
      balanceFen[r.redeemerFormat] = (balanceFen[r.redeemerFormat] ?? 0) - r.valueFen;
    }
  }
  return { rows, byIssuer, byRedeemer, balanceFen, totals, ledger, stores: settleStores(draws, fenPerPoint) };
}

/** A tier benefit voucher written off in the period (权益通): who bears its cost and where it was used. */
export interface BenefitUse { issuerFormat: string; redeemerFormat: string; faceValueFen: number | null }

export interface BenefitSettlementRow { issuerFormat: string; redeemerFormat: string; vouchers: number; valueFen: number; crossFormat: boolean }

/**
 * Benefit costs between formats (not points): each benefit voucher written off in the period, valued at its face value
 * (a service without one counts 0 fen), per (issuing format, redeeming format) pair. A voucher used in another format
 * than the one that issued it is that format's cost: the issuer owes (+) the redeemer (−) its value.
 */
export function settleBenefits(uses: BenefitUse[]) {
  const pairs = new Map<string, BenefitSettlementRow>();
  for (const u of uses) {
    const id = `${u.issuerFormat}\u0000${u.redeemerFormat}`;
    const row = pairs.get(id) ?? { issuerFormat: u.issuerFormat, redeemerFormat: u.redeemerFormat, vouchers: 0, valueFen: 0, crossFormat: u.issuerFormat !== u.redeemerFormat };
    row.vouchers += 1;
    row.valueFen += u.faceValueFen ?? 0;
    pairs.set(id, row);
  }
  const rows = [...pairs.values()].sort((a, b) => a.issuerFormat.localeCompare(b.issuerFormat) || a.redeemerFormat.localeCompare(b.redeemerFormat));
  const balanceFen: Record<string, number> = {};
  for (const r of rows) {
    if (!r.crossFormat) continue;
    balanceFen[r.issuerFormat] = (balanceFen[r.issuerFormat] ?? 0) + r.valueFen;
    balanceFen[r.redeemerFormat] = (balanceFen[r.redeemerFormat] ?? 0) - r.valueFen;
  }
  const cross = rows.filter((r) => r.crossFormat);
  return {
    rows,
    balanceFen,
    totals: {
      vouchers: rows.reduce((s, r) => s + r.vouchers, 0),
      valueFen: rows.reduce((s, r) => s + r.valueFen, 0),
      crossFormatVouchers: cross.reduce((s, r) => s + r.vouchers, 0),
      crossFormatValueFen: cross.reduce((s, r) => s + r.valueFen, 0),
    },
  };
}
