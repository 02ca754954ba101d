// 结算报表 (managers and admins): pick 本月, 上月 or custom days, and read the settlement between business formats or
// between stores.
import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { csvText, saveText } from '../../../utils/csv-file';
import { formatShanghaiDateTime } from '../../../utils/format';
import DateField from '../components/DateField';
import { FormatSettlementTable, StoreSettlementTable } from '../components/SettlementTable';
import { periodProblem, presetPeriod, shanghaiToday, type PeriodKind } from '../period';
import { settlementStore, useSettlement, type SettlementReport } from '../settlement-store';
import '../staff.scss';

const TABS: Array<{ kind: PeriodKind; label: string }> = [
  { kind: 'thisMonth', label: '本月' },
  { kind: 'lastMonth', label: '上月' },
  { kind: 'custom', label: '自定义' },
];

const VIEWS = [
  { view: 'formats', label: '按业态' },
  { view: 'stores', label: '按门店' },
] as const;
type View = (typeof VIEWS)[number]['view'];

const yuanCell = (fen: number) => (fen / 100).toFixed(2);

/** The report as a spreadsheet: per pair of formats, the totals and what each format owes or is owed; then the same per store. */
export function settlementCsv(r: SettlementReport): string {
  return csvText([
    ['结算周期', `${r.from} 至 ${r.to}`, '每积分（分）', r.fenPerPoint],
    [],
    ['发放业态', '兑换业态', '积分', '金额（元）', '跨业态'],
    ...r.rows.map((x) => [x.issuerName, x.redeemerName, x.points, yuanCell(x.valueFen), x.crossFormat ? '是' : '否']),
    ['跨业态合计', '', r.totals.crossFormatPoints, yuanCell(r.totals.crossFormatValueFen), ''],
    ['合计', '', r.totals.points, yuanCell(r.totals.valueFen), ''],
    [],
    ['业态', '应付（+）/ 应收（−）（元）'],
    ...Object.entries(r.balanceFen).map(([format, fen]) => [r.formatNames[format] ?? format, yuanCell(fen)]),
    [],
    ['发放门店', '兑换门店', '积分', '金额（元）', '跨门店'],
    ...r.stores.rows.map((x) => [x.issuerStoreName, x.redeemerStoreName, x.points, yuanCell(x.valueFen), x.crossStore ? '是' : '否']),
    ['跨门店合计', '', r.stores.totals.crossStorePoints, yuanCell(r.stores.totals.crossStoreValueFen), ''],
    ['门店合计', '', r.stores.totals.points, yuanCell(r.stores.totals.valueFen), ''],
    [],
    ['门店', '应付（+）/ 应收（−）（元）', '发放积分', '兑换积分'],
    ...r.stores.byStore.map((x) => [x.storeName, yuanCell(x.balanceFen), x.issued, x.redeemed]),
    [],
    ['账本核对', r.reconciled ? '一致' : '不一致', '兑换积分', r.ledger.spent, '退回积分', r.ledger.returned],
    [],
    ['权益券发放业态', '核销业态', '张数', '面值（元）', '跨业态'],
    ...r.benefits.rows.map((x) => [x.issuerName, x.redeemerName, x.vouchers, yuanCell(x.valueFen), x.crossFormat ? '是' : '否']),
    ['权益券跨业态合计', '', r.benefits.totals.crossFormatVouchers, yuanCell(r.benefits.totals.crossFormatValueFen), ''],
  ]);
}

