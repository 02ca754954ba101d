// Migration from a legacy system, as pure rules: reading the file's rows (CSV or JSON lines, already decoded to text),
// checking each row into an import record or Chinese problems about what was typed, and the plan that turns an
// imported record into (or merges it with) a member when the phone is bound. Columns and merge rules:
// docs/migration.md. The function `migration` and services/importClaims.ts persist what these plan.
import { MIGRATION_COLUMNS, type MigrationColumn } from '../../contract/migration';
import type { LoyaltyConfig } from './config';
import type { GrowthEntry, GrowthSummary } from './growth';
import { chainPlans, planExpire, planOpening, unchangedPlan, type LedgerPlan, type Lot } from './ledger';
import { lotExpiresAt } from './lotRules';
import type { MemberDoc } from './member';
import { pointsStateOf } from './member';
import type { MemberChange } from './memberDocuments';
import { nextReviewAt } from './reviewSchedule';
import type { TierState } from './tierEvaluation';
import { sortedTiers } from './tiers';
import { addDays, shanghaiDay, shanghaiDayStart } from './time';

export interface MigrationIssue { row: number; column: string; value: string; reason: string }

/** A row as read from the file: its line number (the header is line 1) and its cells by column key. */
export interface RawRow { row: number; cells: Partial<Record<MigrationColumn, string>>; orders?: unknown }

export interface ParsedFile {
  format: 'csv' | 'jsonl';
  rows: RawRow[];
  /** Problems of the file as a whole (header) or of lines that are not rows at all; rows listed here are invalid. */
  issues: MigrationIssue[];
}

export interface ImportedLot { points: number; expiresOn: string }
export interface ImportedOrder { orderId: string; paidAt: string; amountFen: number; storeId: string | null }

/** A checked row: what is imported for one phone number. */
export interface ImportRecord {
  phone: string;
  name: string | null;
  birthday: string | null;
  joinedOn: string | null;
  tierLevel: number;
  /** Last day (Shanghai) of the tier's validity, inclusive; null at the entry tier. */
  tierValidUntil: string | null;
  growth: number;
  lots: ImportedLot[];
  stores: string[];
  formats: string[];
  tags: string[];
  legacyId: string | null;
  orders: ImportedOrder[];
  /** Of the normalised content: the same row again is recognised as unchanged. */
  hash: string;
}

export const MAX_POINTS_PER_ROW = 100_000_000;
export const MAX_GROWTH = 100_000_000;

const COLUMN_BY_HEADER = new Map<string, MigrationColumn>();
for (const c of MIGRATION_COLUMNS) {
  COLUMN_BY_HEADER.set(c.key.toLowerCase(), c.key);
  COLUMN_BY_HEADER.set(c.name, c.key);
}
export const columnName = (key: string) => MIGRATION_COLUMNS.find((c) => c.key === key)?.name ?? key;

// ---- reading ---------------------------------------------------------------------------------------------------

/** CSV records (RFC 4180: quotes, doubled quotes, newlines inside quotes), each with the line it starts on. */
export function csvRecords(text: string): Array<{ line: number; cells: string[] }> {
  const out: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let any = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { cell += '"'; i++; } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === '') { quoted = true; any = true; continue; }
    if (ch === ',') { cells.push(cell); cell = ''; any = true; continue; }
    if (ch === '\r' && text[i + 1] === '\n') continue;
    if (ch === '\n' || ch === '\r') {
      cells.push(cell);
      if (any || cells.some((c) => c !== '')) out.push({ line: start, cells });
      cells = []; cell = ''; any = false;
      line++; start = line;
      continue;
    }
    cell += ch;
    any = true;
  }
  if (any || cell !== '') {
    cells.push(cell);
    out.push({ line: start, cells });
  }
  return out;
}

/** The file's rows: JSON lines when its first character is `{`, CSV with a header row otherwise. */
export function parseFile(text: string): ParsedFile {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return body.trimStart().startsWith('{') ? parseJsonLines(body) : parseCsv(body);
}

