// Import jobs: a file uploaded in parts to cloud storage, checked (the dry run) and committed in chunks of rows. Each
// chunk is one transaction with the job's cursor (the job document is the lock: two callers of one job cannot both
// write a chunk), and rows are keyed by phone number (member_imports/<phone>), so a resumed or repeated run writes
// nothing twice. Rows whose phone a member has bound already are merged into that member (services/importClaims.ts)
// after their chunk; a record left `claiming` by an interruption is finished by the next step.
import crypto from 'crypto';
import type { Output, ParsedInput } from '../../contract';
import { MIGRATION_PART_BYTES } from '../../contract/migration';
import type { MemberImportDoc, MigrationCommitCounters, MigrationCounters, MigrationIssueDoc, MigrationJobDoc, Stored } from '../core/documents';
import { AppError } from '../core/errors';
import { checkAt, firstRows, parseFile, recordPoints, type CheckContext, type MigrationIssue, type ParsedFile } from '../core/migration';
import { shanghaiDay } from '../core/time';
import { auditStaffWrite } from '../runtime/audit';
import { loadConfig } from '../runtime/configStore';
import { isDuplicateKey } from '../runtime/dbErrors';
import type { Database } from '../runtime/dbTypes';
import type { StaffContext } from '../runtime/handler';
import { downloadFile, uploadFile } from '../runtime/storage';
import { getInTransaction, inTransaction } from '../runtime/transaction';
import { claimImported, reviveImport } from '../services/importClaims';
import { decodeFile } from './decode';

type JobView = Output<'migration', 'job'>['job'];

/** Rows per chunk: one transaction of one batch insert (the database takes up to 1,000 documents at once). */
export const CHUNK_ROWS = Number(process.env.MIGRATION_CHUNK_ROWS ?? 500);
/** Wall time a step works before it answers (the function's timeout is 20 s). */
const STEP_BUDGET_MS = Number(process.env.MIGRATION_STEP_MS ?? 8000);
const IN_QUERY = 1000;

const zeroDry = (): MigrationCounters => ({ valid: 0, invalid: 0, toMerge: 0, unchanged: 0, issues: 0 });
const zeroCommit = (): MigrationCommitCounters => ({
  created: 0, merged: 0, unchanged: 0, skipped: 0, skippedReasons: {}, pointsByMonth: {}, filePoints: 0, importedPoints: 0, skippedPoints: 0,
});

const iso = (d: Date | string) => new Date(d).toISOString();

export function jobView(job: Stored<MigrationJobDoc> | MigrationJobDoc): JobView {
  const dryStarted = job.totalRows !== null;
  const dryDone = ['checked', 'committing', 'done'].includes(job.status);
  const c = job.commit;
  const summary = job.status === 'done' || job.status === 'committing'
    ? {
      created: c.created, merged: c.merged, unchanged: c.unchanged, skipped: c.skipped,
      skippedReasons: Object.entries(c.skippedReasons).map(([reason, rows]) => ({ reason, rows })).sort((a, b) => b.rows - a.rows),
      pointsByMonth: Object.entries(c.pointsByMonth).map(([month, points]) => ({ month, points })).sort((a, b) => a.month.localeCompare(b.month)),
      audit: { filePoints: c.filePoints, importedPoints: c.importedPoints, skippedPoints: c.skippedPoints, balanced: c.filePoints === c.importedPoints },
    }
    : null;
  return {
    jobId: job._id, fileName: job.fileName, bytes: job.bytes, status: job.status, format: job.format, encoding: job.encoding,
    partsReceived: job.parts.length, partCount: job.partCount, totalRows: job.totalRows,
    checked: job.dryCursor, dryRun: dryStarted || dryDone ? job.dry : null, committed: job.commitCursor, summary,
    createdAt: iso(job.createdAt), updatedAt: iso(job.updatedAt),
  };
}

async function findJob(db: Database, jobId: string): Promise<Stored<MigrationJobDoc>> {
  const { data } = await db.collection('migration_jobs').where({ _id: jobId }).limit(1).get();
  if (!data[0]) throw new AppError('NOT_FOUND', '导入任务不存在');
  return data[0];
}

