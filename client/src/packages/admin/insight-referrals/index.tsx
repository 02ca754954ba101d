// 数据看板 · 邀请: invitees bound in the range, invitees' first orders, and the conversion of the activity window
// (of the invitees bound within it, the share who ordered) at the end of the range.
import { View } from '@tarojs/components';
import InsightChart from '../components/InsightChart';
import InsightFrame, { DataTable, Kpi, Missing, Section, WholeProgramme } from '../components/InsightFrame';
import { change, flow, grouped, percent, stock, type Table } from '../insight-figures';

export default function InsightReferrals() {
  return (
    <InsightFrame page='referrals'>
      {(v) => {
        const r = v.cur.referrals;
        const p = v.prev.referrals;
        const days: Table = {
          key: 'referrals-daily', title: '每日邀请', head: ['日期', '受邀注册', '受邀首单'],
          rows: v.snapshots.filter((s) => s.day >= v.range.from && s.day <= v.range.to && s.referrals).map((s) => [s.day, s.referrals!.registered, s.referrals!.firstOrders]),
        };
        const window = v.cur.last?.referrals?.window;
        return (
          <View>
            <Section id='referrals' title='邀请' meta={window ? `转化率：近 ${window.days} 天受邀注册的会员中已消费的占比（区间最后一天）` : undefined}>
              <WholeProgramme filter={v.filter} />
              {r ? (
                <View className='insight-kpis'>
                  <Kpi id='invited' label='受邀注册' value={grouped(r.registered)} delta={change({ unit: 'count', value: r.registered, previous: p?.registered ?? null })} />
                  <Kpi id='first-orders' label='受邀首单' value={grouped(r.firstOrders)} delta={change({ unit: 'count', value: r.firstOrders, previous: p?.firstOrders ?? null })} />
                  <Kpi id='conversion' label='邀请转化率' value={r.windowRate === null ? '—' : percent(r.windowRate)} delta={change({ unit: 'rate', value: r.windowRate, previous: p?.windowRate ?? null })}
                    help={`${grouped(r.windowOrdered)} / ${grouped(r.windowInvited)}`} />
                </View>
              ) : <Missing what='邀请数据' />}
              <View className='insight-charts'>
                <InsightChart id='referrals-daily' title='每日受邀注册与首单' type='column' categories={v.series.categories} series={[
                  { name: '受邀注册', data: flow(v.series, (s) => s.referrals?.registered) },
                  { name: '受邀首单', data: flow(v.series, (s) => s.referrals?.firstOrders) },
                ]} />
                <InsightChart id='referral-rate' title='邀请转化率' type='line' unit='rate' categories={v.series.categories} series={[{ name: '转化率', data: stock(v.series, (s) => s.referrals?.window.rate) }]} />
              </View>
              <DataTable table={days} view={v} />
            </Section>
          </View>
        );
      }}
    </InsightFrame>
  );
}
