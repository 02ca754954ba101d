// Settlement between business formats (多业态大会员): points issued by one format and redeemed in another are billed
// between them. Every spend entry records the lots (and so the issuing formats) that paid and the format where the
// points were redeemed (`redeemFormat`); a cancelled spend ('refund' entry) takes back what it returned.
//
// For each (issuer, redeemer) pair: points = Σ spend draws − Σ refund returns (a refund's `settledDebt`, which paid a
// negative balance instead of a lot, counts against issuer ''). So Σ pairs == Σ(−spend amounts) − Σ(refund amounts)
// of the period exactly. Value per pair = points × fenPerPoint, rounded half away from zero; totals sum the rows.
import type { LotDraw } from './ledger';

export interface SettlementEntry {
  type: string;
  amount: number;
  lots?: LotDraw[];
  settledDebt?: number;
  redeemFormat?: string | null;
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
}

/** points × rate in fen, half away from zero; the rate is honoured to two decimals. */
export function valueInFen(points: number, fenPerPoint: number): number {
  const rateHundredths = Math.round(fenPerPoint * 100);
  const exact = Math.abs(points) * rateHundredths; // hundredths of a fen, an integer
  const fen = Math.floor((exact + 50) / 100);
  return points < 0 ? -fen : fen;
}

export function settle(entries: SettlementEntry[], fenPerPoint: number): SettlementReport {
  const pairs = new Map<string, { issuerFormat: string; redeemerFormat: string; points: number }>();
  const add = (issuer: string, redeemer: string, points: number) => {
    const key = `${issuer}\u0000${redeemer}`;
    const row = pairs.get(key) ?? { issuerFormat: issuer, redeemerFormat: redeemer, points: 0 };
    row.points += points;
    pairs.set(key, row);
  };
  const ledger = { spendEntries: 0, refundEntries: 0, spent: 0, returned: 0, net: 0 };
  for (const e of entries) {
    const redeemer = e.redeemFormat ?? '';
    if (e.type === 'spend') {
      ledger.spendEntries += 1;
      ledger.spent += -e.amount;
      for (const d of e.lots ?? []) add(d.format ?? '', redeemer, d.amount);
    } else if (e.type === 'refund') {
      ledger.refundEntries += 1;
      ledger.returned += e.amount;
      for (const d of e.lots ?? []) add(d.format ?? '', redeemer, -d.amount);
      if (e.settledDebt) add('', redeemer, -e.settledDebt);
    }
  }
  ledger.net = ledger.spent - ledger.returned;
  const rows: SettlementRow[] = [...pairs.values()]
    .filter((r) => r.points !== 0)
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
  return { rows, byIssuer, byRedeemer, balanceFen, totals, ledger };
}
