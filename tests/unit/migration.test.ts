// The migration's pure rules (core/migration.ts): reading CSV and JSON lines, checking rows into records or Chinese
// problems, and the claim plan, whose ledger keeps every invariant of core/ledger.ts (property test, as for the
// ledger itself); the GBK decoder of the migration function against iconv-lite; the upload parts.
import fc from 'fast-check';
import zlib from 'zlib';
import fs from 'fs';
import path from 'path';
import iconv from 'iconv-lite';
import { DEFAULT_CONFIG } from '../../cloudfunctions/core/config';
import { emptyPointsState, planEarn, planSpend, planReverse, type PointsState } from '../../cloudfunctions/core/ledger';
import { newMember } from '../../cloudfunctions/core/member';
import { checkFile, checkRow, csvRecords, mergedTier, parseFile, planClaim, type ImportRecord } from '../../cloudfunctions/core/migration';
import { checkPointsState } from '../../cloudfunctions/core/pointsSummary';
import { decodeFile, decodeGbk } from '../../cloudfunctions/migration/decode';
import { GBK_TABLE_BROTLI } from '../../cloudfunctions/migration/gbkTable';
import { MIGRATION_TEMPLATE, splitParts } from '../../contract/migration';

const NOW = new Date('2026-06-10T02:00:00Z');
const ctx = { now: NOW, config: DEFAULT_CONFIG };

describe('reading', () => {
  test('CSV records: quotes, doubled quotes, newlines inside quotes, CRLF; each with the line it starts on', () => {
    expect(csvRecords('a,b\r\n"x, y","say ""hi"""\r\n"two\nlines",z\n\n3,4')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, y', 'say "hi"'] },
      { line: 3, cells: ['two\nlines', 'z'] },
      { line: 6, cells: ['3', '4'] },
    ]);
  });

  test('headers by key or Chinese name; unknown or missing columns refuse the file', () => {
    expect(parseFile('手机号,姓名\n13800000001,张三\n').rows).toEqual([{ row: 2, cells: { phone: '13800000001', name: '张三' } }]);
    expect(parseFile('\ufeffPhone,Name\n13800000001,张三').rows[0].cells).toEqual({ phone: '13800000001', name: '张三' });
    expect(parseFile('phone,nick\n1').issues).toEqual([{ row: 1, column: '表头', value: 'nick', reason: '不支持的列“nick”，请使用模板中的列名' }]);
    expect(parseFile('name\n张三').issues[0].reason).toBe('缺少“手机号”（phone）列');
    expect(parseFile('phone,name\n13800000001,a,b').issues[0]).toMatchObject({ row: 2, column: '整行', reason: '列数（3）多于表头（2）' });
  });

  test('the template reads back as two good rows', () => {
    const checked = checkFile(parseFile(MIGRATION_TEMPLATE), ctx);
    expect(checked.fileIssues).toEqual([]);
    expect(checked.rows.map((r) => r.issues)).toEqual([[], []]);
  });

  test('JSON lines: arrays for lists, orders, unknown fields refused', () => {
    const parsed = parseFile('{"phone":"13800000001","tags":["a","b"],"points":80}\n{"phone":"x","extra":1}\n');
    expect(parsed.format).toBe('jsonl');
    expect(parsed.rows).toEqual([{ row: 1, cells: { phone: '13800000001', tags: 'a;b', points: '80' }, orders: undefined }]);
    expect(parsed.issues).toEqual([{ row: 2, column: 'extra', value: '', reason: '不支持的字段“extra”' }]);
  });
});

