// @qiun/ucharts ships no types: the part of its API the console's charts use (components/InsightChart.tsx).
declare module '@qiun/ucharts' {
  interface UChartsSeries { name: string; data: Array<number | null> | number; type?: string; color?: string; index?: number }
  interface UChartsOptions {
    type: string;
    context: unknown;
    width: number;
    height: number;
    pixelRatio?: number;
    canvas2d?: boolean;
    categories?: string[];
    series: UChartsSeries[];
    [option: string]: unknown;
  }
  export default class UCharts {
    constructor(options: UChartsOptions);
    showToolTip(event: { changedTouches: Array<{ x: number; y: number }> }, option?: Record<string, unknown>): void;
    updateData(data: Partial<UChartsOptions>): void;
  }
}
