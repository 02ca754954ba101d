// Migration from a legacy system through the local cloud and the `migration` function, driven by the same code as
// `npm run import` (scripts/import.ts): generated files with good and bad rows (UTF-8 with BOM, GBK, JSON lines), the
// dry run's report row by row with nothing written, the commit against the file, a re-run that changes nothing, an
// interrupted run resumed, a member claiming an imported record by binding the phone, and the merge into a member
// who had bound the phone already; the ledger audit stays at 0 drift.
import iconv from 'iconv-lite';
import { importFile, issuesCsv, jobIdFor, type Call } from '../../scripts/import';
import { auditLedger } from '../../scripts/audit-ledger';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { dumpDatabase } from '../helpers/dump';

jest.setTimeout(120_000);

let t: TestCloud;
const ADMIN = 'mig-admin';

// One chunk per step, 50 rows a chunk: every run crosses chunk boundaries and can be stopped between steps.
process.env.MIGRATION_STEP_MS = '1';
process.env.MIGRATION_CHUNK_ROWS = '50';

const call: Call = async (action, input) => (await t.call('migration', { action, ...input }, ADMIN)).body;
const docs = (collection: string, query: object = {}) => t.cloud.db.find(collection, query, { limit: 100000 }).docs as any[];
const memberOf = (openid: string) => docs('members', { _id: openid })[0];

beforeAll(async () => {
  t = await startTestCloud({ seed: 'empty', maxWorkersPerFunction: 2 });
  await t.setClock('2026-06-10T10:00:00+08:00');
  await t.cloud.db.insertMany('staff', [
    { _id: ADMIN, openid: ADMIN, name: '迁移管理员', role: 'admin', storeId: null, active: true },
    { _id: 'mig-operator', openid: 'mig-operator', name: '运营', role: 'operator', storeId: null, active: true },
  ]);
  // A member who has bound a phone that the file also lists: the commit merges the row into them.
  await t.call('member', { action: 'login' }, 'mig-existing');
  await t.call('member', { action: 'bindPhone', code: '13800000008' }, 'mig-existing');
});

afterAll(async () => {
  await t.resetClock();
  await t.stop();
});

const HEADER = 'phone,name,birthday,joinedAt,tier,tierValidUntil,growth,points,stores,formats,tags,legacyId';
const UTF8_ROWS = [
  '13800000001,张三,1990-05-01,2021-03-15,2,2027-06-30,1800,500@2027-12-31;200@2027-06-30,st-mall,mall,VIP,L001', // 2 good
  '1380000,王五,,,,,,100@2027-12-31,,,,L002', // 3 bad phone
  '13800000003,赵六,1990-13-01,,,,,abc,,,,L003', // 4 bad birthday and points
  '13800000001,张三重复,,,,,,10@2027-12-31,,,,L004', // 5 duplicate of row 2
  '13800000006,"钱七, Jr.",,2024-01-01,,,0,80,,,,L006', // 6 good, a quoted name, a lot without date
  '13800000007,孙八,,,2,,,,,,,L007', // 7 tier without validity
  '13800000008,周九,1985-02-02,2019-09-09,1,2027-03-31,600,300@2027-12-31,,hotel,,L008', // 8 good, phone bound: merged
  '13800000009,吴十,,,,,,100@2020-01-01,,,,L009', // 9 expired lot
  '13800000010,郑十一,,,5,2027-01-01,-5,,,,,L010', // 10 unknown tier, negative growth
];
const utf8File = Buffer.from('\ufeff' + [HEADER, ...UTF8_ROWS].join('\r\n') + '\r\n', 'utf8');