function parseCsv(text: string): ParsedFile {
  const records = csvRecords(text);
  const issues: MigrationIssue[] = [];
  if (records.length === 0) return { format: 'csv', rows: [], issues: [{ row: 1, column: '表头', value: '', reason: '文件为空' }] };
  const [head, ...data] = records;
  const columns: Array<MigrationColumn | null> = head.cells.map((h) => {
    const key = COLUMN_BY_HEADER.get(h.trim()) ?? COLUMN_BY_HEADER.get(h.trim().toLowerCase()) ?? null;
    if (!key && h.trim() !== '') issues.push({ row: head.line, column: '表头', value: h, reason: `不支持的列“${h.trim()}”，请使用模板中的列名` });
    return key;
  });
  const seen = new Set<string>();
  for (const key of columns) {
    if (!key) continue;
    if (seen.has(key)) issues.push({ row: head.line, column: '表头', value: key, reason: `列“${columnName(key)}”重复` });
    seen.add(key);
  }
  if (!columns.includes('phone')) issues.push({ row: head.line, column: '表头', value: head.cells.join(','), reason: '缺少“手机号”（phone）列' });
  if (issues.length) return { format: 'csv', rows: [], issues };
  const rows: RawRow[] = [];
  for (const r of data) {
    if (r.cells.length > columns.length && r.cells.slice(columns.length).some((c) => c.trim() !== '')) {
      issues.push({ row: r.line, column: '整行', value: r.cells.join(','), reason: `列数（${r.cells.length}）多于表头（${columns.length}）` });
      continue;
    }
    const cells: RawRow['cells'] = {};
    columns.forEach((key, i) => { if (key) cells[key] = r.cells[i] ?? ''; });
    rows.push({ row: r.line, cells });
  }
  return { format: 'csv', rows, issues };
}

const JSON_FIELDS = new Set<string>([...MIGRATION_COLUMNS.map((c) => c.key), 'orders']);

function parseJsonLines(text: string): ParsedFile {
  const rows: RawRow[] = [];
  const issues: MigrationIssue[] = [];
  text.split(/\r?\n/).forEach((lineText, i) => {
    const row = i + 1;
    if (lineText.trim() === '') return;
    let value: unknown;
    try { value = JSON.parse(lineText); } catch { value = undefined; }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      issues.push({ row, column: '整行', value: lineText.slice(0, 60), reason: '不是有效的 JSON 对象' });
      return;
    }
    const cells: RawRow['cells'] = {};
    let bad = false;
    for (const [k, v] of Object.entries(value)) {
      if (!JSON_FIELDS.has(k)) { issues.push({ row, column: k, value: '', reason: `不支持的字段“${k}”` }); bad = true; continue; }
      if (k === 'orders') continue;
      if (v === null || v === undefined) continue;
      if (Array.isArray(v) && (k === 'stores' || k === 'formats' || k === 'tags')) cells[k as MigrationColumn] = v.map(String).join(';');
      else if (typeof v === 'string' || typeof v === 'number') cells[k as MigrationColumn] = String(v);
      else { issues.push({ row, column: columnName(k), value: JSON.stringify(v).slice(0, 60), reason: `${columnName(k)}须为文字或数字` }); bad = true; }
    }
    if (!bad) rows.push({ row, cells, orders: (value as { orders?: unknown }).orders });
  });
  // JSON lines have no header: line 1 is the first row.
  return { format: 'jsonl', rows, issues };
}

// ---- checking --------------------------------------------------------------------------------------------------

export interface CheckContext {
  now: Date;
  config: LoyaltyConfig;
}

const PHONE = /^1[3-9]\d{9}$/;
const LIST_ITEM = /^[A-Za-z0-9_.:-]{1,32}$/;
const ORDER_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

