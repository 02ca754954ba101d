// Migration budget (issue 18): 200,000 members within an hour on the local cloud. Measured at BENCH_MIGRATION_ROWS
// (default 20,000) generated GBK rows, 1 in 50 of them with a phone a member has bound (merged at commit), through the
// same calls as `npm run import` (upload in parts, dry run, commit); reports rows per second and database requests per
// row of each phase, and extrapolates linearly to 200,000 (each chunk's work is constant: two `_.in` lookups, one
// batch insert, the job update; the file is parsed once per warm instance).
import iconv from 'iconv-lite';
import { importFile, type Call } from '../scripts/import';
import { benchCloud, call, row } from './lib';

const TARGET = 200_000;
const BUDGET_S = 3600;

export async function benchMigration(): Promise<void> {
  const rows = Number(process.env.BENCH_MIGRATION_ROWS ?? 20_000);
  console.log(`\nmigration (${rows.toLocaleString('en')} rows, extrapolated to ${TARGET.toLocaleString('en')})`);
  const cloud = await benchCloud('empty');
  try {
    await cloud.db.insertMany('staff', [{ _id: 'bench-admin', openid: 'bench-admin', name: '迁移', role: 'admin', storeId: null, active: true }]);
    const bound = Math.floor(rows / 50);
    for (let i = 0; i < bound; i++) {
      await call(cloud.url, 'member', { action: 'login' }, `bench-bound-${i}`);
      await call(cloud.url, 'member', { action: 'bindPhone', code: phoneOf(i * 50) }, `bench-bound-${i}`);
    }
    const lines = ['手机号,姓名,生日,入会日期,等级,等级有效期至,成长值,积分,门店,标签'];
    for (let i = 0; i < rows; i++) lines.push(`${phoneOf(i)},会员${i},1990-01-01,2020-05-01,${i % 4},${i % 4 ? '2027-06-30' : ''},${i},${100 + (i % 900)}@2027-12-31;${i % 50}@2027-06-30,st-mall,老客户`);
    const bytes = iconv.encode(lines.join('\r\n') + '\r\n', 'gbk');

    const ops: Record<string, { calls: number; dbOps: number }> = {};
    let phase = 'upload';
    const via: Call = async (action, input) => {
      const r = await call(cloud.url, 'migration', { action, ...input }, 'bench-admin');
      const p = (ops[phase] ??= { calls: 0, dbOps: 0 });
      p.calls++;
      p.dbOps += r.dbOps;
      return r.body as Awaited<ReturnType<Call>>;
    };
    const t0 = Date.now();
    const checked = await importFile(via, bytes, { mode: 'dryRun', fileName: 'bench.csv', onProgress: (_, p) => { phase = p; } });
    const t1 = Date.now();
    phase = 'commit';
    const done = await importFile(via, bytes, { mode: 'commit', fileName: 'bench.csv', onProgress: (_, p) => { phase = p; } });
    const t2 = Date.now();
    const s = done.job.summary;
    if (!s || s.created + s.merged !== rows || !s.audit.balanced || checked.issues.length) throw new Error(`unexpected result: ${JSON.stringify(s)}`);

    const dryS = (t1 - t0) / 1000;
    const commitS = (t2 - t1) / 1000;
    row('file', `${(bytes.length / 1024 / 1024).toFixed(1)} MB, ${done.job.partCount} parts`);
    row('upload + dry run', `${(rows / dryS).toFixed(0)} rows/s`);
    row('  database requests per row', (((ops.upload?.dbOps ?? 0) + (ops.dryRun?.dbOps ?? 0)) / rows).toFixed(3));
    row('commit', `${(rows / commitS).toFixed(0)} rows/s`);
    row('  database requests per row', ((ops.commit?.dbOps ?? 0) / rows).toFixed(3));
    row(`  merged into bound members`, `${s.merged} rows`);
    const total = (dryS + commitS) * (TARGET / rows);
    row(`${TARGET.toLocaleString('en')} members, extrapolated`, `${(total / 60).toFixed(1)} min`, `${BUDGET_S / 60} min`, total <= BUDGET_S);
  } finally {
    await cloud.cleanup();
  }
}

function phoneOf(i: number): string {
  return `13${String(i).padStart(9, '0')}`;
}