const EXPECTED_ISSUES = [
  { row: 3, column: '手机号', value: '1380000', reason: '手机号“1380000”格式不正确，应为 11 位手机号' },
  { row: 4, column: '生日', value: '1990-13-01', reason: '生日“1990-13-01”不是有效日期，格式为 YYYY-MM-DD' },
  { row: 4, column: '积分', value: 'abc', reason: '积分批次“abc”格式不正确，应为 数量@有效期至，如 500@2027-12-31' },
  { row: 5, column: '手机号', value: '13800000001', reason: '手机号与第 2 行重复' },
  { row: 7, column: '等级有效期至', value: '', reason: '等级为金牌会员时须填写等级有效期至' },
  { row: 9, column: '积分', value: '100@2020-01-01', reason: '积分批次“100@2020-01-01”的有效期已过' },
  { row: 10, column: '等级', value: '5', reason: '等级“5”不存在，可填 0 或 普通会员、1 或 银牌会员、2 或 金牌会员、3 或 钻石会员' },
  { row: 10, column: '成长值', value: '-5', reason: '成长值“-5”须为不超过 1 亿的非负整数' },
];

describe('a UTF-8 file with BOM, good and bad rows', () => {
  test('the dry run reports every problem row by row and writes nothing but the job and its report', async () => {
    const before = dumpDatabase(t);
    const { job, issues } = await importFile(call, utf8File, { mode: 'dryRun', fileName: 'members.csv' });
    expect(job).toMatchObject({ status: 'checked', format: 'csv', encoding: 'utf-8-bom', totalRows: 9, checked: 9 });
    expect(job.dryRun).toEqual({ valid: 3, invalid: 6, toMerge: 1, unchanged: 0, issues: EXPECTED_ISSUES.length });
    expect(issues).toEqual(EXPECTED_ISSUES);
    const after = dumpDatabase(t);
    for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (name === 'migration_jobs' || name === 'migration_issues' || name === 'staff_audit') continue;
      expect([name, after[name]]).toEqual([name, before[name]]);
    }
    expect(docs('member_imports')).toEqual([]);
    // The report as the console and the command download it.
    const csv = issuesCsv(issues);
    expect(csv.startsWith('\ufeff行号,列,内容,原因\r\n3,手机号,1380000,手机号“1380000”格式不正确')).toBe(true);
  });

  test('the commit writes the good rows, merges the bound phone, and its audit equals the file', async () => {
    const existingBefore = memberOf('mig-existing');
    const { job } = await importFile(call, utf8File, { mode: 'commit', fileName: 'members.csv' });
    expect(job.status).toBe('done');
    expect(job.summary).toEqual({
      created: 2, merged: 1, unchanged: 0, skipped: 6,
      skippedReasons: expect.arrayContaining([
        { reason: '手机号有误', rows: 1 }, { reason: '生日有误', rows: 1 }, { reason: '手机号在文件中重复', rows: 1 },
        { reason: '等级有效期至有误', rows: 1 }, { reason: '积分有误', rows: 1 }, { reason: '等级有误', rows: 1 },
      ]),
      pointsByMonth: [{ month: '2027-06', points: 200 }, { month: '2027-12', points: 500 + 80 + 300 }],
      audit: { filePoints: 1080, importedPoints: 1080, skippedPoints: 100 + 10 + 100, balanced: true },
    });
    // The records against the file.
    const records = docs('member_imports').sort((a, b) => a._id.localeCompare(b._id));
    expect(records.map((r) => [r._id, r.status, r.name, r.tierLevel, r.tierValidUntil, r.growth, r.lots])).toEqual([
      ['13800000001', 'unclaimed', '张三', 2, '2027-06-30', 1800, [{ points: 500, expiresOn: '2027-12-31' }, { points: 200, expiresOn: '2027-06-30' }]],
      ['13800000006', 'unclaimed', '钱七, Jr.', 0, null, 0, [{ points: 80, expiresOn: '2027-12-31' }]],
      ['13800000008', 'claimed', '周九', 1, '2027-03-31', 600, [{ points: 300, expiresOn: '2027-12-31' }]],
    ]);
    expect(records[0]).toMatchObject({ birthday: '1990-05-01', joinedOn: '2021-03-15', stores: ['st-mall'], formats: ['mall'], tags: ['VIP'], legacyId: 'L001', openid: null });
    // The merge: balances add, the imported higher tier with its validity, the growth as an opening entry.
    const merged = memberOf('mig-existing');
    expect(merged.points.balance).toBe(existingBefore.points.balance + 300);
    expect(merged).toMatchObject({ tierLevel: 1, tierValidUntil: new Date('2027-03-31T16:00:00.000Z'), imported: { phone: '13800000008', name: '周九', legacyId: 'L008', formats: ['hotel'] } });
    expect(merged.growth.total).toBe(existingBefore.growth.total + 600);
    const opening = docs('point_ledger', { openid: 'mig-existing', reason: '期初导入' });
    expect(opening.map((e) => [e.type, e.amount, e.key])).toEqual([['adjust', 300, 'import:13800000008:0']]);
    // Its lot expires when the file said (merged on the member with a lot of the same expiry and format, as stored lots are).
    const lotsOn = (m: any) => m.points.lots.filter((l: any) => +new Date(l.expiresAt) === Date.parse('2027-12-31T16:00:00.000Z')).reduce((s: number, l: any) => s + l.remaining, 0);
    expect(lotsOn(merged)).toBe(lotsOn(existingBefore) + 300);
    expect(docs('growth_ledger', { openid: 'mig-existing', event: 'import' }).map((g) => g.amount)).toEqual([600]);
    expect((await auditLedger(t.url, ADMIN)).drift).toEqual([]);
    // The commit is in the audit trail with its summary.
    expect(docs('staff_audit', { fn: 'migration', action: 'step' })).toHaveLength(1);
  });

  test('the same file again changes nothing: as the same job, and as a new job of the same rows', async () => {
    const before = dumpDatabase(t);
    const again = await importFile(call, utf8File, { mode: 'commit', fileName: 'members.csv' });
    expect(again.job.summary).toMatchObject({ created: 2, merged: 1 });
    const { staff_audit: _audit, ...rest } = dumpDatabase(t);
    const { staff_audit: _auditBefore, ...restBefore } = before;
    expect(rest).toEqual(restBefore);

    // A copy under another job id (the console makes a new one per upload): every good row is unchanged.
    const fresh: Call = (action, input) => call(action, 'jobId' in input ? { ...input, jobId: 'copy-of-members' } : input);
    const copy = await importFile(fresh, utf8File, { mode: 'commit', fileName: 'members-copy.csv' });
    expect(copy.job.dryRun).toMatchObject({ valid: 3, unchanged: 3, toMerge: 0 });
    expect(copy.job.summary).toMatchObject({ created: 0, merged: 0, unchanged: 3, skipped: 6, audit: { filePoints: 1080, importedPoints: 1080, balanced: true } });
    const after = dumpDatabase(t);
    for (const name of ['members', 'point_ledger', 'growth_ledger', 'member_imports', 'member_phones']) expect([name, after[name]]).toEqual([name, before[name]]);
  });

  test('an operator may not import', async () => {
    const r = await t.call('migration', { action: 'listJobs' }, 'mig-operator');
    expect(r.body.error).toEqual({ code: 'FORBIDDEN', message: '当前岗位无权执行该操作' });
  });
});