/** 'YYYY-MM-DD' (also YYYY/M/D and YYYY.M.D) as a real calendar day, or null. */
export function parseDay(value: string): string | null {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(value.trim());
  if (!m) return null;
  const day = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== day) return null;
  const year = Number(m[1]);
  return year >= 1900 && year <= 2100 ? day : null;
}

const wholeNumber = (value: string): number | null => (/^\d{1,12}$/.test(value.trim()) ? Number(value.trim()) : null);

function list(value: string | undefined): string[] {
  return (value ?? '').split(/[;；|]/).map((s) => s.trim()).filter(Boolean);
}

/** Checks one row; answers the record or its problems (every problem of the row, column by column). */
export function checkRow(raw: RawRow, ctx: CheckContext): { record: ImportRecord; issues: [] } | { record: null; issues: MigrationIssue[] } {
  const issues: MigrationIssue[] = [];
  const cell = (k: MigrationColumn) => (raw.cells[k] ?? '').trim();
  const problem = (k: MigrationColumn | 'orders', value: string, reason: string) => issues.push({ row: raw.row, column: k === 'orders' ? '订单' : columnName(k), value, reason });
  const today = shanghaiDay(ctx.now);

  const phone = normalPhone(raw.cells.phone);
  if (!cell('phone')) problem('phone', '', '手机号不能为空');
  else if (!PHONE.test(phone)) problem('phone', cell('phone'), `手机号“${cell('phone')}”格式不正确，应为 11 位手机号`);

  const name = cell('name') || null;
  if (name && [...name].length > 20) problem('name', name, `姓名“${name}”超过 20 个字`);

  const dayOf = (k: 'birthday' | 'joinedAt' | 'tierValidUntil'): string | null => {
    const v = cell(k);
    if (!v) return null;
    const day = parseDay(v);
    if (!day) problem(k, v, `${columnName(k)}“${v}”不是有效日期，格式为 YYYY-MM-DD`);
    return day;
  };
  const birthday = dayOf('birthday');
  if (birthday && birthday > today) problem('birthday', cell('birthday'), '生日不能晚于今天');
  const joinedOn = dayOf('joinedAt');
  if (joinedOn && joinedOn > today) problem('joinedAt', cell('joinedAt'), '入会日期不能晚于今天');

  const tiers = sortedTiers(ctx.config.tiers);
  let tierLevel = 0;
  const tierText = cell('tier');
  if (tierText) {
    const byLevel = /^\d+$/.test(tierText) ? tiers.find((t) => t.level === Number(tierText)) : undefined;
    const found = byLevel ?? tiers.find((t) => t.name === tierText);
    if (!found) problem('tier', tierText, `等级“${tierText}”不存在，可填 ${tiers.map((t) => `${t.level} 或 ${t.name}`).join('、')}`);
    else tierLevel = found.level;
  }
  const entryLevel = tiers[0]?.level ?? 0;
  let tierValidUntil = dayOf('tierValidUntil');
  if (tierLevel > entryLevel) {
    if (!cell('tierValidUntil')) problem('tierValidUntil', '', `等级为${tiers.find((t) => t.level === tierLevel)?.name}时须填写等级有效期至`);
    else if (tierValidUntil && tierValidUntil < today) problem('tierValidUntil', cell('tierValidUntil'), `等级有效期“${cell('tierValidUntil')}”已过`);
  } else tierValidUntil = null;

  let growth = 0;
  if (cell('growth')) {
    const n = wholeNumber(cell('growth'));
    if (n === null || n > MAX_GROWTH) problem('growth', cell('growth'), `成长值“${cell('growth')}”须为不超过 1 亿的非负整数`);
    else growth = n;
  }

  const lots: ImportedLot[] = [];
  for (const part of list(cell('points'))) {
    const m = /^(\d{1,12})(?:\s*[@＠]\s*(.+))?$/.exec(part);
    if (!m) { problem('points', part, `积分批次“${part}”格式不正确，应为 数量@有效期至，如 500@2027-12-31`); continue; }
    const points = Number(m[1]);
    if (points === 0) continue;
    let expiresOn: string | null;
    if (m[2] === undefined) expiresOn = shanghaiDay(new Date(defaultExpiry(ctx).getTime() - 1));
    else {
      expiresOn = parseDay(m[2]);
      if (!expiresOn) { problem('points', part, `积分批次“${part}”的有效期“${m[2]}”不是有效日期，格式为 YYYY-MM-DD`); continue; }
      if (expiresOn < today) { problem('points', part, `积分批次“${part}”的有效期已过`); continue; }
    }
    lots.push({ points, expiresOn });
  }
  if (lots.reduce((s, l) => s + l.points, 0) > MAX_POINTS_PER_ROW) problem('points', cell('points'), '积分合计不能超过 1 亿');

  const listOf = (k: 'stores' | 'formats' | 'tags') => {
    const items = list(cell(k));
    const pattern = k === 'tags' ? /^.{1,20}$/u : LIST_ITEM;
    const bad = items.find((s) => !pattern.test(s));
    if (bad !== undefined) problem(k, bad, k === 'tags' ? `标签“${bad}”超过 20 个字` : `${columnName(k)}“${bad}”只能包含字母、数字和 _ . : -`);
    if (items.length > 20) problem(k, cell(k), `${columnName(k)}最多 20 个`);
    return [...new Set(items)];
  };
  const stores = listOf('stores');
  const formats = listOf('formats');
  const tags = listOf('tags');
  const legacyId = cell('legacyId') || null;
  if (legacyId && legacyId.length > 40) problem('legacyId', legacyId, '原会员号最多 40 个字符');

  const orders = checkOrders(raw, ctx, problem);

  if (issues.length) return { record: null, issues };
  const record: Omit<ImportRecord, 'hash'> = { phone, name, birthday, joinedOn, tierLevel, tierValidUntil, growth, lots, stores, formats, tags, legacyId, orders };
  return { record: { ...record, hash: hashOf(JSON.stringify(record)) }, issues: [] };
}

