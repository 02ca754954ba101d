/** 12345 → "12,345" (no toLocaleString: mini-program JS engines do not group digits). */
export function formatNumber(value: number): string {
  const [int, frac] = String(value).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac ? `${grouped}.${frac}` : grouped;
}

/** 120 → "+120", -80 → "−80" (a true minus sign), 0 → "0". */
export function formatSigned(value: number): string {
  if (value > 0) return `+${formatNumber(value)}`;
  if (value < 0) return `−${formatNumber(-value)}`;
  return '0';
}

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000; // UTC+8, no DST

function shanghaiIso(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '';
  return new Date(time + SHANGHAI_OFFSET_MS).toISOString();
}

/** ISO timestamp → YYYY-MM-DD in Asia/Shanghai. */
export function formatShanghaiDate(iso: string): string {
  return shanghaiIso(iso).slice(0, 10);
}

/** ISO timestamp → "YYYY-MM-DD HH:mm" in Asia/Shanghai. */
export function formatShanghaiDateTime(iso: string): string {
  const local = shanghaiIso(iso);
  return local ? `${local.slice(0, 10)} ${local.slice(11, 16)}` : '';
}
