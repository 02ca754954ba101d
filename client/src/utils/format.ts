/** 12345 → "12,345" (no toLocaleString: mini-program JS engines do not group digits). */
export function formatNumber(value: number): string {
  const [int, frac] = String(value).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac ? `${grouped}.${frac}` : grouped;
}

/** ISO timestamp → YYYY-MM-DD in Asia/Shanghai (UTC+8, no DST). */
export function formatShanghaiDate(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '';
  return new Date(time + 8 * 3600 * 1000).toISOString().slice(0, 10);
}