export async function createJob({ db, input, staff, now }: StaffContext<ParsedInput<'migration', 'createJob'>>): Promise<Output<'migration', 'createJob'>> {
  const { data } = await db.collection('migration_jobs').where({ _id: input.jobId }).limit(1).get();
  const same = (j: Stored<MigrationJobDoc>) => j.sha256 === input.sha256 && j.bytes === input.bytes && j.partCount === input.partCount;
  if (data[0]) {
    if (!same(data[0])) throw new AppError('ALREADY_EXISTS', '导入任务编号已被另一个文件使用');
    return { job: jobView(data[0]), created: false };
  }
  const job: MigrationJobDoc = {
    _id: input.jobId, fileName: input.fileName, bytes: input.bytes, sha256: input.sha256, partCount: input.partCount, parts: [],
    status: 'uploading', format: null, encoding: null, totalRows: null, dryCursor: 0, dry: zeroDry(), commitCursor: 0, commit: zeroCommit(),
    createdBy: staff.openid, createdByName: staff.name, createdAt: now, updatedAt: now,
  };
  try {
    await db.collection('migration_jobs').add({ data: job });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const winner = await findJob(db, input.jobId);
    if (!same(winner)) throw new AppError('ALREADY_EXISTS', '导入任务编号已被另一个文件使用');
    return { job: jobView(winner), created: false };
  }
  return { job: jobView(job), created: true };
}

export async function uploadPart({ db, input, now }: StaffContext<ParsedInput<'migration', 'uploadPart'>>): Promise<Output<'migration', 'uploadPart'>> {
  const job = await findJob(db, input.jobId);
  if (input.index >= job.partCount) throw new AppError('NOT_ELIGIBLE', `该文件只有 ${job.partCount} 段`);
  const bytes = Buffer.from(input.partBase64, 'base64');
  if (bytes.length > MIGRATION_PART_BYTES) throw new AppError('INVALID_INPUT', '每段不能超过 700 KB');
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  const had = job.parts.find((p) => p.index === input.index);
  if (had) {
    if (had.sha256 !== sha256) throw new AppError('ALREADY_EXISTS', `第 ${input.index + 1} 段已上传且内容不同`);
    return { job: jobView(job), replayed: true };
  }
  if (job.status !== 'uploading') throw new AppError('NOT_ELIGIBLE', '文件已上传完整');
  const fileId = await uploadFile(`migration/${job._id}/part-${String(input.index).padStart(3, '0')}.bin`, bytes);
  const after = await inTransaction(db, async (tx) => {
    const current = (await getInTransaction(tx, 'migration_jobs', job._id)) as Stored<MigrationJobDoc>;
    if (current.parts.some((p) => p.index === input.index)) return { job: current, replayed: true };
    const parts = [...current.parts, { index: input.index, fileId, bytes: bytes.length, sha256 }].sort((a, b) => a.index - b.index);
    let status: MigrationJobDoc['status'] = current.status;
    if (parts.length === current.partCount) {
      if (parts.reduce((s, p) => s + p.bytes, 0) !== current.bytes) throw new AppError('INVALID_INPUT', '上传的内容与文件大小不一致，请重新上传');
      status = 'uploaded';
    }
    await tx.collection('migration_jobs').doc(job._id).update({ data: { parts, status, updatedAt: now } });
    return { job: { ...current, parts, status, updatedAt: now }, replayed: false };
  });
  return { job: jobView(after.job), replayed: after.replayed };
}

// ---- the file, decoded and checked once per warm instance ------------------------------------------------------

// Parsed once per warm instance; rows are checked a chunk at a time (checking is most of the cost: at 200,000 rows a
// whole-file check took 7 s, the parse 1.4 s).
interface LoadedFile {
  key: string;
  parsed: ParsedFile;
  first: Map<string, number>;
  ctx: CheckContext;
  format: 'csv' | 'jsonl';
  encoding: MigrationJobDoc['encoding'];
  total: number;
  fileIssues: MigrationIssue[];
}
let loaded: LoadedFile | null = null;

async function loadFile(db: Database, job: Stored<MigrationJobDoc>, now: Date): Promise<LoadedFile> {
  const key = `${job._id}|${job.sha256}|${shanghaiDay(now)}`;
  if (loaded?.key === key) return { ...loaded, ctx: { ...loaded.ctx, now } };
  loaded = null; // the previous file's memory goes before this one is read
  const parts = [...job.parts].sort((a, b) => a.index - b.index);
  const bytes = Buffer.concat(await Promise.all(parts.map((p) => downloadFile(p.fileId))));
  if (crypto.createHash('sha256').update(bytes).digest('hex') !== job.sha256) throw new AppError('INVALID_INPUT', '上传的内容与文件不一致，请重新上传');
  const { text, encoding } = decodeFile(bytes);
  const parsed = parseFile(text);
  loaded = {
    key, parsed, first: firstRows(parsed), ctx: { now, config: await loadConfig(db) }, format: parsed.format, encoding,
    total: parsed.rows.length, fileIssues: parsed.issues,
  };
  return loaded;
}

