// Timer-trigger cron of WeChat cloud functions: 7 fields, "sec min hour day month weekday year", in UTC+8.
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
const WEEKDAYS: Record<string, number> = { SUN: 0, MON: 1, TUE: 2, WED: 3, THU: 4, FRI: 5, SAT: 6 };
const MONTHS: Record<string, number> = { JAN: 1, FEB: 2, MAR: 3, APR: 4, MAY: 5, JUN: 6, JUL: 7, AUG: 8, SEP: 9, OCT: 10, NOV: 11, DEC: 12 };

type Field = (n: number) => boolean;

function parseField(expr: string, min: number, max: number, names: Record<string, number> = {}): { match: Field; any: boolean } {
  const value = (s: string) => {
    const n = names[s.toUpperCase()] ?? Number(s);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`cron: ${s} is outside ${min}-${max}`);
    return n;
  };
  if (expr === '*' || expr === '?') return { match: () => true, any: true };
  const parts = expr.split(',').map((part) => {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`cron: bad step in ${part}`);
    let lo = min;
    let hi = max;
    if (range !== '*') {
      const [a, b] = range.split('-');
      lo = value(a);
      hi = b === undefined ? (stepText === undefined ? lo : max) : value(b);
    }
    return (n: number) => n >= lo && n <= hi && (n - lo) % step === 0;
  });
  return { match: (n) => parts.some((p) => p(n)), any: false };
}

export interface Cron { matches(at: Date): boolean; matchesMinute(at: Date): boolean; expression: string }

export function parseCron(expression: string): Cron {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 7) throw new Error(`cron: expected 7 fields (sec min hour day month weekday year), got "${expression}"`);
  const [sec, min, hour, day, month, weekday, year] = fields;
  const s = parseField(sec, 0, 59);
  const m = parseField(min, 0, 59);
  const h = parseField(hour, 0, 23);
  const d = parseField(day, 1, 31);
  const mo = parseField(month, 1, 12, MONTHS);
  const w = parseField(weekday, 0, 7, WEEKDAYS);
  const y = parseField(year, 1970, 2199);
  const minuteMatches = (t: Date) => {
    const wd = t.getUTCDay();
    const weekdayOk = w.match(wd) || (wd === 0 && w.match(7));
    // As in cron: when both day fields are restricted, either one matching is enough.
    const dayOk = d.any || w.any ? d.match(t.getUTCDate()) && weekdayOk : d.match(t.getUTCDate()) || weekdayOk;
    return m.match(t.getUTCMinutes()) && h.match(t.getUTCHours()) && dayOk && mo.match(t.getUTCMonth() + 1) && y.match(t.getUTCFullYear());
  };
  const shanghai = (at: Date) => new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  return {
    expression,
    matchesMinute: (at) => minuteMatches(shanghai(at)),
    matches: (at) => s.match(shanghai(at).getUTCSeconds()) && minuteMatches(shanghai(at)),
  };
}

/** Whether the cron fires at any whole second in (from, to]; scans minutes first so clock jumps stay cheap. */
export function firesBetween(cron: Cron, from: Date, to: Date): boolean {
  const start = Math.floor(from.getTime() / 1000) + 1;
  const end = Math.min(Math.floor(to.getTime() / 1000), start + 366 * 86400);
  for (let minute = start - (start % 60); minute <= end; minute += 60) {
    if (!cron.matchesMinute(new Date(minute * 1000))) continue;
    for (let sec = Math.max(minute, start); sec <= Math.min(minute + 59, end); sec++) if (cron.matches(new Date(sec * 1000))) return true;
  }
  return false;
}
