// 数据看板 · 经营健康: the seeds' indicators of the range (member growth, active rate, ARPU, repurchase as retention,
// tier promotion rate, NPS), each with its change against the same days a month earlier, and their daily trend.
import { View } from '@tarojs/components';
import InsightChart from '../components/InsightChart';
import InsightFrame, { DataTable, Kpi, Missing, Section } from '../components/InsightFrame';
import { change, flow, indicatorCell, indicators, indicatorValue, salesOf, stock, type Table } from '../insight-figures';

export default function InsightHealth() {
  return (
    <InsightFrame page='health'>
      {(v) => {
        const list = indicators(v.cur, v.prev);
        const table: Table = {
          key: 'health', title: '经营健康指标', head: ['指标', '本期', '上期', '环比'],
          rows: list.map((i) => [i.label, indicatorCell(i.unit, i.value), indicatorCell(i.unit, i.previous), change(i)?.text ?? '—']),
        };
        const sales = salesOf(v.filter, v.names);
        const npsSeries = stock(v.series, (s) => s.nps?.month.score ?? null);
        return (
          <View>
            <Section id='indicators' title='核心指标' meta='环比：与上月同期相比；比率为百分点之差'>
              <View className='insight-kpis'>
                {list.map((i) => (
                  <Kpi key={i.key} id={i.key} label={i.label} value={indicatorValue(i.unit, i.value)} delta={change(i)} help={i.help}
                    note={i.value === null ? '区间内的快照还没有此项' : undefined} />
                ))}
              </View>
              {v.cur.tiers === null && <Missing what='升级人次' />}
              {v.cur.nps === null && <Missing what='NPS 调查结果' />}
              <DataTable table={table} view={v} numeric={[1, 2, 3]} />
            </Section>
            <Section id='trends' title='趋势'>
              <View className='insight-charts'>
                <InsightChart id='members-new' title='新增会员' type='column' categories={v.series.categories} series={[{ name: '新增会员', data: flow(v.series, (s) => s.members.new) }]} />
                <InsightChart id='active-rate' title='活跃率与复购率' type='line' unit='rate' categories={v.series.categories}
                  series={[{ name: '活跃率', data: stock(v.series, (s) => s.active.rate) }, { name: '复购率', data: stock(v.series, (s) => s.repurchase.rate) }]} />
                <InsightChart id='gmv' title='消费额（元）' type='column' unit='yuan' categories={v.series.categories} series={[{ name: '消费额', data: flow(v.series, (s) => { const x = sales(s); return x ? x.gmvFen / 100 : null; }) }]} />
                <InsightChart id='nps' title='NPS（当月累计）' type='line' signed categories={v.series.categories} series={[{ name: 'NPS', data: npsSeries }]} />
              </View>
            </Section>
          </View>
        );
      }}
    </InsightFrame>
  );
}
