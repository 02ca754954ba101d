// 数据看板 · 等级与生命周期: members by tier and by lifecycle stage at the end of the range, tier promotions and
// demotions in it, and a month's stage-to-stage matrix (catalog.stageTransitions: how many active members went
// dormant, how many dormant or churned ones came back).
import { useEffect } from 'react';
import { Text, View } from '@tarojs/components';
import InsightChart from '../components/InsightChart';
import InsightFrame, { DataTable, Kpi, Missing, Section, WholeProgramme, type InsightView } from '../components/InsightFrame';
import { CHANNEL_LABELS, change, grouped, matrixTable, percent, STAGE_LABELS, tierName, type Table } from '../insight-figures';
import { insightStore, useInsight } from '../insight-store';

function months(v: InsightView): string[] {
  const out: string[] = [];
  for (let m = v.range.from.slice(0, 7); m <= v.range.to.slice(0, 7); ) {
    out.push(m);
    const [y, mm] = m.split('-').map(Number);
    m = mm === 12 ? `${y + 1}-01` : `${y}-${String(mm + 1).padStart(2, '0')}`;
  }
  return out.slice(-12);
}

function StageMatrixSection({ v }: { v: InsightView }) {
  const month = useInsight((s) => s.matrixMonth);
  const slot = useInsight((s) => s.matrix);
  const list = months(v);
  const wanted = list.includes(month) ? month : list[list.length - 1];
  useEffect(() => void insightStore.getState().loadMatrix(wanted), [wanted]);
  const m = slot.data && slot.data.month === wanted ? slot.data : null;
  return (
    <Section id='stage-matrix' title='生命周期流转' meta='当月每次阶段变化计一次（同一会员可多次）'>
      <WholeProgramme filter={v.filter} />
      <View className='insight-chips insight-matrix-months'>
        {list.map((x) => <Text key={x} className={`console-tab insight-matrix-month${x === wanted ? ' console-tab--active' : ''}`} data-month={x} onClick={() => void insightStore.getState().loadMatrix(x)}>{x}</Text>)}
      </View>
      {slot.status === 'error' && slot.error && <Text className='console-error'>{slot.error.message}</Text>}
      {!m && slot.status === 'loading' && <Text className='console-empty'>加载中…</Text>}
      {m && (
        <View data-month={m.month} className='insight-matrix'>
          <View className='insight-kpis'>
            <Kpi id='transitions' label='阶段变化' value={grouped(m.total)} />
            <Kpi id='active-dormant' label='活跃转沉睡' value={grouped(m.activeWentDormant)} />
            <Kpi id='came-back' label='沉睡/流失后回归' value={grouped(m.cameBack)} />
          </View>
          <DataTable table={matrixTable(m)} view={{ ...v, range: { from: `${m.month}-01`, to: `${m.month}-01` } }} />
        </View>
      )}
    </Section>
  );
}

export default function InsightTiers() {
  return (
    <InsightFrame page='tiers'>
      {(v) => {
        const last = v.cur.last;
        const tiers = last?.members.byTier ?? [];
        const stages = last?.members.byStage ?? [];
        const total = last?.members.total ?? 0;
        const tierTable: Table = { key: 'members-by-tier', title: '会员按等级', head: ['等级', '会员', '占比'], rows: tiers.map((t) => [tierName(v.names, t.level), t.members, percent(total ? t.members / total : 0)]) };
        const stageTable: Table = { key: 'members-by-stage', title: '会员按生命周期阶段', head: ['阶段', '会员', '占比'], rows: stages.map((s) => [STAGE_LABELS[s.stage] ?? s.stage, s.members, percent(total ? s.members / total : 0)]) };
        const channels = last?.members.byChannel ?? null;
        const channelTable: Table = { key: 'members-by-channel', title: '会员按注册渠道', head: ['渠道', '会员', '占比'], rows: (channels ?? []).map((c) => [CHANNEL_LABELS[c.channel] ?? c.channel, c.members, percent(total ? c.members / total : 0)]) };
        const t = v.cur.tiers;
        const pt = v.prev.tiers;
        return (
          <View>
            <Section id='tiers' title='会员等级' meta={last ? `截至 ${last.day}` : undefined}>
              <WholeProgramme filter={v.filter} />
              {t ? (
                <View className='insight-kpis'>
                  <Kpi id='promotions' label='升级人次' value={grouped(t.promotions)} delta={change({ unit: 'count', value: t.promotions, previous: pt?.promotions ?? null })} />
                  <Kpi id='demotions' label='降级人次' value={grouped(t.demotions)} delta={change({ unit: 'count', value: t.demotions, previous: pt?.demotions ?? null })} />
                  <Kpi id='promotion-rate' label='升级率' value={percent(t.rate)} delta={change({ unit: 'rate', value: t.rate, previous: pt?.rate ?? null })} />
                </View>
              ) : <Missing what='升降级人次' />}
              <View className='insight-charts'>
                <InsightChart id='members-by-tier' title='会员按等级' type='ring' categories={tiers.map((x) => tierName(v.names, x.level))} series={[{ name: '会员', data: tiers.map((x) => x.members) }]} />
                <InsightChart id='members-by-stage' title='会员按生命周期阶段' type='ring' categories={stages.map((x) => STAGE_LABELS[x.stage] ?? x.stage)} series={[{ name: '会员', data: stages.map((x) => x.members) }]} />
              </View>
              <DataTable table={tierTable} view={v} numeric={[1, 2]} />
              <DataTable table={stageTable} view={v} numeric={[1, 2]} />
            </Section>
            <Section id='channels' title='注册渠道' meta={last ? `截至 ${last.day}` : undefined}>
              <WholeProgramme filter={v.filter} />
              {channels ? (
                <View>
                  <View className='insight-charts'>
                    <InsightChart id='members-by-channel' title='会员按注册渠道' type='ring' categories={channels.map((c) => CHANNEL_LABELS[c.channel] ?? c.channel)} series={[{ name: '会员', data: channels.map((c) => c.members) }]} />
                  </View>
                  <DataTable table={channelTable} view={v} numeric={[1, 2]} />
                </View>
              ) : <Missing what='注册渠道' />}
            </Section>
            <StageMatrixSection v={v} />
          </View>
        );
      }}
    </InsightFrame>
  );
}
