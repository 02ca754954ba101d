// The settlement of a period: per pair of formats, the points one issued that the other redeemed and their value.
import { Text, View } from '@tarojs/components';
import { formatNumber } from '../../../utils/format';
import { formatYuan } from '../period';
import type { SettlementReport } from '../settlement-store';

export default function SettlementTable({ report }: { report: SettlementReport }) {
  if (report.rows.length === 0) {
    return <Text className='staff-card__meta settlement-empty'>该期间没有积分兑换，无需结算</Text>;
  }
  return (
    <View className='settlement-table'>
      <View className='staff-table-head'>
        <Text className='staff-col--pair'>发放业态 → 兑换业态</Text>
        <Text className='staff-col--num'>积分</Text>
        <Text className='staff-col--num'>金额</Text>
      </View>
      {report.rows.map((r) => (
        <View key={`${r.issuerFormat}>${r.redeemerFormat}`} className='settlement-row' data-issuer={r.issuerFormat} data-redeemer={r.redeemerFormat}>
          <Text className='staff-col--pair settlement-row__pair'>
            {r.issuerName} → {r.redeemerName}
            {!r.crossFormat && <Text className='settlement-row__same'>本业态</Text>}
          </Text>
          <Text className='staff-col--num settlement-row__points'>{formatNumber(r.points)}</Text>
          <Text className='staff-col--num settlement-row__value'>{formatYuan(r.valueFen)}</Text>
        </View>
      ))}
      <View className='settlement-total settlement-total--cross'>
        <Text className='staff-col--pair'>跨业态合计</Text>
        <Text className='staff-col--num settlement-total__points'>{formatNumber(report.totals.crossFormatPoints)}</Text>
        <Text className='staff-col--num settlement-total__value'>{formatYuan(report.totals.crossFormatValueFen)}</Text>
      </View>
      <View className='settlement-total settlement-total--all'>
        <Text className='staff-col--pair'>合计</Text>
        <Text className='staff-col--num settlement-total__points'>{formatNumber(report.totals.points)}</Text>
        <Text className='staff-col--num settlement-total__value'>{formatYuan(report.totals.valueFen)}</Text>
      </View>
    </View>
  );
}
