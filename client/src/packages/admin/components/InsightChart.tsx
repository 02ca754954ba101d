// A chart of the 数据看板, drawn by uCharts (@qiun/ucharts) on a 2d canvas: in the mini-program the Canvas node from a
// selector query, in the browser the <canvas> inside Taro's canvas element; sized to the element's width (a phone
// or a desktop column) at the screen's pixel ratio, redrawn when the data or (in the browser) the window width
// changes. A tap shows the values at that point. Only the console's dashboard pages import it, so the library stays
// in the console subpackage.
import { useEffect, useMemo, useRef } from 'react';
import { Canvas, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import UCharts from '@qiun/ucharts';

export interface ChartSeries { name: string; data: Array<number | null> }
export type ChartUnit = 'count' | 'rate' | 'yuan';

export interface InsightChartProps {
  id: string;
  title: string;
  type: 'line' | 'column' | 'ring';
  categories: string[];
  series: ChartSeries[];
  /** rate: the data are shares (0.25) drawn as percentages; yuan: the data are yuan. */
  unit?: ChartUnit;
  stacked?: boolean;
  /** Values may be negative (NPS): the axis does not start at 0. */
  signed?: boolean;
}

const COLORS = ['#2f54eb', '#13c2c2', '#faad14', '#f5222d', '#722ed1', '#52c41a', '#eb2f96', '#fa8c16', '#8c8c8c'];

/** An axis label: 12,000 → 1.2万, 0.25 (rate) → 25%. */
function axisLabel(v: number, unit: ChartUnit): string {
  if (unit === 'rate') return `${Math.round(v)}%`;
  const abs = Math.abs(v);
  if (abs >= 100_000_000) return `${Math.round(v / 10_000_000) / 10}亿`;
  if (abs >= 10_000) return `${Math.round(v / 1000) / 10}万`;
  return String(unit === 'count' ? Math.round(v) : Math.round(v * 100) / 100);
}

const isH5 = process.env.TARO_ENV === 'h5';

function pixelRatio(): number {
  if (isH5) return window.devicePixelRatio || 1;
  try {
    return Taro.getWindowInfo().pixelRatio || 2;
  } catch {
    return 2;
  }
}

interface Surface { canvas: { width: number; height: number; getContext: (kind: '2d') => unknown }; width: number; height: number }

/** The canvas and its CSS size, once laid out (a page still hidden has no width yet: asked again). */
function findSurface(canvasId: string, done: (s: Surface) => void, attempt = 0): void {
  const retry = () => { if (attempt < 30) setTimeout(() => findSurface(canvasId, done, attempt + 1), 100); };
  if (isH5) {
    const canvas = document.getElementById(canvasId)?.querySelector('canvas');
    const rect = canvas?.getBoundingClientRect();
    if (!canvas || !rect || rect.width < 10) return retry();
    done({ canvas, width: rect.width, height: rect.height });
    return;
  }
  Taro.createSelectorQuery().select(`#${canvasId}`).fields({ node: true, size: true }).exec((res) => {
    const r = res?.[0] as { node?: Surface['canvas']; width?: number; height?: number } | undefined;
    if (!r?.node || !r.width) return retry();
    done({ canvas: r.node, width: r.width, height: r.height ?? 0 });
  });
}

export default function InsightChart({ id, title, type, categories, series, unit = 'count', stacked = false, signed = false }: InsightChartProps) {
  const canvasId = `insight-chart-${id}`;
  const chart = useRef<UCharts | null>(null);
  const pr = useRef(1);
  const points = series.reduce((n, s) => n + s.data.filter((v) => v !== null && v !== 0).length, 0);
  const key = JSON.stringify([type, categories, series, unit, stacked, signed]);
  // Desktop charts are taller; fixed per chart so Taro's canvas element is never re-rendered (that would clear it).
  const height = isH5 && window.innerWidth >= 900 ? 280 : 220;

  useEffect(() => {
    let gone = false;
    const scale = unit === 'rate' ? 100 : 1;
    const draw = () => findSurface(canvasId, ({ canvas, width, height: h }) => {
      if (gone) return;
      const ratio = pixelRatio();
      pr.current = ratio;
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(h * ratio);
      const ring = type === 'ring';
      chart.current = new UCharts({
        type,
        context: canvas.getContext('2d'),
        canvas2d: true,
        width: width * ratio,
        height: h * ratio,
        pixelRatio: ratio,
        animation: false,
        background: '#FFFFFF',
        color: COLORS,
        fontSize: 11,
        padding: ring ? [8, 8, 8, 8] : [16, 12, 4, 4],
        dataLabel: ring,
        dataPointShape: categories.length <= 31,
        categories: ring ? undefined : categories,
        series: ring
          ? series[0].data.map((v, i) => ({ name: categories[i], data: v ?? 0 }))
          : series.map((s) => ({ name: s.name, data: s.data.map((v) => (v === null ? (type === 'line' ? null : 0) : Math.round(v * scale * 100) / 100)) })),
        legend: { show: ring || series.length > 1, position: ring && width >= 500 ? 'right' : 'bottom', fontSize: 11, lineHeight: 14 },
        xAxis: { disableGrid: true, fontSize: 10, labelCount: Math.max(2, Math.min(categories.length, width < 500 ? 5 : 12)), boundaryGap: type === 'column' ? 'center' : 'justify' },
        yAxis: { gridType: 'dash', dashLength: 2, splitNumber: 4, data: [{ ...(signed ? {} : { min: 0 }), fontSize: 10, formatter: (v: number) => axisLabel(v, unit) }] },
        extra: {
          column: { type: stacked ? 'stack' : 'group', width: Math.max(4, Math.min(24, (width / Math.max(1, categories.length)) * 0.5)), seriesGap: 1, categoryGap: 2 },
          line: { type: 'straight', width: 2 },
          ring: { ringWidth: Math.min(40, width / 10), activeOpacity: 0.5, offsetAngle: 0, labelWidth: 12, border: true, borderWidth: 2, borderColor: '#FFFFFF', linearType: 'none' },
          tooltip: { showBox: true, bgColor: '#000000', bgOpacity: 0.7, fontColor: '#FFFFFF' },
        },
      });
    });
    draw();
    if (!isH5) return () => { gone = true; };
    let width = window.innerWidth;
    const onResize = () => { if (window.innerWidth !== width) { width = window.innerWidth; draw(); } };
    window.addEventListener('resize', onResize);
    return () => { gone = true; window.removeEventListener('resize', onResize); };
    // `key` stands for the data drawn.
  }, [key]);

  /** A tap: the values at that point (uCharts wants coordinates on the canvas in CSS pixels). */
  const tap = (e: any) => {
    if (!chart.current || type === 'ring') return;
    let x: number | undefined;
    let y: number | undefined;
    if (isH5) {
      const rect = document.getElementById(canvasId)?.getBoundingClientRect();
      const p = e?.changedTouches?.[0] ?? e?.touches?.[0] ?? e;
      if (rect && typeof p?.clientX === 'number') { x = p.clientX - rect.left; y = p.clientY - rect.top; }
    } else {
      const t = e?.changedTouches?.[0] ?? e?.touches?.[0];
      if (t) { x = t.x; y = t.y; }
    }
    if (x === undefined || y === undefined) return;
    chart.current.showToolTip({ changedTouches: [{ x, y }] }, { formatter: (item: { name: string; data: number | null }) => `${item.name}：${item.data === null ? '—' : axisLabel(item.data, unit === 'rate' ? 'count' : unit)}${unit === 'rate' ? '%' : ''}` });
  };

  // The canvas element is built once per chart (see `height`): React leaves it alone when the data change.
  const canvas = useMemo(
    () => <Canvas type='2d' id={canvasId} canvasId={canvasId} className='insight-chart__canvas' style={{ width: '100%', height: `${height}px` }} onTouchEnd={isH5 ? undefined : tap} />,
    [canvasId, height],
  );

  return (
    <View className='insight-chart' data-chart={id} data-points={points} onClick={isH5 ? tap : undefined}>
      <Text className='insight-chart__title'>{title}</Text>
      {canvas}
      {points === 0 && <Text className='insight-chart__empty'>区间内没有数据</Text>}
    </View>
  );
}
