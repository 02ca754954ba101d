// The console's migration store: a file goes up in parts cut at line ends, the dry run and the commit are stepped to
// their end with the progress shown after every answer, the report is read page by page; a refusal stops the run
// with its message.
import { describe, expect, test } from '@jest/globals';
import type { Output } from '../../../contract';
import { createMigrationStore, issuesCsv } from '../../../client/src/packages/admin/migration-store';
import { MIGRATION_PART_BYTES } from '../../../contract/migration';
import { fakeCall, refusal } from './fakes';

type Job = Output<'migration', 'job'>['job'];
const job = (over: Partial<Job>): Job => ({
  jobId: 'imp-0123456789', fileName: 'm.csv', bytes: 10, status: 'uploading', format: null, encoding: null, partsReceived: 0, partCount: 2,
  totalRows: null, checked: 0, dryRun: null, committed: 0, summary: null, createdAt: '2026-06-10T02:00:00.000Z', updatedAt: '2026-06-10T02:00:00.000Z', ...over,
});
const counts = { valid: 1000, invalid: 2, toMerge: 0, unchanged: 0, issues: 2 };
const summary = {
  created: 1000, merged: 0, unchanged: 0, skipped: 2, skippedReasons: [{ reason: '手机号有误', rows: 2 }], pointsByMonth: [{ month: '2027-12', points: 5000 }],
  audit: { filePoints: 5000, importedPoints: 5000, skippedPoints: 0, balanced: true },
};

describe('migration store', () => {
  test('upload in parts, dry run, report pages, commit: the progress follows every answer', async () => {
    const line = `13800000000,${'x'.repeat(90)}\n`;
    const bytes = new Uint8Array(Buffer.from(line.repeat(Math.ceil((MIGRATION_PART_BYTES * 1.5) / line.length))));
    const seen: string[] = [];
    const steps = { dryRun: 0, commit: 0 };
    const fake = fakeCall({
      migration: {
        createJob: (input) => ({ job: job({ jobId: input.jobId, partCount: input.partCount, bytes: input.bytes }), created: true }),
        uploadPart: (input) => ({ job: job({ jobId: input.jobId, partsReceived: input.index + 1, status: input.index === 1 ? 'uploaded' : 'uploading' }), replayed: false }),
        step: (input) => {
          const n = steps[input.mode]++;
          return input.mode === 'dryRun'
            ? { job: job({ status: n === 0 ? 'checking' : 'checked', totalRows: 1002, checked: n === 0 ? 500 : 1002, dryRun: counts, partsReceived: 2 }), finished: n > 0 }
            : { job: job({ status: n === 0 ? 'committing' : 'done', totalRows: 1002, checked: 1002, committed: n === 0 ? 500 : 1002, dryRun: counts, summary, partsReceived: 2 }), finished: n > 0 };
        },
        issues: (input) => input.afterRow === 0
          ? { items: [{ row: 3, column: '手机号', value: '1', reason: '手机号“1”格式不正确，应为 11 位手机号' }], nextAfterRow: 3 }
          : { items: [{ row: 9, column: '手机号', value: '', reason: '手机号不能为空' }], nextAfterRow: null },
        listJobs: () => ({ items: [] }),
      },
    });
    const store = createMigrationStore(fake.call);
    store.subscribe((s) => { if (s.progress) seen.push(`${s.progress.phase} ${s.progress.done}/${s.progress.total}`); });
    const checked = await store.getState().checkFile(bytes, 'members.csv');
    expect(checked?.status).toBe('checked');
    const parts = fake.inputs('migration.uploadPart');
    expect(parts).toHaveLength(2);
    const decoded = parts.map((p) => Buffer.from(p.partBase64 as string, 'base64'));
    expect(Buffer.concat(decoded).equals(Buffer.from(bytes))).toBe(true);
    expect(decoded[0][decoded[0].length - 1]).toBe(0x0a);
    expect(fake.inputs('migration.createJob')[0]).toMatchObject({ jobId: expect.stringMatching(/^imp-[0-9a-f]{32}$/), partCount: 2, bytes: bytes.length });
    expect(store.getState().issues.map((i) => i.row)).toEqual([3, 9]);
    expect(issuesCsv(store.getState().issues)).toBe('\ufeff行号,列,内容,原因\r\n3,手机号,1,手机号“1”格式不正确，应为 11 位手机号\r\n9,手机号,,手机号不能为空\r\n');

    const done = await store.getState().commitJob();
    expect(done?.summary?.audit.balanced).toBe(true);
    expect([...new Set(seen)]).toEqual(['upload 0/2', 'upload 1/2', 'upload 2/2', 'dryRun 500/1002', 'dryRun 1002/1002', 'commit 0/1002', 'commit 500/1002', 'commit 1002/1002']);
  });

  test('a refusal stops the run and shows its message', async () => {
    const fake = fakeCall({
      migration: {
        createJob: () => { throw refusal('ALREADY_EXISTS', '导入任务编号已被另一个文件使用'); },
        listJobs: () => ({ items: [] }),
      },
    });
    const store = createMigrationStore(fake.call);
    expect(await store.getState().checkFile(new Uint8Array(Buffer.from('phone\n')), 'm.csv')).toBeNull();
    expect(store.getState().check.error?.message).toBe('导入任务编号已被另一个文件使用');
    expect(fake.count('migration.uploadPart')).toBe(0);
  });
});