describe('checking a row', () => {
  const row = (cells: Record<string, string>) => checkRow({ row: 7, cells }, ctx);

  test('a full row becomes its record; phone formats are normalised', () => {
    const { record } = row({ phone: '+86 138-0000-0001', name: '张三', birthday: '1990/5/1', tier: '金牌会员', tierValidUntil: '2027-06-30', growth: '1800', points: '500@2027-12-31; 200＠2027-06-30', tags: '老客户；VIP' });
    expect(record).toMatchObject({ phone: '13800000001', birthday: '1990-05-01', tierLevel: 2, tierValidUntil: '2027-06-30', growth: 1800, lots: [{ points: 500, expiresOn: '2027-12-31' }, { points: 200, expiresOn: '2027-06-30' }], tags: ['老客户', 'VIP'] });
  });

  test('a bare number expires by the default rule (yearEnd, 1 year after: 31 Dec of next year)', () => {
    expect(row({ phone: '13800000001', points: '80' }).record?.lots).toEqual([{ points: 80, expiresOn: '2027-12-31' }]);
  });

  test('every problem of the row, in Chinese, quoting what was typed', () => {
    expect(row({ phone: '', birthday: '2030-01-01', joinedAt: '昨天', tier: '1', growth: '1.5', points: '10@2026-06-09;x', name: '一二三四五六七八九十一二三四五六七八九十一' }).issues.map((i) => `${i.column}：${i.reason}`)).toEqual([
      '手机号：手机号不能为空',
      '姓名：姓名“一二三四五六七八九十一二三四五六七八九十一”超过 20 个字',
      '生日：生日不能晚于今天',
      '入会日期：入会日期“昨天”不是有效日期，格式为 YYYY-MM-DD',
      '等级有效期至：等级为银牌会员时须填写等级有效期至',
      '成长值：成长值“1.5”须为不超过 1 亿的非负整数',
      '积分：积分批次“10@2026-06-09”的有效期已过',
      '积分：积分批次“x”格式不正确，应为 数量@有效期至，如 500@2027-12-31',
    ]);
  });

  test('a later row of a phone is a duplicate, whatever the first row\'s own problems', () => {
    const checked = checkFile(parseFile('phone,birthday\n13800000001,1990-13-01\n+86 13800000001,\n'), ctx);
    expect(checked.rows.map((r) => r.issues.map((i) => i.reason))).toEqual([['生日“1990-13-01”不是有效日期，格式为 YYYY-MM-DD'], ['手机号与第 2 行重复']]);
  });

  test('the same content hashes the same; other content differently', () => {
    const a = row({ phone: '13800000001', points: '80@2027-12-31' }).record as ImportRecord;
    const b = row({ phone: '13800000001', points: ' 80@2027-12-31 ' }).record as ImportRecord;
    const c = row({ phone: '13800000001', points: '81@2027-12-31' }).record as ImportRecord;
    expect(a.hash).toBe(b.hash);
    expect(a.hash).not.toBe(c.hash);
  });
});

describe('the claim plan', () => {
  const record = (over: Partial<ImportRecord> = {}): ImportRecord => ({
    phone: '13800000001', name: '张三', birthday: null, joinedOn: null, tierLevel: 0, tierValidUntil: null, growth: 0, lots: [],
    stores: [], formats: [], tags: [], legacyId: null, orders: [], hash: 'h', ...over,
  });
  const meta = { jobId: 'job-1', issuer: 'migration:admin', now: NOW, config: DEFAULT_CONFIG };

  test('the higher tier wins with its validity; at the same level the later validity; a lower one changes nothing', () => {
    const member = { ...newMember('m', NOW), tierLevel: 1, tierValidUntil: new Date('2026-12-31T16:00:00Z') };
    expect(mergedTier(member, { tierLevel: 2, tierValidUntil: '2027-03-31' }, DEFAULT_CONFIG, NOW)).toMatchObject({ tierLevel: 2, tierSince: NOW, tierValidUntil: new Date('2027-03-31T16:00:00Z'), highTierSince: NOW, giftedLevels: [0, 1, 2] });
    expect(mergedTier(member, { tierLevel: 1, tierValidUntil: '2027-03-31' }, DEFAULT_CONFIG, NOW)).toMatchObject({ tierLevel: 1, tierSince: member.tierSince, tierValidUntil: new Date('2027-03-31T16:00:00Z') });
    expect(mergedTier(member, { tierLevel: 1, tierValidUntil: '2026-10-01' }, DEFAULT_CONFIG, NOW)).toBeNull();
    expect(mergedTier(member, { tierLevel: 0, tierValidUntil: null }, DEFAULT_CONFIG, NOW)).toBeNull();
  });

  // Any points state a member can be in (earned, spent, in debt after a refund), then any imported lots: the plan
  // keeps the ledger's invariants, adds exactly the file's points, and one 期初导入 entry per lot.
  const stateArb = fc.array(fc.tuple(fc.constantFrom('earn', 'spend', 'reverse'), fc.integer({ min: 1, max: 400 })), { maxLength: 12 }).map((ops) => {
    let state: PointsState = emptyPointsState();
    const entries: ReturnType<typeof planEarn>['entries'] = [];
    ops.forEach(([kind, amount], i) => {
      const m = { key: `k${i}`, reason: 't', ref: `r${i}`, issuer: 'p', at: new Date(NOW.getTime() - (ops.length - i) * 86400_000) };
      try {
        const plan = kind === 'earn' ? planEarn(state, { ...m, amount }, DEFAULT_CONFIG) : kind === 'spend' ? planSpend(state, { ...m, amount }) : planReverse(state, { ...m, amount, ref: 'none' }, DEFAULT_CONFIG);
        entries.push(...plan.entries);
        state = plan.state;
      } catch { /* refused ops leave the state */ }
    });
    return { state, entries };
  });
  const lotsArb = fc.array(fc.record({ points: fc.integer({ min: 1, max: 100_000 }), expiresOn: fc.constantFrom('2026-06-09', '2026-06-10', '2026-12-31', '2027-06-30') }), { maxLength: 6 });

  test('keeps balance = ledger = lots − debt, and adds the file\'s points (an expired lot is entered and expired)', () => {
    fc.assert(fc.property(stateArb, lotsArb, ({ state, entries }, lots) => {
      const member = { ...newMember('m', NOW), points: { balance: state.balance, debt: state.debt, pending: state.pending, lots: state.lots } };
      const before = state.balance;
      const plan = planClaim(member, state.lots, record({ lots, growth: 5 }), meta).ledger;
      const all = [...entries, ...plan.entries];
      expect(checkPointsState(plan.state, all, NOW)).toEqual([]);
      const opening = plan.entries.filter((e) => e.reason === '期初导入');
      expect(opening.map((e) => [e.type, e.amount])).toEqual(lots.map((l) => ['adjust', l.points]));
      const expiredNow = plan.entries.filter((e) => e.type === 'expire').reduce((s, e) => s + e.amount, 0);
      expect(plan.state.balance).toBe(before + lots.reduce((s, l) => s + l.points, 0) + expiredNow);
      // Only lots past their last day (2026-06-09: expired at 00:00 on 06-10) may be expired by the claim.
      for (const e of plan.entries.filter((x) => x.type === 'expire')) expect(e.ref.startsWith('import:') ? lots[Number(e.ref.split(':')[2])].expiresOn : '2026-06-09').toBe('2026-06-09');
    }));
  });

  test('growth is one opening entry, counted in the summary at once', () => {
    const member = newMember('m', NOW);
    const change = planClaim(member, [], record({ growth: 1800 }), meta);
    expect(change.growth).toEqual([{ dimension: 'consumption', event: 'import', raw: 1800, amount: 1800, at: NOW, reason: '期初导入', key: 'import:13800000001', ref: 'job-1' }]);
    expect(change.growthSummary).toMatchObject({ total: 1800, consumption: 1800 });
  });
});