describe('claiming an imported record by binding the phone', () => {
  test('a new member who binds the phone becomes the imported member, exactly once', async () => {
    await t.call('member', { action: 'login' }, 'mig-new');
    const fresh = memberOf('mig-new');
    const r = await t.call('member', { action: 'bindPhone', code: '13800000001' }, 'mig-new');
    expect(r.body).toEqual({ ok: true, data: { phone: '138****0001', changed: true, orders: { credited: 0, pointsEarned: 0, growthEarned: 0, tooLate: 0 } } });
    const m = memberOf('mig-new');
    expect(m.points.balance).toBe(fresh.points.balance + 700);
    expect(m).toMatchObject({ tierLevel: 2, tierValidUntil: new Date('2027-06-30T16:00:00.000Z'), imported: { name: '张三', birthday: '1990-05-01', joinedOn: '2021-03-15' } });
    expect(m.giftedLevels).toEqual([0, 1, 2]);
    expect(m.growth.total).toBe(fresh.growth.total + 1800);
    const home = (await t.call('member', { action: 'home' }, 'mig-new')).body.data;
    expect(home.tier.level).toBe(2);
    expect(home.points.balance).toBe(fresh.points.balance + 700);
    const entries = docs('point_ledger', { openid: 'mig-new', reason: '期初导入' }).sort((a, b) => a.key.localeCompare(b.key));
    expect(entries.map((e) => [e.type, e.amount, e.key])).toEqual([['adjust', 500, 'import:13800000001:0'], ['adjust', 200, 'import:13800000001:1']]);
    expect(docs('member_imports', { _id: '13800000001' })[0]).toMatchObject({ status: 'claimed', openid: 'mig-new' });

    // A replay of the binding, and binding again, change nothing.
    const snapshot = dumpDatabase(t);
    await t.call('member', { action: 'bindPhone', code: '13800000001' }, 'mig-new');
    expect(dumpDatabase(t).point_ledger).toEqual(snapshot.point_ledger);
    expect(memberOf('mig-new').points.balance).toBe(fresh.points.balance + 700);
    // Someone else cannot have the number (nor the record).
    await t.call('member', { action: 'login' }, 'mig-other');
    expect((await t.call('member', { action: 'bindPhone', code: '13800000001' }, 'mig-other')).body.error.code).toBe('ALREADY_EXISTS');
    expect((await auditLedger(t.url, ADMIN)).drift).toEqual([]);
  });

  test('a member with a higher tier keeps it; the imported balance adds to theirs', async () => {
    await t.call('member', { action: 'login' }, 'mig-high');
    // Give the member 钻石 (level 3) directly, as an earlier life would have.
    await t.cloud.db.setFields('members', { _id: 'mig-high' }, { tierLevel: 3, tierValidUntil: new Date('2027-12-31T16:00:00.000Z'), giftedLevels: [0, 1, 2, 3] });
    const before = memberOf('mig-high');
    await t.call('member', { action: 'bindPhone', code: '13800000006' }, 'mig-high');
    const after = memberOf('mig-high');
    expect(after.points.balance).toBe(before.points.balance + 80);
    expect(after.tierLevel).toBe(before.tierLevel);
    expect((await auditLedger(t.url, ADMIN)).drift).toEqual([]);
  });
});

