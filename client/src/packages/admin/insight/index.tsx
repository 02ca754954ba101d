// 数据看板 · 经营健康: the seeds' indicators of the range (member growth, active rate, ARPU, repurchase as retention,
// tier promotion rate, NPS), each with its change against the same days a month earlier, and their daily trend.
import { View } from '@tarojs/components';
import InsightChart from '../components/InsightChart';
import InsightFrame, { DataTable, Kpi, Missing, Section } from '../components/InsightFrame';
import { change, cohortTable, flow, indicatorCell, indicators, indicatorValue, nextMonthRetention, salesOf, stock, type Table } from '../insight-figures';

export default function InsightHealth() {
  return (
    <InsightFrame page='health'>
      {(v) => {
        const cohorts = v.cohorts;
        const list = indicators(v.cur, v.prev, { cur: nextMonthRetention(cohorts.cur), prev: nextMonthRetention(cohorts.prev) });
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
            <Section id='cohorts' title='留存（按入会月）' meta={cohorts.cur?.day ? `截至 ${cohorts.cur.day}：各入会月会员在之后每个月有消费 / 兑换的占比` : undefined}>
              {cohorts.cur && cohorts.cur.rows.length > 0 ? (
                <View>
                  <View className='insight-charts'>
                    <InsightChart id='cohort-curve' title='留存曲线（消费，最近 4 个入会月）' type='line' unit='rate' categories={['当月', '第 1 月', '第 2 月', '第 3 月', '第 4 月', '第 5 月']}
                      series={cohorts.cur.rows.slice(-4).map((r) => ({ name: r.month, data: Array.from({ length: 6 }, (_, k) => (k < r.buyerShare.length ? r.buyerShare[k] : null)) }))} />
                  </View>
                  <DataTable table={cohortTable(cohorts.cur, 'buyers')} view={v} />
                  <DataTable table={cohortTable(cohorts.cur, 'redeemers')} view={v} />
                </View>
              ) : <Missing what='留存表' />}
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
