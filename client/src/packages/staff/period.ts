// Settlement periods as Shanghai calendar days (YYYY-MM-DD), and fen shown as yuan.
export type PeriodKind = 'thisMonth' | 'lastMonth' | 'custom';

export interface Period { from: string; to: string }

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
const pad = (n: number) => String(n).padStart(2, '0');

/** Today in Asia/Shanghai as YYYY-MM-DD. */
export function shanghaiToday(now: Date = new Date()): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** 本月 is the 1st up to today; 上月 the whole previous month. */
export function presetPeriod(kind: 'thisMonth' | 'lastMonth', now: Date = new Date()): Period {
  const today = shanghaiToday(now);
  const [y, m] = today.split('-').map(Number);
  if (kind === 'thisMonth') return { from: `${y}-${pad(m)}-01`, to: today };
  const py = m === 1 ? y - 1 : y;
  const pm = m === 1 ? 12 : m - 1;
  const lastDay = new Date(Date.UTC(py, pm, 0)).getUTCDate();
  return { from: `${py}-${pad(pm)}-01`, to: `${py}-${pad(pm)}-${pad(lastDay)}` };
}

export const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`))
  && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

/** A custom period's problem in Chinese, or null when it can be asked for. */
export function periodProblem(p: Period): string | null {
  if (!isDay(p.from) || !isDay(p.to)) return '请输入日期，格式如 2026-06-01';
  if (p.from > p.to) return '开始日期不能晚于结束日期';
  return null;
}

/** 12345 fen → "¥123.45"; negative → "-¥123.45". */
export function formatYuan(fen: number): string {
  const abs = Math.abs(Math.round(fen));
  const yuan = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fen < 0 ? '-' : ''}¥${yuan}.${pad(abs % 100)}`;
}
