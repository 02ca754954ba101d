// 数据看板 · 签到与任务: members checking in per day and their share of all members, task rewards claimed per day and
// per task over the range.
import { View } from '@tarojs/components';
import InsightChart from '../components/InsightChart';
import InsightFrame, { DataTable, Kpi, Missing, Section, WholeProgramme } from '../components/InsightFrame';
import { change, flow, grouped, percent, stock, type Table } from '../insight-figures';

export default function InsightEngagement() {
  return (
    <InsightFrame page='engagement'>
      {(v) => {
        const c = v.cur.checkins;
        const t = v.cur.tasks;
        const taskTable: Table = { key: 'tasks', title: '任务完成', head: ['任务', '领取次数'], rows: (t?.byTask ?? []).map((r) => [v.names.tasks[r.taskId] ?? r.taskId, r.claims]) };
        return (
          <View>
            <WholeProgramme filter={v.filter} />
            <Section id='checkins' title='签到' meta='签到人次为每日签到会员数之和'>
              {c ? (
                <View className='insight-kpis'>
                  <Kpi id='checkin-days' label='签到人次' value={grouped(c.memberDays)} delta={change({ unit: 'count', value: c.memberDays, previous: v.prev.checkins?.memberDays ?? null })} />
                  <Kpi id='checkin-rate' label='日均签到率' value={percent(c.averageRate)} delta={change({ unit: 'rate', value: c.averageRate, previous: v.prev.checkins?.averageRate ?? null })} help='每日签到会员 ÷ 会员总数，区间平均' />
                </View>
              ) : <Missing what='签到数据' />}
              <View className='insight-charts'>
                <InsightChart id='checkins' title='每日签到会员' type='column' categories={v.series.categories} series={[{ name: '签到会员', data: flow(v.series, (s) => s.engagement?.checkins.members) }]} />
                <InsightChart id='checkin-rate' title='签到率' type='line' unit='rate' categories={v.series.categories} series={[{ name: '签到率', data: stock(v.series, (s) => s.engagement?.checkins.rate) }]} />
              </View>
            </Section>
            <Section id='tasks' title='任务'>
              {t ? (
                <View className='insight-kpis'>
                  <Kpi id='task-claims' label='任务奖励领取' value={grouped(t.claims)} delta={change({ unit: 'count', value: t.claims, previous: v.prev.tasks?.claims ?? null })} />
                </View>
              ) : <Missing what='任务数据' />}
              <View className='insight-charts'>
                <InsightChart id='task-claims' title='每日任务领取' type='column' categories={v.series.categories} series={[{ name: '领取次数', data: flow(v.series, (s) => s.engagement?.tasks.claims) }, { name: '领取会员', data: flow(v.series, (s) => s.engagement?.tasks.members) }]} />
              </View>
              <DataTable table={taskTable} view={v} />
            </Section>
          </View>
        );
      }}
    </InsightFrame>
  );
}