async function byIds<T>(db: Database, collection: 'member_imports' | 'member_phones', ids: string[]): Promise<T[]> {
  const _ = db.command;
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += IN_QUERY) {
    const slice = ids.slice(i, i + IN_QUERY);
    if (!slice.length) continue;
    const { data } = await db.collection(collection).where({ _id: _.in(slice) }).limit(slice.length).get();
    out.push(...(data as T[]));
  }
  return out;
}

const OTHER_JOB = '该手机号已由其他导入批次导入且内容不同';

/** The reason a skipped row is counted under in the summary. */
function reasonKind(issue: MigrationIssue): string {
  if (issue.column === '手机号' && issue.reason.startsWith('手机号与第')) return '手机号在文件中重复';
  if (issue.reason.startsWith(OTHER_JOB)) return '手机号已由其他导入批次导入';
  if (issue.column === '整行' || issue.column === '表头') return issue.reason.startsWith('不是有效') ? '不是有效的 JSON' : '格式有误';
  return `${issue.column}有误`;
}

/** The rows of [from, to) with their state against the database: imported before, bound to a member. */
async function lookChunk(db: Database, file: LoadedFile, from: number, to: number) {
  const rows = file.parsed.rows.slice(from, to).map((raw) => checkAt(raw, file.first, file.ctx));
  const phones = rows.flatMap((r) => (r.record ? [r.record.phone] : []));
  const [imports, bound] = await Promise.all([
    byIds<Stored<MemberImportDoc>>(db, 'member_imports', phones),
    byIds<{ _id: string; openid: string }>(db, 'member_phones', phones),
  ]);
  return { rows, imports: new Map(imports.map((d) => [d._id, d])), bound: new Map(bound.map((d) => [d._id, d.openid])) };
}

const issueId = (jobId: string, row: number, n: number) => `${jobId}:${String(row).padStart(8, '0')}:${n}`;

export async function step(ctx: StaffContext<ParsedInput<'migration', 'step'>>): Promise<Output<'migration', 'step'>> {
  const { db, input, now } = ctx;
  // Wall time, not the business clock: the budget is the function's own timeout, which a test's frozen clock never ends.
  const started = Date.now();
  let job = await findJob(db, input.jobId);
  if (job.status === 'uploading') throw new AppError('NOT_ELIGIBLE', `文件尚未上传完整（${job.parts.length}/${job.partCount} 段）`);
  if (input.mode === 'commit' && (job.status === 'uploaded' || job.status === 'checking')) throw new AppError('NOT_ELIGIBLE', '请先完成试导入检查');
  const file = await loadFile(db, job, now);
  const total = file.total;
  const inBudget = () => Date.now() - started < STEP_BUDGET_MS;

  if (input.mode === 'dryRun') {
    while (job.status === 'uploaded' || job.status === 'checking') {
      job = await dryChunk(db, job, file, now);
      if (!inBudget()) break;
    }
    return { job: jobView(job), finished: job.status !== 'uploaded' && job.status !== 'checking' };
  }

  // At least one chunk (or the finish) per call, however little time is left: every step makes progress.
  for (let first = true; job.status !== 'done' && (first || inBudget()); first = false) {
    await finishClaims(db, job._id, now);
    if (job.commitCursor < total) {
      job = await commitChunk(db, job, file, now);
      continue;
    }
    const { data: left } = await db.collection('member_imports').where({ jobId: job._id, status: 'claiming' }).limit(1).get();
    if (left.length) continue;
    job = await finishJob(db, job, now);
    await auditStaffWrite(db, {
      fn: 'migration', action: 'step', staff: ctx.staff, device: ctx.device,
      input: { jobId: job._id, mode: 'commit', fileName: job.fileName, sha256: job.sha256 }, result: { status: 'done', ...job.commit }, changes: [],
    }, now);
  }
  return { job: jobView(job), finished: job.status === 'done' };
}

