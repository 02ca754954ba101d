// The settlement of a period, per pair of formats or per pair of stores: the points one issued that the other
// redeemed and their value, then the cross-pair and overall totals (and, per store, what each owes or is owed).
import { Text, View } from '@tarojs/components';
import { formatNumber } from '../../../utils/format';
import { formatYuan } from '../period';
import type { SettlementReport } from '../settlement-store';

interface PairRow { key: string; issuer: string; redeemer: string; label: string; same: string | null; points: number; valueFen: number }
interface Totals { crossLabel: string; crossPoints: number; crossValueFen: number; points: number; valueFen: number }

function PairTable({ head, rows, totals, rowClass }: { head: string; rows: PairRow[]; totals: Totals; rowClass: string }) {
  if (rows.length === 0) return <Text className='staff-card__meta settlement-empty'>该期间没有积分兑换，无需结算</Text>;
  const total = (kind: string, label: string, points: number, valueFen: number) => (
    <View className={`settlement-total settlement-total--${kind}`}>
      <Text className='staff-col--pair'>{label}</Text>
      <Text className='staff-col--num settlement-total__points'>{formatNumber(points)}</Text>
      <Text className='staff-col--num settlement-total__value'>{formatYuan(valueFen)}</Text>
    </View>
  );
  return (
    <>
      <View className='staff-table-head'>
        <Text className='staff-col--pair'>{head}</Text>
        <Text className='staff-col--num'>积分</Text>
        <Text className='staff-col--num'>金额</Text>
      </View>
      {rows.map((r) => (
        <View key={r.key} className={`settlement-row ${rowClass}`} data-issuer={r.issuer} data-redeemer={r.redeemer}>
          <Text className='staff-col--pair settlement-row__pair'>
            {r.label}
            {r.same && <Text className='settlement-row__same'>{r.same}</Text>}
          </Text>
          <Text className='staff-col--num settlement-row__points'>{formatNumber(r.points)}</Text>
          <Text className='staff-col--num settlement-row__value'>{formatYuan(r.valueFen)}</Text>
        </View>
      ))}
      {total('cross', totals.crossLabel, totals.crossPoints, totals.crossValueFen)}
      {total('all', '合计', totals.points, totals.valueFen)}
    </>
  );
}

export function FormatSettlementTable({ report }: { report: SettlementReport }) {
  const { totals } = report;
  return (
    <View className='settlement-table'>
      <PairTable
        head='发放业态 → 兑换业态'
        rowClass='settlement-format-row'
        rows={report.rows.map((r) => ({
          key: `${r.issuerFormat}>${r.redeemerFormat}`, issuer: r.issuerFormat, redeemer: r.redeemerFormat, label: `${r.issuerName} → ${r.redeemerName}`,
          same: r.crossFormat ? null : '本业态', points: r.points, valueFen: r.valueFen,
        }))}
        totals={{ crossLabel: '跨业态合计', crossPoints: totals.crossFormatPoints, crossValueFen: totals.crossFormatValueFen, points: totals.points, valueFen: totals.valueFen }}
      />
    </View>
  );
}

export function StoreSettlementTable({ report }: { report: SettlementReport }) {
  const { rows, byStore, totals } = report.stores;
  return (
    <View className='settlement-table settlement-table--stores'>
      <PairTable
        head='发放门店 → 兑换门店'
        rowClass='settlement-store-row'
        rows={rows.map((r) => ({
          key: `${r.issuerStoreId}|${r.issuerFormat}>${r.redeemerStoreId}|${r.redeemerFormat}`, issuer: r.issuerStoreId, redeemer: r.redeemerStoreId,
          label: `${r.issuerStoreName} → ${r.redeemerStoreName}`, same: r.crossStore || !r.issuerStoreId ? null : '本店', points: r.points, valueFen: r.valueFen,
        }))}
        totals={{ crossLabel: '跨门店合计', crossPoints: totals.crossStorePoints, crossValueFen: totals.crossStoreValueFen, points: totals.points, valueFen: totals.valueFen }}
      />
      {rows.length > 0 && (
        <>
          <View className='staff-table-head settlement-balance-head'>
            <Text className='staff-col--pair'>门店</Text>
            <Text className='staff-col--num'>应付 / 应收</Text>
          </View>
          {byStore.map((s) => (
            <View key={s.storeId || 'none'} className='settlement-row settlement-store-balance' data-store={s.storeId}>
              <Text className='staff-col--pair'>{s.storeName}</Text>
              <Text className={`staff-col--num settlement-balance__value${s.balanceFen > 0 ? ' settlement-balance--owes' : s.balanceFen < 0 ? ' settlement-balance--owed' : ''}`}>
                {s.balanceFen > 0 ? `应付 ${formatYuan(s.balanceFen)}` : s.balanceFen < 0 ? `应收 ${formatYuan(-s.balanceFen)}` : '无'}
              </Text>
            </View>
          ))}
        </>
      )}
    </View>
  );
}
