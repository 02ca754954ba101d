// 数据看板 · 积分与负债: points issued, spent and expired in the range and outstanding at its end (narrowed by the
// format and store of the lots), the liability in yuan less the expected breakage, the 12-month expiry schedule, and
// the points by ledger type and by source.
import { Text, View } from '@tarojs/components';
import InsightChart from '../components/InsightChart';
import InsightFrame, { DataTable, Kpi, Missing, Section, WholeProgramme } from '../components/InsightFrame';
import {
  change, filtered, flow, grouped, percent, pointsBySource, pointsByType, pointsOf, SOURCE_LABELS, stock, TYPE_LABELS, outstandingFor, yuan, yuanCell, type Table,
} from '../insight-figures';

export default function InsightPoints() {
  return (
    <InsightFrame page='points'>
      {(v) => {
        const p = v.cur.points;
        const q = v.prev.points;
        const last = v.cur.last;
        const lia = last?.liability ?? null;
        const out = v.cur.outstanding;
        // With a filter: the filtered outstanding points at the programme's value per point and breakage rate.
        const gross = lia && out !== null ? Math.round(Math.max(0, out) * lia.fenPerPoint) : null;
        const breakage = lia && out !== null ? Math.round(Math.max(0, out) * lia.breakageRate) : null;
        const net = lia && out !== null && breakage !== null ? Math.round((Math.max(0, out) - breakage) * lia.fenPerPoint) : null;
        const pts = pointsOf(v.filter);
        const delta = (a: number | null | undefined, b: number | null | undefined) => change({ unit: 'count', value: a ?? null, previous: b ?? null });
        const schedule = last?.expirySchedule ?? null;
        const byType = pointsByType(v.snapshots, v.range);
        const bySource = pointsBySource(v.snapshots, v.range);
        const typeTable: Table = { key: 'points-by-type', title: '积分按类型', head: ['类型', '积分', '笔数'], rows: byType.map((r) => [TYPE_LABELS[r.type] ?? r.type, r.points, r.entries]) };
        const sourceTable: Table = {
          key: 'points-by-source', title: '积分按来源', head: ['类型', '来源', '积分', '笔数'],
          rows: bySource.rows.map((r) => [TYPE_LABELS[r.type] ?? r.type, SOURCE_LABELS[r.source] ?? r.source, r.points, r.entries]),
        };
        const scheduleTable: Table | null = schedule && {
          key: 'expiry-schedule', title: '未来 12 个月到期积分', head: ['月份', '到期积分', '按每积分价值（元）'],
          rows: [...schedule.months.map((m) => [m.month, m.points, lia ? yuanCell(m.points * lia.fenPerPoint) : '']), ['12 个月以后', schedule.later, lia ? yuanCell(schedule.later * lia.fenPerPoint) : '']],
        };
        const liabilityTable: Table | null = lia && gross !== null && net !== null && breakage !== null ? {
          key: 'liability', title: '积分负债', head: ['项目', '数值'],
          rows: [['未兑积分', out ?? 0], ['每积分价值（分）', lia.fenPerPoint], ['负债总额（元）', yuanCell(gross)], ['预计过期率', percent(lia.breakageRate)], ['预计过期积分', breakage], ['扣除预计过期后负债（元）', yuanCell(net)],
            [`估计依据：近 ${lia.historyMonths} 个月过期积分`, lia.historyExpired], [`近 ${lia.historyMonths} 个月兑换积分`, lia.historySpent]],
        } : null;
        return (
          <View>
            <Section id='flows' title='积分发放与使用' meta='区间合计；未兑积分为区间最后一天'>
              {p === null && <Missing what='按业态与门店的积分' />}
              <View className='insight-kpis'>
                <Kpi id='issued' label='发放积分' value={p ? grouped(p.issued) : '—'} delta={delta(p?.issued, q?.issued)} />
                <Kpi id='spent' label='使用积分' value={p ? grouped(p.spent) : '—'} delta={delta(p?.spent, q?.spent)} />
                <Kpi id='expired' label='过期积分' value={p ? grouped(p.expired) : '—'} delta={delta(p?.expired, q?.expired)} />
                <Kpi id='outstanding' label='未兑积分' value={out !== null ? grouped(out) : '—'} delta={delta(out, v.prev.outstanding)} />
              </View>
              <View className='insight-charts'>
                <InsightChart id='points-flows' title='每日积分' type='column' categories={v.series.categories} series={[
                  { name: '发放', data: flow(v.series, (s) => pts(s)?.issued) },
                  { name: '使用', data: flow(v.series, (s) => pts(s)?.spent) },
                  { name: '过期', data: flow(v.series, (s) => pts(s)?.expired) },
                ]} />
                <InsightChart id='points-outstanding' title='未兑积分' type='line' categories={v.series.categories} series={[{ name: '未兑积分', data: stock(v.series, outstandingFor(v.filter)) }]} />
              </View>
            </Section>
            <Section id='liability' title='积分负债' meta={lia ? `未兑积分 × 每积分 ${lia.fenPerPoint} 分，扣除按近 ${lia.historyMonths} 个月过期比例估计的预计过期` : undefined}>
              {filtered(v.filter) && <Text className='console-card__meta'>按所选业态/门店发放的未兑积分计算，过期率为全部会员的</Text>}
              {lia && gross !== null && net !== null ? (
                <View className='insight-kpis'>
                  <Kpi id='liability-gross' label='负债总额' value={yuan(gross)} />
                  <Kpi id='breakage-rate' label='预计过期率' value={percent(lia.breakageRate)} />
                  <Kpi id='breakage-points' label='预计过期积分' value={grouped(breakage ?? 0)} />
                  <Kpi id='liability-net' label='扣除预计过期后' value={yuan(net)} />
                </View>
              ) : <Text className='console-empty'>区间内没有快照</Text>}
              {liabilityTable && <DataTable table={liabilityTable} view={v} numeric={[1]} />}
            </Section>
            <Section id='expiry' title='未来 12 个月到期积分' meta={last ? `截至 ${last.day} 的积分批次` : undefined}>
              <WholeProgramme filter={v.filter} />
              {schedule && scheduleTable ? (
                <View>
                  <View className='insight-charts'>
                    <InsightChart id='expiry-schedule' title='每月到期积分' type='column' categories={schedule.months.map((m) => m.month.slice(2))} series={[{ name: '到期积分', data: schedule.months.map((m) => m.points) }]} />
                  </View>
                  <DataTable table={scheduleTable} view={v} />
                </View>
              ) : <Text className='console-empty'>区间内没有快照</Text>}
            </Section>
            <Section id='by-type' title='积分按类型与来源' meta='区间合计，全部会员'>
              <DataTable table={typeTable} view={v} />
              {bySource.covered === 0 ? <Missing what='积分来源' /> : <DataTable table={sourceTable} view={v} />}
            </Section>
          </View>
        );
      }}
    </InsightFrame>
  );
}
