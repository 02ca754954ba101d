// 结算报表 (managers and admins): pick 本月, 上月 or custom days, and read the settlement between business formats.
import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatShanghaiDateTime } from '../../../utils/format';
import DateField from '../components/DateField';
import SettlementTable from '../components/SettlementTable';
import { periodProblem, presetPeriod, shanghaiToday, type PeriodKind } from '../period';
import { settlementStore, useSettlement } from '../settlement-store';
import '../staff.scss';

const TABS: Array<{ kind: PeriodKind; label: string }> = [
  { kind: 'thisMonth', label: '本月' },
  { kind: 'lastMonth', label: '上月' },
  { kind: 'custom', label: '自定义' },
];

export default function Settlement() {
  const { data: report, status, error } = useSettlement((s) => s.report);
  const period = useSettlement((s) => s.period);
  const [kind, setKind] = useState<PeriodKind>('thisMonth');
  const [from, setFrom] = useState(() => presetPeriod('thisMonth').from);
  const [to, setTo] = useState(() => shanghaiToday());

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
        <Text className='staff-card__title'>业态间积分结算</Text>
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
            <SettlementTable report={report} />
          </View>
        )}
      </View>
    </View>
  );
}
