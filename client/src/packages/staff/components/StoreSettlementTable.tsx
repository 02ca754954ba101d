// The settlement per store: per pair of stores, the points one store's sales issued that the other redeemed, then
// what each store owes (+) or is owed (−) the others.
import { Text, View } from '@tarojs/components';
import { formatNumber } from '../../../utils/format';
import { formatYuan } from '../period';
import type { SettlementReport } from '../settlement-store';

export default function StoreSettlementTable({ report }: { report: SettlementReport }) {
  const { rows, byStore, totals } = report.stores;
  if (rows.length === 0) {
    return <Text className='staff-card__meta settlement-empty'>该期间没有积分兑换，无需结算</Text>;
  }
  return (
    <View className='settlement-table settlement-table--stores'>
      <View className='staff-table-head'>
        <Text className='staff-col--pair'>发放门店 → 兑换门店</Text>
        <Text className='staff-col--num'>积分</Text>
        <Text className='staff-col--num'>金额</Text>
      </View>
      {rows.map((r) => (
        <View key={`${r.issuerStoreId}|${r.issuerFormat}>${r.redeemerStoreId}|${r.redeemerFormat}`} className='settlement-row settlement-store-row' data-issuer={r.issuerStoreId} data-redeemer={r.redeemerStoreId}>
          <Text className='staff-col--pair settlement-row__pair'>
            {r.issuerStoreName} → {r.redeemerStoreName}
            {!r.crossStore && r.issuerStoreId !== '' && <Text className='settlement-row__same'>本店</Text>}
          </Text>
          <Text className='staff-col--num settlement-row__points'>{formatNumber(r.points)}</Text>
          <Text className='staff-col--num settlement-row__value'>{formatYuan(r.valueFen)}</Text>
        </View>
      ))}
      <View className='settlement-total settlement-total--cross'>
        <Text className='staff-col--pair'>跨门店合计</Text>
        <Text className='staff-col--num settlement-total__points'>{formatNumber(totals.crossStorePoints)}</Text>
        <Text className='staff-col--num settlement-total__value'>{formatYuan(totals.crossStoreValueFen)}</Text>
      </View>
      <View className='settlement-total settlement-total--all'>
        <Text className='staff-col--pair'>合计</Text>
        <Text className='staff-col--num settlement-total__points'>{formatNumber(totals.points)}</Text>
        <Text className='staff-col--num settlement-total__value'>{formatYuan(totals.valueFen)}</Text>
      </View>
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
    </View>
  );
}