describe('a GBK file', () => {
  test('is decoded, checked and committed; the report quotes what was typed', async () => {
    const rows = [
      'phone,姓名,等级,等级有效期至,积分,标签',
      '13900000001,欧阳娜娜,金牌会员,2027-01-31,1000@2027-12-31,老客户',
      '13900000002,黄小明,黑金会员,2027-01-31,50@2027-12-31,',
      '13900000003,林一,,,20@2027-12-31;30@2027-12-31,会员日',
    ];
    const gbk = iconv.encode(rows.join('\n') + '\n', 'gbk');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    const { job, issues } = await importFile(call, gbk, { mode: 'commit', fileName: 'legacy-gbk.csv' });
    expect(job).toMatchObject({ encoding: 'gbk', format: 'csv', totalRows: 3, status: 'done' });
    expect(issues).toEqual([{ row: 3, column: '等级', value: '黑金会员', reason: '等级“黑金会员”不存在，可填 0 或 普通会员、1 或 银牌会员、2 或 金牌会员、3 或 钻石会员' }]);
    expect(job.summary).toMatchObject({ created: 2, skipped: 1, audit: { filePoints: 1050, importedPoints: 1050, skippedPoints: 50, balanced: true } });
    expect(docs('member_imports', { _id: '13900000001' })[0]).toMatchObject({ name: '欧阳娜娜', tierLevel: 2, tags: ['老客户'] });
  });
});

describe('JSON lines with past orders', () => {
  test('rows and orders are checked; a bad line is reported by its line number', async () => {
    const lines = [
      JSON.stringify({ phone: '13700000001', name: 'Amy', points: '120@2027-12-31', orders: [{ orderId: 'L-1', paidAt: '2026-01-05T12:00:00+08:00', amountFen: 12900, storeId: 'st-mall' }] }),
      '{not json',
      JSON.stringify({ phone: '13700000002', orders: [{ orderId: 'L-2', paidAt: '2027-01-01T00:00:00+08:00', amountFen: 100 }] }),
      JSON.stringify({ phone: '13700000003', nickname: 'x' }),
    ];
    const { job, issues } = await importFile(call, Buffer.from(lines.join('\n')), { mode: 'commit', fileName: 'members.jsonl' });
    expect(job).toMatchObject({ format: 'jsonl', encoding: 'utf-8', status: 'done' });
    expect(issues).toEqual([
      { row: 2, column: '整行', value: '{not json', reason: '不是有效的 JSON 对象' },
      { row: 3, column: '订单', value: '2027-01-01T00:00:00+08:00', reason: '第 1 笔订单的支付时间不能晚于当前时间' },
      { row: 4, column: 'nickname', value: '', reason: '不支持的字段“nickname”' },
    ]);
    expect(job.summary).toMatchObject({ created: 1, skipped: 3 });
    expect(docs('member_imports', { _id: '13700000001' })[0].orders).toEqual([{ orderId: 'L-1', paidAt: '2026-01-05T04:00:00.000Z', amountFen: 12900, storeId: 'st-mall' }]);
  });
});