async function dryChunk(db: Database, job: Stored<MigrationJobDoc>, file: LoadedFile, now: Date): Promise<Stored<MigrationJobDoc>> {
  const from = job.dryCursor;
  const to = Math.min(from + CHUNK_ROWS, file.total);
  const { rows, imports, bound } = await lookChunk(db, file, from, to);
  const delta = zeroDry();
  const issues: MigrationIssueDoc[] = [];
  const add = (list: MigrationIssue[]) => list.forEach((i, n) => issues.push({ _id: issueId(job._id, i.row, n), jobId: job._id, ...i }));
  if (from === 0) {
    // Lines that are no rows at all (a bad header, a broken JSON line) belong to the first chunk.
    const byRow = new Map<number, MigrationIssue[]>();
    for (const i of file.fileIssues) byRow.set(i.row, [...(byRow.get(i.row) ?? []), i]);
    for (const list of byRow.values()) add(list);
    delta.invalid += [...byRow.keys()].filter((r) => r > 1 || file.format === 'jsonl').length;
  }
  for (const r of rows) {
    if (!r.record) { delta.invalid++; add(r.issues); continue; }
    const before = imports.get(r.record.phone);
    if (before && before.hash !== r.record.hash) {
      delta.invalid++;
      add([{ row: r.row, column: '手机号', value: r.record.phone, reason: `${OTHER_JOB}（批次 ${before.jobId}）` }]);
      continue;
    }
    delta.valid++;
    if (before) delta.unchanged++;
    else if (bound.has(r.record.phone)) delta.toMerge++;
  }
  delta.issues = issues.length;
  const end = to >= file.total;
  return inTransaction(db, async (tx) => {
    const current = (await getInTransaction(tx, 'migration_jobs', job._id)) as Stored<MigrationJobDoc>;
    if (current.dryCursor !== from || !(current.status === 'uploaded' || current.status === 'checking')) return current; // another step did it
    if (issues.length) await tx.collection('migration_issues').add({ data: issues as unknown as MigrationIssueDoc }); // a batch insert: one request
    const dry = { valid: current.dry.valid + delta.valid, invalid: current.dry.invalid + delta.invalid, toMerge: current.dry.toMerge + delta.toMerge, unchanged: current.dry.unchanged + delta.unchanged, issues: current.dry.issues + delta.issues };
    const set = { dryCursor: to, dry, status: (end ? 'checked' : 'checking') as MigrationJobDoc['status'], totalRows: file.total, format: file.format, encoding: file.encoding, updatedAt: now };
    await tx.collection('migration_jobs').doc(job._id).update({ data: set });
    return { ...current, ...set };
  });
}

async function commitChunk(db: Database, job: Stored<MigrationJobDoc>, file: LoadedFile, now: Date): Promise<Stored<MigrationJobDoc>> {
  const from = job.commitCursor;
  const to = Math.min(from + CHUNK_ROWS, file.total);
  const { rows, imports, bound } = await lookChunk(db, file, from, to);
  const d = zeroCommit();
  const docs: MemberImportDoc[] = [];
  const claimLater: Array<{ phone: string; openid: string }> = [];
  const skip = (reason: string, points: number) => {
    d.skipped++;
    d.skippedReasons[reason] = (d.skippedReasons[reason] ?? 0) + 1;
    d.skippedPoints += points;
  };
  if (from === 0) {
    const lines = new Set(file.fileIssues.filter((i) => i.row > 1 || file.format === 'jsonl').map((i) => i.row));
    for (const row of lines) skip(reasonKind(file.fileIssues.find((i) => i.row === row) as MigrationIssue), 0);
  }
  const month = (into: Record<string, number>, lots: Array<{ points: number; expiresOn: string }>) => {
    for (const l of lots) into[l.expiresOn.slice(0, 7)] = (into[l.expiresOn.slice(0, 7)] ?? 0) + l.points;
  };
  for (const r of rows) {
    if (!r.record) { skip(reasonKind(r.issues[0]), r.points); continue; }
    const rec = r.record;
    const points = recordPoints(rec);
    const before = imports.get(rec.phone);
    if (before && before.hash !== rec.hash) { skip('手机号已由其他导入批次导入', points); continue; }
    d.filePoints += points;
    d.importedPoints += points;
    month(d.pointsByMonth, rec.lots);
    const owner = bound.get(rec.phone);
    if (before) {
      d.unchanged++;
      if (before.status === 'unclaimed' && owner) claimLater.push({ phone: rec.phone, openid: owner });
      continue;
    }
    docs.push({
      _id: rec.phone, ...rec, jobId: job._id, status: owner ? 'claiming' : 'unclaimed', openid: owner ?? null,
      importedBy: `migration:${job.createdBy}`, importedAt: now, claimedAt: null,
    });
    if (owner) d.merged++;
    else d.created++;
  }
  let next: Stored<MigrationJobDoc>;
  try {
    next = await inTransaction(db, async (tx) => {
      const current = (await getInTransaction(tx, 'migration_jobs', job._id)) as Stored<MigrationJobDoc>;
      if (current.commitCursor !== from || current.status === 'done') return current;
      if (docs.length) await tx.collection('member_imports').add({ data: docs as unknown as MemberImportDoc }); // a batch insert: one request
      const c = current.commit;
      const sumMap = (a: Record<string, number>, b: Record<string, number>) => {
        const out = { ...a };
        for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
        return out;
      };
      const commit: MigrationCommitCounters = {
        created: c.created + d.created, merged: c.merged + d.merged, unchanged: c.unchanged + d.unchanged, skipped: c.skipped + d.skipped,
        skippedReasons: sumMap(c.skippedReasons, d.skippedReasons), pointsByMonth: sumMap(c.pointsByMonth, d.pointsByMonth),
        filePoints: c.filePoints + d.filePoints, importedPoints: c.importedPoints + d.importedPoints, skippedPoints: c.skippedPoints + d.skippedPoints,
      };
      const set = { commitCursor: to, commit, status: 'committing' as const, updatedAt: now };
      await tx.collection('migration_jobs').doc(job._id).update({ data: set });
      return { ...current, ...set };
    });
  } catch (err) {
    // Another job imported one of these phones between the look and the write: look again.
    if (isDuplicateKey(err)) return findJob(db, job._id);
    throw err;
  }
  if (next.commitCursor !== to) return next;
  // Merges into members who had bound the phone; then phones bound while this chunk was written (a member binding
  // now looks for the record after claiming the phone, this looks for the phone after writing the record).
  for (const doc of docs) if (doc.openid) await claimImported(db, doc.openid, doc._id, now, doc);
  const fresh = docs.filter((x) => !x.openid).map((x) => x._id);
  for (const p of await byIds<{ _id: string; openid: string }>(db, 'member_phones', fresh)) claimLater.push({ phone: p._id, openid: p.openid });
  for (const c of claimLater) await claimImported(db, c.openid, c.phone, now);
  return next;
}