function checkOrders(raw: RawRow, ctx: CheckContext, problem: (k: 'orders', v: string, r: string) => void): ImportedOrder[] {
  if (raw.orders === undefined || raw.orders === null) return [];
  if (!Array.isArray(raw.orders)) { problem('orders', '', '订单须为数组'); return []; }
  if (raw.orders.length > 500) problem('orders', String(raw.orders.length), '每位会员最多导入 500 笔订单');
  const out: ImportedOrder[] = [];
  const ids = new Set<string>();
  raw.orders.slice(0, 500).forEach((o: unknown, i) => {
    const at = `第 ${i + 1} 笔订单`;
    const x = (typeof o === 'object' && o !== null ? o : {}) as Record<string, unknown>;
    const orderId = typeof x.orderId === 'string' ? x.orderId : '';
    if (!ORDER_ID.test(orderId)) return problem('orders', String(x.orderId ?? ''), `${at}的订单号“${String(x.orderId ?? '')}”不正确`);
    if (ids.has(orderId)) return problem('orders', orderId, `${at}的订单号“${orderId}”重复`);
    ids.add(orderId);
    const paidAt = typeof x.paidAt === 'string' ? new Date(x.paidAt) : new Date(NaN);
    if (Number.isNaN(paidAt.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(String(x.paidAt))) return problem('orders', String(x.paidAt ?? ''), `${at}的支付时间“${String(x.paidAt ?? '')}”不正确，格式如 2025-06-01T12:00:00+08:00`);
    if (paidAt.getTime() > ctx.now.getTime()) return problem('orders', String(x.paidAt), `${at}的支付时间不能晚于当前时间`);
    const amountFen = x.amountFen;
    if (typeof amountFen !== 'number' || !Number.isSafeInteger(amountFen) || amountFen < 1 || amountFen > 100_000_000_00) return problem('orders', String(amountFen ?? ''), `${at}的金额须为正整数（单位：分）`);
    const storeId = typeof x.storeId === 'string' && x.storeId ? x.storeId : null;
    if (storeId && !LIST_ITEM.test(storeId)) return problem('orders', storeId, `${at}的门店“${storeId}”不正确`);
    out.push({ orderId, paidAt: paidAt.toISOString(), amountFen, storeId });
  });
  return out;
}

/** When a lot given without a date expires: the default expiry rule applied to points earned now. */
const defaultExpiry = (ctx: CheckContext): Date => lotExpiresAt(ctx.now, ctx.config);

/** cyrb53: a 53-bit hash of the normalised row, in base 36. */
export function hashOf(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

export interface CheckedRow { row: number; record: ImportRecord | null; issues: MigrationIssue[]; points: number }

export interface CheckedFile {
  /** Per row of the file, in order: the record, or null when the row has problems. */
  rows: CheckedRow[];
  fileIssues: MigrationIssue[];
}

/** The phone as checkRow reads it (+86, spaces and dashes dropped). */
export const normalPhone = (cell: string | undefined) => (cell ?? '').trim().replace(/^\+?86/, '').replace(/[\s-]/g, '');

/** The first row of each phone in the file: a later row of the same phone is a duplicate (cheap: no row is checked). */
export function firstRows(parsed: ParsedFile): Map<string, number> {
  const first = new Map<string, number>();
  for (const raw of parsed.rows) {
    const phone = normalPhone(raw.cells.phone);
    if (phone && !first.has(phone)) first.set(phone, raw.row);
  }
  return first;
}

/** One row checked, a duplicate of an earlier row of the same phone included (checked one chunk at a time). */
export function checkAt(raw: RawRow, first: Map<string, number>, ctx: CheckContext): CheckedRow {
  const checked = checkRow(raw, ctx);
  const points = checked.record ? checked.record.lots.reduce((s, l) => s + l.points, 0) : pointsTyped(raw);
  if (!checked.record) return { row: raw.row, record: null, issues: checked.issues, points };
  const earlier = first.get(checked.record.phone);
  if (earlier !== undefined && earlier !== raw.row) {
    return { row: raw.row, record: null, points, issues: [{ row: raw.row, column: '手机号', value: raw.cells.phone ?? '', reason: `手机号与第 ${earlier} 行重复` }] };
  }
  return { row: raw.row, record: checked.record, issues: [], points };
}

/** Every row checked: the second and later rows of a phone are problems (whatever the first row's own problems). */
export function checkFile(parsed: ParsedFile, ctx: CheckContext): CheckedFile {
  const first = firstRows(parsed);
  return { rows: parsed.rows.map((raw) => checkAt(raw, first, ctx)), fileIssues: parsed.issues };
}

/** The points a row with problems names (the lots that read as numbers), for the audit's skipped total. */
function pointsTyped(raw: RawRow): number {
  return list(raw.cells.points).reduce((s, part) => {
    const m = /^(\d{1,12})/.exec(part);
    return s + (m ? Number(m[1]) : 0);
  }, 0);
}

// ---- claiming --------------------------------------------------------------------------------------------------

/** The instant after the last valid day. */
export const endOfDay = (day: string) => shanghaiDayStart(addDays(day, 1));

export const IMPORT_REASON = '期初导入';
export const importLotKey = (phone: string, i: number) => `import:${phone}:${i}`;
export const importGrowthKey = (phone: string) => `import:${phone}`;

/** What the member keeps of the imported profile (the merge adds, never overwrites what the member set). */
export interface ImportedProfile {
  phone: string;
  name: string | null;
  birthday: string | null;
  joinedOn: string | null;
  legacyId: string | null;
  stores: string[];
  formats: string[];
  tags: string[];
  jobId: string;
  /** When the record was claimed (ISO). */
  at: string;
}

/**
 * The member after claiming `record` (docs/migration.md, merge rules): each lot an `adjust` entry 期初导入 with its own
 * expiry (a lot that expired meanwhile is written and expired at once), the growth as one opening entry, the higher
 * tier with its validity (an imported tier grants no upgrade gift), the imported profile beside the member's own.
 */
export function planClaim(member: MemberDoc, lots: Lot[], record: ImportRecord, meta: { jobId: string; issuer: string; now: Date; config: LoyaltyConfig }): MemberChange & { ledger: LedgerPlan } {
  const { now } = meta;
  let ledger = unchangedPlan(pointsStateOf(member, lots), now);
  record.lots.forEach((lot, i) => {
    const plan = planOpening(ledger.state, { amount: lot.points, expiresAt: endOfDay(lot.expiresOn), key: importLotKey(record.phone, i), reason: IMPORT_REASON, ref: meta.jobId, issuer: meta.issuer, at: now });
    ledger = chainPlans(ledger, plan);
  });
  if (ledger.state.lots.some((l) => l.remaining > 0 && l.expiresAt.getTime() <= now.getTime())) ledger = chainPlans(ledger, planExpire(ledger.state, now));

  const growth: GrowthEntry[] = record.growth > 0
    ? [{ dimension: 'consumption', event: 'import', raw: record.growth, amount: record.growth, at: now, reason: IMPORT_REASON, key: importGrowthKey(record.phone), ref: meta.jobId }]
    : [];
  const sum = { ...member.growth };
  for (const g of growth) sum[g.dimension] += g.amount;
  const growthSummary: GrowthSummary = { ...sum, total: Math.max(0, sum.consumption + sum.interaction + sum.social + sum.lifecycle) };

  const tier = mergedTier(member, record, meta.config, now);
  const imported: ImportedProfile = {
    phone: record.phone, name: record.name, birthday: record.birthday, joinedOn: record.joinedOn, legacyId: record.legacyId,
    stores: record.stores, formats: record.formats, tags: record.tags, jobId: meta.jobId, at: now.toISOString(),
  };
  const reviewAt = nextReviewAt({ lots: ledger.state.lots, tier: tier ?? member, previous: member.reviewAt, now });
  return { ledger, growth, growthSummary, ...(tier ? { tier } : {}), fields: { imported, reviewAt } };
}

/** The imported tier when it is higher, or as high with a later validity; otherwise null (the member's stays). */
export function mergedTier(member: TierState, record: Pick<ImportRecord, 'tierLevel' | 'tierValidUntil'>, config: LoyaltyConfig, now: Date): TierState | null {
  if (!record.tierValidUntil || record.tierLevel <= 0) return null;
  const validUntil = endOfDay(record.tierValidUntil);
  if (validUntil.getTime() <= now.getTime()) return null;
  const higher = record.tierLevel > member.tierLevel;
  const sameLonger = record.tierLevel === member.tierLevel && (member.tierValidUntil?.getTime() ?? 0) < validUntil.getTime();
  if (!higher && !sameLonger) return null;
  const highMin = config.growth.lifecycle.highTierMinLevel;
  const levels = sortedTiers(config.tiers).map((t) => t.level).filter((l) => l <= record.tierLevel);
  return {
    tierLevel: record.tierLevel,
    tierSince: higher ? now : member.tierSince,
    tierValidUntil: validUntil,
    highTierSince: record.tierLevel >= highMin ? (member.highTierSince ?? now) : member.highTierSince,
    giftedLevels: [...new Set([...member.giftedLevels, ...levels])].sort((a, b) => a - b),
  };
}

/** Points per expiry month (YYYY-MM) of records. */
export function pointsByMonth(records: Array<Pick<ImportRecord, 'lots'>>, into: Record<string, number> = {}): Record<string, number> {
  for (const r of records) for (const l of r.lots) into[l.expiresOn.slice(0, 7)] = (into[l.expiresOn.slice(0, 7)] ?? 0) + l.points;
  return into;
}

export const recordPoints = (r: Pick<ImportRecord, 'lots'>) => r.lots.reduce((s, l) => s + l.points, 0);