describe('an interrupted run', () => {
  const big = () => {
    const lines = [HEADER];
    for (let i = 0; i < 180; i++) {
      const phone = `136${String(i).padStart(8, '0')}`;
      lines.push(i % 37 === 5 ? `${phone.slice(0, 6)},坏行${i},,,,,,10@2027-12-31,,,,` : `${phone},会员${i},,,,,${i},${i + 1}@2027-12-31,,,,`);
    }
    return Buffer.from(lines.join('\n') + '\n');
  };

  test('continues where it stopped and ends as one uninterrupted run would', async () => {
    const file = big();
    const jobId = jobIdFor(file);
    // Upload and dry run, then two chunks of the commit, then the command "dies".
    await importFile(call, file, { mode: 'dryRun', fileName: 'big.csv' });
    await call('step', { jobId, mode: 'commit' });
    const second = await call('step', { jobId, mode: 'commit' });
    expect(second.data.job).toMatchObject({ status: 'committing', committed: 100 });
    expect(docs('member_imports', { jobId })).toHaveLength(second.data.job.summary.created);
    expect((await auditLedger(t.url, ADMIN)).drift).toEqual([]);

    // A merge the "dead" run had written as claiming but not applied (the member binds the phone, the record waits).
    await t.call('member', { action: 'login' }, 'mig-late');
    await t.call('member', { action: 'bindPhone', code: '13500099999' }, 'mig-late');
    const late = memberOf('mig-late');
    await t.cloud.db.insertMany('member_imports', [{
      _id: '13500099999', jobId, status: 'claiming', openid: 'mig-late', phone: '13500099999', name: '中断', birthday: null, joinedOn: null,
      tierLevel: 0, tierValidUntil: null, growth: 0, lots: [{ points: 42, expiresOn: '2027-12-31' }], stores: [], formats: [], tags: [],
      legacyId: null, orders: [], hash: 'x', importedBy: `migration:${ADMIN}`, importedAt: new Date(), claimedAt: null,
    }]);

    // Run again: the same job continues at row 101, and finishes the waiting merge first.
    const { job } = await importFile(call, file, { mode: 'commit', fileName: 'big.csv' });
    expect(docs('member_imports', { _id: '13500099999' })[0]).toMatchObject({ status: 'claimed', openid: 'mig-late' });
    expect(memberOf('mig-late').points.balance).toBe(late.points.balance + 42);
    const bad = Array.from({ length: 180 }, (_, i) => i).filter((i) => i % 37 === 5);
    const points = Array.from({ length: 180 }, (_, i) => i).filter((i) => !bad.includes(i)).reduce((s, i) => s + i + 1, 0);
    expect(job).toMatchObject({ status: 'done', committed: 180 });
    expect(job.summary).toMatchObject({ created: 180 - bad.length, merged: 0, unchanged: 0, skipped: bad.length, audit: { filePoints: points, importedPoints: points, balanced: true } });
    const records = docs('member_imports', { jobId }).filter((r) => r._id !== '13500099999');
    expect(records).toHaveLength(180 - bad.length);
    expect(records.reduce((s, r) => s + r.lots[0].points, 0)).toBe(points);
    // The report pages cross chunk boundaries and every bad row is in it once.
    const issues = (await importFile(call, file, { mode: 'dryRun', fileName: 'big.csv' })).issues;
    expect(issues.map((i) => i.row)).toEqual(bad.map((i) => i + 2));
  });
});