/** Finishes merges an interrupted step left (records `claiming`). */
async function finishClaims(db: Database, jobId: string, now: Date): Promise<void> {
  const { data } = await db.collection('member_imports').where({ jobId, status: 'claiming' }).limit(50).get();
  for (const doc of data) await claimImported(db, doc.openid as string, doc._id, now, reviveImport(doc));
}

async function finishJob(db: Database, job: Stored<MigrationJobDoc>, now: Date): Promise<Stored<MigrationJobDoc>> {
  return inTransaction(db, async (tx) => {
    const current = (await getInTransaction(tx, 'migration_jobs', job._id)) as Stored<MigrationJobDoc>;
    if (current.status === 'done') return current;
    await tx.collection('migration_jobs').doc(job._id).update({ data: { status: 'done', updatedAt: now } });
    return { ...current, status: 'done' as const, updatedAt: now };
  });
}

export async function jobAction({ db, input }: StaffContext<ParsedInput<'migration', 'job'>>): Promise<Output<'migration', 'job'>> {
  return { job: jobView(await findJob(db, input.jobId)) };
}

export async function listJobs({ db }: StaffContext<ParsedInput<'migration', 'listJobs'>>): Promise<Output<'migration', 'listJobs'>> {
  const { data } = await db.collection('migration_jobs').orderBy('createdAt', 'desc').limit(20).get();
  return { items: data.map(jobView) };
}

export async function issues({ db, input }: StaffContext<ParsedInput<'migration', 'issues'>>): Promise<Output<'migration', 'issues'>> {
  await findJob(db, input.jobId);
  const _ = db.command;
  const pageSize = input.pageSize ?? 200;
  const { data } = await db.collection('migration_issues')
    .where({ jobId: input.jobId, row: _.gt(input.afterRow ?? 0) }).orderBy('row', 'asc').orderBy('_id', 'asc').limit(pageSize).get();
  let items = data;
  let nextAfterRow: number | null = null;
  if (data.length === pageSize) {
    // A row's problems stay on one page: the last row of a full page goes to the next one (unless it is the only row).
    const last = data[data.length - 1].row;
    const kept = data.filter((i) => i.row !== last);
    items = kept.length ? kept : data;
    nextAfterRow = kept.length ? kept[kept.length - 1].row : last;
  }
  return { items: items.map((i) => ({ row: i.row, column: i.column, value: i.value, reason: i.reason })), nextAfterRow };
}
