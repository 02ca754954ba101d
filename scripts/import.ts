// `npm run import -- members.csv --dry-run|--commit [--url http://localhost:8787] [--as demo-admin] [--report out.csv]`:
// imports a legacy member file through the `migration` function, exactly as the console does: the file is cut into
// parts at line ends and uploaded, the dry run checks every row (its report is written as CSV, UTF-8 with BOM so
// Excel opens it), and --commit writes the rows in resumable chunks with a progress bar, then prints the summary and
// the points audit. Re-running it on the same file finds the same job (its id is the file's hash): an interrupted run
// continues, a finished one imports nothing again. docs/migration.md.
import crypto from 'crypto';
import fs from 'fs';
import path from 'path';
import { splitParts, type MigrationJobView } from '../contract/migration';

export type Call = (action: string, input: object) => Promise<{ ok: boolean; data?: any; error?: { code: string; message: string } }>;

export interface ImportOptions { mode: 'dryRun' | 'commit'; fileName: string; onProgress?: (job: MigrationJobView, phase: 'upload' | 'dryRun' | 'commit') => void }

export interface ImportResult { job: MigrationJobView; issues: Array<{ row: number; column: string; value: string; reason: string }> }

async function must<T = any>(call: Call, action: string, input: object): Promise<T> {
  const r = await call(action, input);
  if (!r.ok) throw Object.assign(new Error(`${action}: ${r.error?.message ?? 'failed'}`), { code: r.error?.code });
  return r.data as T;
}

export const jobIdFor = (bytes: Uint8Array) => `imp-${crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 32)}`;

/** Upload (what is missing), dry run to the end, and with mode commit the commit to the end; answers the job and report. */
export async function importFile(call: Call, bytes: Buffer, opts: ImportOptions): Promise<ImportResult> {
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  const parts = splitParts(bytes);
  const jobId = jobIdFor(bytes);
  let { job } = await must<{ job: MigrationJobView }>(call, 'createJob', { jobId, fileName: opts.fileName.slice(-100), bytes: bytes.length, partCount: parts.length, sha256 });
  for (let i = job.partsReceived; job.status === 'uploading' && i < parts.length; i++) {
    ({ job } = await must(call, 'uploadPart', { jobId, index: i, partBase64: Buffer.from(parts[i]).toString('base64') }));
    opts.onProgress?.(job, 'upload');
  }
  if (job.status === 'uploading') {
    // Parts received out of order or by an earlier run: send every part (a part already there is a replay).
    for (let i = 0; i < parts.length; i++) ({ job } = await must(call, 'uploadPart', { jobId, index: i, partBase64: Buffer.from(parts[i]).toString('base64') }));
  }
  for (let finished = job.status !== 'uploaded' && job.status !== 'checking'; !finished;) {
    ({ job, finished } = await must(call, 'step', { jobId, mode: 'dryRun' }));
    opts.onProgress?.(job, 'dryRun');
  }
  const issues: ImportResult['issues'] = [];
  for (let after: number | null = 0; after !== null;) {
    const page: { items: ImportResult['issues']; nextAfterRow: number | null } = await must(call, 'issues', { jobId, afterRow: after, pageSize: 500 });
    issues.push(...page.items);
    after = page.nextAfterRow;
  }
  if (opts.mode === 'commit') {
    for (let finished = job.status === 'done'; !finished;) {
      ({ job, finished } = await must(call, 'step', { jobId, mode: 'commit' }));
      opts.onProgress?.(job, 'commit');
    }
  }
  return { job, issues };
}

const csvCell = (v: string | number) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

/** The dry run's report as CSV (UTF-8 with BOM): 行号, 列, 内容, 原因. */
export const issuesCsv = (issues: ImportResult['issues']) =>
  '\ufeff' + ['行号,列,内容,原因', ...issues.map((i) => [i.row, i.column, i.value, i.reason].map(csvCell).join(','))].join('\r\n') + '\r\n';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

function bar(done: number, total: number): string {
  const width = 30;
  const n = total ? Math.round((done / total) * width) : width;
  return `[${'#'.repeat(n)}${'.'.repeat(width - n)}] ${done}/${total}`;
}

async function main() {
  const file = process.argv.slice(2).find((a, i, all) => !a.startsWith('--') && !['--url', '--as', '--report'].includes(all[i - 1]));
  const commit = process.argv.includes('--commit');
  if (!file || (!commit && !process.argv.includes('--dry-run'))) {
    console.error('usage: npm run import -- <members.csv|members.jsonl> --dry-run|--commit [--url http://localhost:8787] [--as demo-admin] [--report errors.csv]');
    process.exit(2);
  }
  const url = arg('url', 'http://localhost:8787');
  const as = arg('as', 'demo-admin');
  const call: Call = async (action, input) => {
    const res = await fetch(`${url}/functions/migration`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': as }, body: JSON.stringify({ action, ...input }) });
    return res.json() as Promise<Awaited<ReturnType<Call>>>;
  };
  const bytes = fs.readFileSync(file);
  const started = Date.now();
  const tty = process.stdout.isTTY;
  const { job, issues } = await importFile(call, bytes, {
    mode: commit ? 'commit' : 'dryRun',
    fileName: path.basename(file),
    onProgress: (j, phase) => {
      const [done, total, label] = phase === 'upload' ? [j.partsReceived, j.partCount, '上传'] : phase === 'dryRun' ? [j.checked, j.totalRows ?? 0, '检查'] : [j.committed, j.totalRows ?? 0, '导入'];
      const line = `${label} ${bar(done, total)}`;
      if (tty) process.stdout.write(`\r${line}`);
      else console.log(line);
    },
  });
  if (tty) process.stdout.write('\n');
  const report = arg('report', file.replace(/(\.[^.]+)?$/, '.errors.csv'));
  const d = job.dryRun;
  console.log(`文件 ${job.fileName}：${job.format?.toUpperCase()}，${job.encoding}，${job.totalRows} 行`);
  if (d) console.log(`检查：${d.valid} 行可导入（其中 ${d.toMerge} 行将合并到已绑定该手机号的会员，${d.unchanged} 行此前已导入），${d.invalid} 行有问题（${d.issues} 处）`);
  if (issues.length) {
    fs.writeFileSync(report, issuesCsv(issues));
    console.log(`问题报告：${report}`);
    for (const i of issues.slice(0, 10)) console.log(`  第 ${i.row} 行 ${i.column}：${i.reason}`);
    if (issues.length > 10) console.log(`  …共 ${issues.length} 处`);
  }
  const s = job.summary;
  if (commit && s) {
    console.log(`导入完成：新建 ${s.created}，合并 ${s.merged}，未变 ${s.unchanged}，跳过 ${s.skipped}`);
    for (const r of s.skippedReasons) console.log(`  跳过 ${r.rows} 行：${r.reason}`);
    for (const m of s.pointsByMonth) console.log(`  ${m.month} 到期积分 ${m.points}`);
    console.log(`积分核对：文件 ${s.audit.filePoints}，已导入 ${s.audit.importedPoints}，跳过行 ${s.audit.skippedPoints}：${s.audit.balanced ? '一致' : '不一致'}`);
  }
  console.log(`用时 ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exit(commit && s && !s.audit.balanced ? 1 : 0);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err.message ?? err);
    process.exit(2);
  });
}
