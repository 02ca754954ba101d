// staff.settlement: for a period, the points each business format (and each store) issued that another redeemed, and
// their value in fen, computed from the ledger's spend and refund entries (core/settlement.ts); and the tier benefit
// vouchers one format issued that another's store wrote off, at their face value (benefit costs, not points). Managers and admins only.
import type { Output, ParsedInput } from '../../contract';
import { settle, settleBenefits, type SettlementEntry } from '../core/settlement';
import { addDays, shanghaiDayStart } from '../core/time';
import { loadConfig } from '../runtime/configStore';
import type { StaffContext } from '../runtime/handler';
import { allStores, formatNames } from './stores';

const NO_STORE = '未指明门店';

const PAGE = 1000;

export async function settlement({ db, input, now }: StaffContext<ParsedInput<'staff', 'settlement'>>): Promise<Output<'staff', 'settlement'>> {
  const start = shanghaiDayStart(input.from);
  const end = shanghaiDayStart(addDays(input.to, 1));
  const _ = db.command;
  const [config, names, stores] = await Promise.all([loadConfig(db), formatNames(db), allStores(db)]);
  const entries: SettlementEntry[] = [];
  for (let skip = 0; ; skip += PAGE) {
    const { data } = await db.collection('point_ledger')
      .where({ type: _.in(['spend', 'refund']), createdAt: _.gte(start).and(_.lt(end)) })
      .orderBy('createdAt', 'asc').orderBy('_id', 'asc').skip(skip).limit(PAGE)
      .field({ type: true, amount: true, lots: true, settledDebt: true, redeemFormat: true, redeemStoreId: true }).get();
    entries.push(...data);
    if (data.length < PAGE) break;
  }
  const report = settle(entries, config.settlement.fenPerPoint);
  // Benefit vouchers written off in the period: their cost belongs to the format that issued them.
  const uses: Array<{ issuerFormat: string; faceValueFen: number | null; used: { format?: string; storeId: string } | null }> = [];
  for (let skip = 0; ; skip += PAGE) {
    const { data } = await db.collection('benefit_vouchers')
      .where({ status: 'used', 'used.at': _.gte(start).and(_.lt(end)) })
      .orderBy('used.at', 'asc').orderBy('_id', 'asc').skip(skip).limit(PAGE)
      .field({ issuerFormat: true, faceValueFen: true, used: true }).get();
    uses.push(...data);
    if (data.length < PAGE) break;
  }
  const formatOfStore = new Map(stores.map((s) => [s._id, s.format]));
  const benefits = settleBenefits(uses.map((u) => ({
    issuerFormat: u.issuerFormat ?? '', faceValueFen: u.faceValueFen ?? null, redeemerFormat: u.used?.format ?? formatOfStore.get(u.used?.storeId ?? '') ?? '',
  })));
  const nameOf = (f: string) => names[f] ?? f;
  const storeById = new Map(stores.map((s) => [s._id, s]));
  const storeName = (id: string) => (id ? storeById.get(id)?.name ?? id : NO_STORE);
  const { rows: storeRows, byStore, totals: storeTotals } = report.stores;
  return {
    from: input.from,
    to: input.to,
    generatedAt: now.toISOString(),
    fenPerPoint: config.settlement.fenPerPoint,
    rows: report.rows.map((r) => ({ ...r, issuerName: nameOf(r.issuerFormat), redeemerName: nameOf(r.redeemerFormat) })),
    byIssuer: report.byIssuer,
    byRedeemer: report.byRedeemer,
    balanceFen: report.balanceFen,
    formatNames: names,
    totals: report.totals,
    ledger: report.ledger,
    reconciled: report.totals.points === report.ledger.net,
    stores: {
      rows: storeRows.map((r) => ({ ...r, issuerStoreName: storeName(r.issuerStoreId), redeemerStoreName: storeName(r.redeemerStoreId) })),
      byStore: Object.entries(byStore)
        .map(([storeId, v]) => ({ storeId, storeName: storeName(storeId), format: storeById.get(storeId)?.format ?? '', ...v }))
        .sort((a, b) => (a.storeId === '' ? 1 : 0) - (b.storeId === '' ? 1 : 0) || a.storeName.localeCompare(b.storeName, 'zh-CN')),
      totals: storeTotals,
    },
    benefits: {
      rows: benefits.rows.map((r) => ({ ...r, issuerName: nameOf(r.issuerFormat), redeemerName: nameOf(r.redeemerFormat) })),
      balanceFen: benefits.balanceFen,
      totals: benefits.totals,
    },
  };
}
