// The frame of every 数据看板 page: the console shell, the dashboard pages as tabs, the date range (presets or two
// days) and the format / store filter kept across the pages, the loading and error states; the page draws its
// figures from what the frame computed. Also the small parts the pages share: an indicator card, a table with its
// CSV export, a note for figures the snapshots do not have yet.
import { useState, type ReactNode } from 'react';
import { Input, Picker, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { csvText, saveText } from '../../../utils/csv-file';
import ConsoleShell from './ConsoleShell';
import {
  buckets, change, filtered, filterText, formatName, NO_FILTER, NO_NAMES, PRESETS, rangeFigures, rangeProblem, storeName, tableRows,
  type Filter, type Names, type Range, type RangeFigures, type Series, type Snapshot, type Table,
} from '../insight-figures';
import { insightStore, useInsight, type InsightData } from '../insight-store';
import '../insight.scss';

export const INSIGHT_PAGES = [
  { key: 'health', name: '经营健康', url: '/packages/admin/insight/index' },
  { key: 'points', name: '积分与负债', url: '/packages/admin/insight-points/index' },
  { key: 'tiers', name: '等级与生命周期', url: '/packages/admin/insight-tiers/index' },
  { key: 'engagement', name: '签到与任务', url: '/packages/admin/insight-engagement/index' },
  { key: 'mall', name: '积分商城', url: '/packages/admin/insight-mall/index' },
  { key: 'referrals', name: '邀请', url: '/packages/admin/insight-referrals/index' },
  { key: 'stores', name: '门店与业态', url: '/packages/admin/insight-stores/index' },
] as const;
export type InsightPageKey = (typeof INSIGHT_PAGES)[number]['key'];

export interface InsightView {
  range: Range;
  previous: Range;
  filter: Filter;
  names: Names;
  snapshots: Snapshot[];
  cur: RangeFigures;
  prev: RangeFigures;
  series: Series;
  filterText: string;
  cohorts: InsightData['cohorts'];
}

function DateInput({ value, placeholder, className, onChange }: { value: string; placeholder: string; className: string; onChange: (day: string) => void }) {
  if (process.env.TARO_ENV === 'weapp') {
    return (
      <Picker mode='date' value={value} onChange={(e) => onChange(String(e.detail.value))}>
        <View className={`console-input ${className}`}><Text>{value || placeholder}</Text></View>
      </Picker>
    );
  }
  return <Input className={`console-input ${className}`} placeholder={placeholder} value={value} maxlength={10} onInput={(e) => onChange(e.detail.value)} />;
}

function Filters({ names }: { names: Names }) {
  const { kind, range, filter } = useInsight((s) => s);
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  const [problem, setProblem] = useState<string | null>(null);
  const formats = Object.keys(names.formats).sort();
  const stores = Object.entries(names.stores).filter(([, s]) => !filter.format || s.format === filter.format).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const query = () => {
    const r = { from: from.trim(), to: to.trim() };
    const p = rangeProblem(r);
    setProblem(p);
    if (!p) void insightStore.getState().pick('custom', r);
  };
  const setFilter = (f: Filter) => insightStore.getState().setFilter(f);
  return (
    <View className='console-card insight-filters'>
      <View className='insight-chips insight-presets'>
        {PRESETS.map((p) => (
          <Text key={p.kind} className={`console-tab insight-preset insight-preset--${p.kind}${kind === p.kind ? ' console-tab--active' : ''}`}
            onClick={() => { setProblem(null); if (p.kind === 'custom') { setFrom(range.from); setTo(range.to); void insightStore.getState().pick('custom', range); } else void insightStore.getState().pick(p.kind); }}>{p.label}</Text>
        ))}
      </View>
      {kind === 'custom' && (
        <View className='console-actions insight-custom'>
          <DateInput className='insight-from' placeholder='开始日期 2026-06-01' value={from} onChange={setFrom} />
          <Text className='console-card__meta'>至</Text>
          <DateInput className='insight-to' placeholder='结束日期' value={to} onChange={setTo} />
          <Text className='console-button insight-query' onClick={query}>查询</Text>
        </View>
      )}
      {problem && <Text className='console-error insight-problem'>{problem}</Text>}
      {formats.length > 0 && (
        <View className='insight-chips insight-formats'>
          <Text className='insight-chips__label'>业态</Text>
          <Text className={`console-tab insight-format${!filter.format ? ' console-tab--active' : ''}`} data-format='' onClick={() => setFilter(NO_FILTER)}>全部</Text>
          {formats.map((f) => (
            <Text key={f} className={`console-tab insight-format${filter.format === f ? ' console-tab--active' : ''}`} data-format={f} onClick={() => setFilter({ format: f, storeId: '' })}>{formatName(names, f)}</Text>
          ))}
        </View>
      )}
      {stores.length > 0 && (
        <View className='insight-chips insight-stores'>
          <Text className='insight-chips__label'>门店</Text>
          <Text className={`console-tab insight-store${!filter.storeId ? ' console-tab--active' : ''}`} data-store='' onClick={() => setFilter({ format: filter.format, storeId: '' })}>全部</Text>
          {stores.map(([id, s]) => (
            <Text key={id} className={`console-tab insight-store${filter.storeId === id ? ' console-tab--active' : ''}`} data-store={id} onClick={() => setFilter({ format: filter.format, storeId: id })}>{s.name}</Text>
          ))}
        </View>
      )}
    </View>
  );
}

export default function InsightFrame({ page, children }: { page: InsightPageKey; children: (v: InsightView) => ReactNode }) {
  const current = INSIGHT_PAGES.find((p) => p.key === page)!;
  const data = useInsight((s) => s.data);
  const namesSlot = useInsight((s) => s.names);
  const filter = useInsight((s) => s.filter);
  useDidShow(() => void insightStore.getState().load());
  const names = namesSlot.data ?? NO_NAMES;
  const open = (url: string) => { if (url !== current.url) void Taro.redirectTo({ url }).catch(() => Taro.navigateTo({ url })); };

  let body: ReactNode = null;
  if (data.data) {
    const { range, previous, snapshots, cohorts } = data.data;
    const cur = rangeFigures(snapshots, range, filter, names);
    const prev = rangeFigures(snapshots, previous, filter, names);
    const view: InsightView = { range, previous, filter, names, snapshots, cur, prev, series: buckets(snapshots, range), filterText: filterText(filter, names), cohorts };
    body = (
      <View className='insight-body' data-from={range.from} data-to={range.to}>
        <Text className='console-card__meta insight-period'>
          {range.from} 至 {range.to}（{cur.covered}/{cur.days} 天有快照）· 环比 {previous.from} 至 {previous.to} · {view.filterText}
        </Text>
        {cur.covered === 0 && <Text className='console-note insight-nodata'>区间内还没有统计快照：每日统计在次日凌晨生成</Text>}
        {children(view)}
      </View>
    );
  }
  return (
    <ConsoleShell current='/packages/admin/insight/index' title={`数据看板 · ${current.name}`}>
      <View className='insight-tabs'>
        {INSIGHT_PAGES.map((p) => (
          <Text key={p.key} className={`console-tab insight-tab insight-tab--${p.key}${p.key === page ? ' console-tab--active' : ''}`} onClick={() => open(p.url)}>{p.name}</Text>
        ))}
      </View>
      <Filters names={names} />
      {data.status === 'loading' && !data.data && <Text className='console-empty insight-loading'>加载中…</Text>}
      {data.status === 'error' && data.error && (
        <View className='console-card'>
          <Text className='console-error insight-error'>{data.error.message}</Text>
          <Text className='console-button console-button--ghost insight-retry' onClick={() => void insightStore.getState().load()}>重试</Text>
        </View>
      )}
      {body}
    </ConsoleShell>
  );
}

/** An indicator: its value and, below, its change against the month before. */
export function Kpi({ id, label, value, help, delta, note }: { id: string; label: string; value: string; help?: string; delta?: ReturnType<typeof change>; note?: string }) {
  return (
    <View className='insight-kpi' data-kpi={id}>
      <Text className='insight-kpi__label'>{label}</Text>
      <Text className='insight-kpi__value'>{value}</Text>
      {delta !== undefined && (
        <Text className={`insight-kpi__change insight-kpi__change--${delta?.direction ?? 'none'}`}>{delta ? `环比 ${delta.text}` : '环比 —'}</Text>
      )}
      {help && <Text className='insight-kpi__help'>{help}</Text>}
      {note && <Text className='insight-kpi__note'>{note}</Text>}
    </View>
  );
}

/** A card of a page: a title and what is in it. */
export function Section({ id, title, meta, children }: { id: string; title: string; meta?: string; children: ReactNode }) {
  return (
    <View className='console-card insight-section' data-section={id}>
      <Text className='console-card__title'>{title}</Text>
      {meta && <Text className='console-card__meta'>{meta}</Text>}
      {children}
    </View>
  );
}

/** Figures a section wants that the snapshots of the range do not have yet (written before the job computed them). */
export function Missing({ what }: { what: string }) {
  return <Text className='console-note insight-missing'>区间内的快照还没有{what}（统计任务新增该项之后的快照才有）</Text>;
}

/** The filter does not narrow this section: it is the whole programme. */
export function WholeProgramme({ filter }: { filter: Filter }) {
  return filtered(filter) ? <Text className='console-card__meta insight-whole'>此项不分业态与门店，为全部会员</Text> : null;
}

/** A table with 导出 CSV (a download in the browser; in the mini-program a file to send, else the text copied). */
export function DataTable({ table, view, numeric }: { table: Table; view: Pick<InsightView, 'range' | 'filterText'>; numeric?: number[] }) {
  const num = new Set(numeric ?? table.head.map((_, i) => i).filter((i) => i > 0));
  const exportCsv = () => saveText(`${table.title}-${view.range.from}-${view.range.to}.csv`, csvText(tableRows(table, view.range, view.filterText)));
  return (
    <View className={`insight-table${table.head.length > 4 ? ' insight-table--wide' : ''}`} data-table={table.key}>
      <View className='console-row console-row--head'>
        {table.head.map((h, i) => <Text key={h} className={`console-cell${num.has(i) ? ' console-cell--num' : ''}`}>{h}</Text>)}
      </View>
      {table.rows.map((r, k) => (
        <View key={k} className='console-row insight-table__row'>
          {r.map((c, i) => <Text key={i} className={`console-cell${num.has(i) ? ' console-cell--num' : ''}`}>{typeof c === 'number' || /^-?\d+(\.\d+)?$/.test(c) ? groupedCell(c) : c}</Text>)}
        </View>
      ))}
      {table.rows.length === 0 && <Text className='console-empty'>没有数据</Text>}
      <Text className='console-button console-button--ghost insight-export' data-table={table.key} onClick={exportCsv}>导出 CSV</Text>
    </View>
  );
}

const groupedCell = (v: number | string) => String(v).replace(/^(-?)(\d+)/, (_m, sign: string, int: string) => `${sign ? '−' : ''}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`);

export { storeName };
