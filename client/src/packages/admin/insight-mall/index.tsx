// 数据看板 · 积分商城: redemptions over the range (count, units, points, cancellations), per item, and the vouchers
// written off (mall redemptions and tier-benefit vouchers; per store, narrowed by the format / store filter).
import { View } from '@tarojs/components';
import InsightChart from '../components/InsightChart';
import InsightFrame, { DataTable, Kpi, Missing, Section, WholeProgramme } from '../components/InsightFrame';
import { change, filtered, flow, grouped, storeName, type Table } from '../insight-figures';

export default function InsightMall() {
  return (
    <InsightFrame page='mall'>
      {(v) => {
        const m = v.cur.mall;
        const w = v.cur.writeOffs;
        const d = (a: number | undefined, b: number | undefined) => change({ unit: 'count', value: a ?? null, previous: b ?? null });
        const items: Table = { key: 'redemptions-by-item', title: '兑换按商品', head: ['商品', '兑换单数', '件数', '积分'], rows: (m?.byItem ?? []).map((r) => [r.itemName || r.itemId, r.redemptions, r.units, r.points]) };
        const stores: Table = { key: 'writeoffs-by-store', title: '核销按门店', head: ['门店', '核销张数'], rows: (w?.byStore ?? []).map((r) => [storeName(v.names, r.storeId), r.count]) };
        const top = (m?.byItem ?? []).slice(0, 10);
        return (
          <View>
            <Section id='redemptions' title='兑换'>
              <WholeProgramme filter={v.filter} />
              {m ? (
                <View className='insight-kpis'>
                  <Kpi id='redemptions' label='兑换单数' value={grouped(m.redemptions)} delta={d(m.redemptions, v.prev.mall?.redemptions)} />
                  <Kpi id='units' label='兑换件数' value={grouped(m.units)} delta={d(m.units, v.prev.mall?.units)} />
                  <Kpi id='mall-points' label='兑换积分' value={grouped(m.points)} delta={d(m.points, v.prev.mall?.points)} />
                  <Kpi id='cancelled' label='取消' value={grouped(m.cancelled)} delta={d(m.cancelled, v.prev.mall?.cancelled)} />
                </View>
              ) : <Missing what='兑换数据' />}
              <View className='insight-charts'>
                <InsightChart id='redemptions-daily' title='每日兑换单数' type='column' categories={v.series.categories} series={[{ name: '兑换单数', data: flow(v.series, (s) => s.mall?.redemptions) }]} />
                <InsightChart id='redemptions-by-item' title='兑换积分前 10 的商品' type='column' categories={top.map((r) => (r.itemName || r.itemId).slice(0, 6))} series={[{ name: '积分', data: top.map((r) => r.points) }]} />
              </View>
              <DataTable table={items} view={v} />
            </Section>
            <Section id='writeoffs' title='核销'>
              {w ? (
                <View className='insight-kpis'>
                  <Kpi id='writeoffs' label={filtered(v.filter) ? '所选门店核销' : '核销合计'} value={grouped(w.total)} delta={d(w.total, v.prev.writeOffs?.total)} />
                  {!filtered(v.filter) && <Kpi id='writeoffs-mall' label='商城兑换券' value={grouped(w.mall)} delta={d(w.mall, v.prev.writeOffs?.mall)} />}
                  {!filtered(v.filter) && <Kpi id='writeoffs-benefit' label='等级权益券' value={grouped(w.benefit)} delta={d(w.benefit, v.prev.writeOffs?.benefit)} />}
                </View>
              ) : <Missing what='核销数据' />}
              <View className='insight-charts'>
                <InsightChart id='writeoffs-daily' title='每日核销' type='column' stacked categories={v.series.categories} series={[
                  { name: '商城兑换券', data: flow(v.series, (s) => s.mall?.writeOffs.mall) },
                  { name: '等级权益券', data: flow(v.series, (s) => s.mall?.writeOffs.benefit) },
                ]} />
              </View>
              <DataTable table={stores} view={v} />
            </Section>
          </View>
        );
      }}
    </InsightFrame>
  );
}