/** 权益券成本: benefit vouchers one format issued and another's store wrote off (not points), at face value. */
function BenefitCosts({ report }: { report: SettlementReport }) {
  const { rows, totals } = report.benefits;
  return (
    <View className='settlement-benefits'>
      <Text className='staff-card__title'>权益券成本（业态间）</Text>
      {rows.length === 0 && <Text className='staff-card__meta settlement-benefits-empty'>本期没有核销的权益券</Text>}
      {rows.map((r) => (
        <Text key={`${r.issuerFormat}-${r.redeemerFormat}`} className={`staff-card__meta settlement-benefit${r.crossFormat ? ' settlement-benefit--cross' : ''}`}>
          {r.issuerName} 发放 → {r.redeemerName} 核销：{r.vouchers} 张，面值 {yuanCell(r.valueFen)} 元{r.crossFormat ? '' : '（同业态，不结算）'}
        </Text>
      ))}
      {totals.crossFormatVouchers > 0 && (
        <Text className='staff-card__meta settlement-benefits-total'>跨业态合计 {totals.crossFormatVouchers} 张，{yuanCell(totals.crossFormatValueFen)} 元，由发放业态承担</Text>
      )}
    </View>
  );
}

export default function Settlement() {
  const { data: report, status, error } = useSettlement((s) => s.report);
  const period = useSettlement((s) => s.period);
  const [kind, setKind] = useState<PeriodKind>('thisMonth');
  const [from, setFrom] = useState(() => presetPeriod('thisMonth').from);
  const [to, setTo] = useState(() => shanghaiToday());
  const [view, setView] = useState<View>('formats');

  useEffect(() => void settlementStore.getState().load(presetPeriod('thisMonth')), []);

  const pick = (k: PeriodKind) => {
    setKind(k);
    if (k !== 'custom') void settlementStore.getState().load(presetPeriod(k));
  };

  const query = () => {
    const p = { from: from.trim(), to: to.trim() };
    const problem = periodProblem(p);
    if (problem) return void Taro.showToast({ title: problem, icon: 'none' });
    void settlementStore.getState().load(p);
  };

  return (
    <View className='staff settlement'>
      <View className='staff-card'>
        <Text className='staff-card__title'>结算周期</Text>
        <View className='staff-tabs'>
          {TABS.map((t) => (
            <View key={t.kind} className={`staff-tab period-tab period-tab--${t.kind}${kind === t.kind ? ' staff-tab--active' : ''}`} onClick={() => pick(t.kind)}>{t.label}</View>
          ))}
        </View>
        {kind === 'custom' && (
          <View className='custom-period'>
            <View className='staff-dates'>
              <DateField className='period-from' placeholder='开始日期 YYYY-MM-DD' value={from} onChange={setFrom} />
              <Text className='staff-card__meta'>至</Text>
              <DateField className='period-to' placeholder='结束日期 YYYY-MM-DD' value={to} onChange={setTo} />
            </View>
            <View className='staff-button period-submit' onClick={query}>查询</View>
          </View>
        )}
        {period && <Text className='staff-card__meta settlement-period'>{period.from} 至 {period.to}</Text>}
      </View>

      <View className='staff-card'>
        <Text className='staff-card__title'>{view === 'formats' ? '业态间积分结算' : '门店间积分结算'}</Text>
        <View className='staff-tabs settlement-views'>
          {VIEWS.map((v) => (
            <View key={v.view} className={`staff-tab settlement-view settlement-view--${v.view}${view === v.view ? ' staff-tab--active' : ''}`} onClick={() => setView(v.view)}>{v.label}</View>
          ))}
        </View>
        {status === 'loading' && <Text className='staff-card__meta settlement-loading'>加载中…</Text>}
        {status === 'error' && error && (
          <View className='settlement-error-box'>
            <Text className='staff-error settlement-error'>{error.message}</Text>
            {period && <View className='staff-button staff-button--ghost settlement-retry' onClick={() => void settlementStore.getState().load(period)}>重试</View>}
          </View>
        )}
        {status === 'ready' && report && (
          <View className='settlement-report'>
            <Text className='staff-card__meta'>每积分 {report.fenPerPoint} 分 · 生成于 {formatShanghaiDateTime(report.generatedAt)}</Text>
            {view === 'formats' ? <FormatSettlementTable report={report} /> : <StoreSettlementTable report={report} />}
            <BenefitCosts report={report} />
            <View className='staff-button staff-button--ghost settlement-export' onClick={() => saveText(`积分结算-${report.from}-${report.to}.csv`, settlementCsv(report))}>导出 CSV</View>
          </View>
        )}
      </View>
    </View>
  );
}
