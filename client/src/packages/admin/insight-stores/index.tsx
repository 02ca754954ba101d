// 数据看板 · 门店与业态: paid orders, GMV and the points they earned per format and per store over the range (the
// filter narrows the rows), and per store the outstanding points of the lots it issued at the end of the range.
import { View } from '@tarojs/components';
import InsightChart from '../components/InsightChart';
import InsightFrame, { DataTable, Missing, Section } from '../components/InsightFrame';
import { formatName, salesTable, storeName, yuanCell, type Table } from '../insight-figures';

export default function InsightStores() {
  return (
    <InsightFrame page='stores'>
      {(v) => {
        const t = salesTable(v.snapshots, v.range, v.filter, v.names);
        const outstanding = v.cur.last?.pointsDetail?.outstanding ?? null;
        const outOf = (storeId: string) => outstanding?.byStore.find((r) => r.storeId === storeId)?.points ?? 0;
        const formats: Table = { key: 'sales-by-format', title: '按业态', head: ['业态', '订单', '消费额（元）', '积分'], rows: t.byFormat.map((r) => [formatName(v.names, r.format), r.orders, yuanCell(r.gmvFen), r.points]) };
        const stores: Table = {
          key: 'sales-by-store', title: '按门店', head: ['门店', '业态', '订单', '消费额（元）', '积分', '未兑积分'],
          rows: t.byStore.map((r) => [storeName(v.names, r.storeId), formatName(v.names, r.format), r.orders, yuanCell(r.gmvFen), r.points, outOf(r.storeId)]),
        };
        const top = t.byStore.slice(0, 12);
        return (
          <View>
            {t.covered === 0 && <Missing what='按业态与门店的消费' />}
            <Section id='formats' title='业态'>
              <View className='insight-charts'>
                <InsightChart id='gmv-by-format' title='消费额（元）按业态' type='column' unit='yuan' categories={t.byFormat.map((r) => formatName(v.names, r.format))} series={[{ name: '消费额', data: t.byFormat.map((r) => r.gmvFen / 100) }]} />
              </View>
              <DataTable table={formats} view={v} numeric={[1, 2, 3]} />
            </Section>
            <Section id='stores' title='门店'>
              <View className='insight-charts'>
                <InsightChart id='gmv-by-store' title='消费额（元）按门店' type='column' unit='yuan' categories={top.map((r) => storeName(v.names, r.storeId).slice(0, 6))} series={[{ name: '消费额', data: top.map((r) => r.gmvFen / 100) }]} />
                <InsightChart id='orders-by-store' title='订单按门店' type='column' categories={top.map((r) => storeName(v.names, r.storeId).slice(0, 6))} series={[{ name: '订单', data: top.map((r) => r.orders) }]} />
              </View>
              <DataTable table={stores} view={v} numeric={[2, 3, 4, 5]} />
            </Section>
          </View>
        );
      }}
    </InsightFrame>
  );
}