describe('the function\'s GBK decoder', () => {
  test('decodes every double-byte GBK code exactly as iconv-lite does', () => {
    const bytes: number[] = [];
    for (let lead = 0x81; lead <= 0xfe; lead++) for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) bytes.push(lead, trail);
    const all = Buffer.from(bytes);
    expect(decodeGbk(all)).toBe(iconv.decode(all, 'gbk'));
  });

  test('detects the encoding: BOM, UTF-8, GBK', () => {
    expect(decodeFile(Buffer.from('\ufeff张三', 'utf8'))).toEqual({ text: '张三', encoding: 'utf-8-bom' });
    expect(decodeFile(Buffer.from('张三', 'utf8'))).toEqual({ text: '张三', encoding: 'utf-8' });
    expect(decodeFile(iconv.encode('张三,金牌会员', 'gbk'))).toEqual({ text: '张三,金牌会员', encoding: 'gbk' });
  });

  test('gbkTable.ts is what scripts/gbk-table.js writes from the installed iconv-lite', () => {
    const table = require('iconv-lite/encodings/tables/cp936.json').concat(require('iconv-lite/encodings/tables/gbk-added.json'));
    expect(JSON.parse(zlib.brotliDecompressSync(Buffer.from(GBK_TABLE_BROTLI, 'base64')).toString('utf8'))).toEqual(table);
    expect(fs.readFileSync(path.join(__dirname, '../../cloudfunctions/migration/gbkTable.ts'), 'utf8')).toContain(`iconv-lite ${require('iconv-lite/package.json').version}`);
  });
});

test('upload parts end at line ends, stay under the limit and join to the file', () => {
  fc.assert(fc.property(fc.array(fc.string({ maxLength: 30 }), { maxLength: 80 }), fc.integer({ min: 8, max: 64 }), (lines, max) => {
    const bytes = new Uint8Array(Buffer.from(lines.join('\n')));
    const parts = splitParts(bytes, max);
    expect(Buffer.concat(parts.map((p) => Buffer.from(p)))).toEqual(Buffer.from(bytes));
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(max);
    for (const p of parts.slice(0, -1)) if (p.includes(0x0a)) expect(p[p.length - 1]).toBe(0x0a);
  }));
});
