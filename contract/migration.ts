// The migration of members from a legacy system (function `migration`, admins only): a file (CSV in UTF-8 with or
// without BOM or GBK, or JSON lines) is uploaded in parts, checked row by row (the dry run: nothing is written but
// the job and its report), then committed in resumable chunks. Rows are keyed by phone number, so the same file
// again imports nothing twice and an interrupted run continues where it stopped. docs/migration.md has the columns
// and the merge rules.
import * as z from 'zod/mini';
import { action } from './action';
import { array, bool, int, integer, iso, nullable, object, oneOf, opt, str, text } from './fields';

/** One upload part: at most 700 KB of the file (base64 inside a function call of at most 1 MB). */
export const MIGRATION_PART_BYTES = 700 * 1024;
/** At most this many parts (about 21 MB, some 200,000 members). */
export const MIGRATION_MAX_PARTS = 40;
const PART_BASE64_MAX = Math.ceil(MIGRATION_PART_BYTES / 3) * 4;

/** A job id the client chooses (the command uses the file's hash): a second createJob with it answers the same job. */
const jobId = () => str(8, 64, /^[A-Za-z0-9_-]+$/);

/** The columns of the file, in template order: key (CSV header or JSON field), Chinese header (also accepted), meaning. */
export const MIGRATION_COLUMNS = [
  { key: 'phone', name: '手机号', required: true, help: '11 位手机号，每人一行（导入的主键）' },
  { key: 'name', name: '姓名', required: false, help: '最多 20 个字' },
  { key: 'birthday', name: '生日', required: false, help: 'YYYY-MM-DD' },
  { key: 'joinedAt', name: '入会日期', required: false, help: 'YYYY-MM-DD，不晚于今天' },
  { key: 'tier', name: '等级', required: false, help: '等级编号（0-3）或名称（如 金牌会员），空为普通会员' },
  { key: 'tierValidUntil', name: '等级有效期至', required: false, help: 'YYYY-MM-DD，含当天；有等级时必填，须晚于今天' },
  { key: 'growth', name: '成长值', required: false, help: '非负整数，作为一条期初成长值' },
  { key: 'points', name: '积分', required: false, help: '按批次：数量@有效期至，多个批次用 ; 分隔，如 500@2027-12-31;200@2027-06-30' },
  { key: 'stores', name: '门店', required: false, help: '门店编号，多个用 ; 分隔' },
  { key: 'formats', name: '业态', required: false, help: '业态编码，多个用 ; 分隔，如 mall;hotel' },
  { key: 'tags', name: '标签', required: false, help: '多个用 ; 分隔' },
  { key: 'legacyId', name: '原会员号', required: false, help: '原系统的会员号，最多 40 个字符' },
] as const;

export type MigrationColumn = (typeof MIGRATION_COLUMNS)[number]['key'];

/** The template the console offers for download: the header and two example rows. */
export const MIGRATION_TEMPLATE = [
  MIGRATION_COLUMNS.map((c) => c.key).join(','),
  '13800138000,张三,1990-05-01,2021-03-15,2,2027-06-30,1800,500@2027-12-31;200@2027-06-30,st-mall,mall,VIP,L000123',
  '13900139000,李四,,2023-08-01,,,0,80@2027-12-31,,,,L000456',
].join('\r\n') + '\r\n';

export const migrationIssue = object({ row: integer(), column: text(), value: text(), reason: text() });

const counts = object({
  /** Rows with no problem. */
  valid: integer(),
  /** Rows with at least one problem (skipped by the commit). */
  invalid: integer(),
  /** Valid rows whose phone is bound to a member already: they are merged into that member. */
  toMerge: integer(),
  /** Valid rows imported before with the same content: nothing to do. */
  unchanged: integer(),
  /** Problems reported (a row may have several). */
  issues: integer(),
});

const summary = object({
  /** Imported records created (unclaimed until the phone is bound). */
  created: integer(),
  /** Rows merged into the member who had bound the phone. */
  merged: integer(),
  /** Rows imported before with the same content: nothing written. */
  unchanged: integer(),
  /** Rows not imported, by reason (the dry run's report has them row by row). */
  skipped: integer(),
  skippedReasons: array(object({ reason: text(), rows: integer() })),
  /** Points imported per expiry month (YYYY-MM), this run plus what an earlier run of the same rows had imported. */
  pointsByMonth: array(object({ month: text(), points: integer() })),
  audit: object({
    /** Points in the file's valid rows. */
    filePoints: integer(),
    /** Points imported for those rows (created + merged + unchanged). */
    importedPoints: integer(),
    /** Points in rows skipped for a problem. */
    skippedPoints: integer(),
    balanced: bool(),
  }),
});

const jobView = object({
  jobId: text(),
  fileName: text(),
  bytes: integer(),
  status: oneOf(['uploading', 'uploaded', 'checking', 'checked', 'committing', 'done']),
  format: nullable(oneOf(['csv', 'jsonl'])),
  encoding: nullable(oneOf(['utf-8', 'utf-8-bom', 'gbk'])),
  partsReceived: integer(),
  partCount: integer(),
  totalRows: nullable(integer()),
  /** Dry run: rows checked so far, and what it found. */
  checked: integer(),
  dryRun: nullable(counts),
  /** Commit: rows done so far. */
  committed: integer(),
  summary: nullable(summary),
  createdAt: iso(),
  updatedAt: iso(),
});

export const migration = {
  /** Starts an import job for a file (or answers the job with that id: a re-run of the command finds its job). */
  createJob: action({
    input: z.strictObject({
      jobId: jobId(),
      fileName: str(1, 100),
      bytes: int(1, MIGRATION_PART_BYTES * MIGRATION_MAX_PARTS),
      partCount: int(1, MIGRATION_MAX_PARTS),
      /** Lower-case hex SHA-256 of the whole file: the same id with another file is ALREADY_EXISTS. */
      sha256: str(64, 64, /^[0-9a-f]{64}$/),
    }),
    output: object({ job: jobView, created: bool() }),
    errors: ['ALREADY_EXISTS'],
  }),
  /** One part of the file, cut at a line end (the console and the command cut at the last newline before 700 KB). */
  uploadPart: action({
    input: z.strictObject({ jobId: jobId(), index: int(0, MIGRATION_MAX_PARTS - 1), partBase64: str(4, PART_BASE64_MAX, /^[A-Za-z0-9+/]+={0,2}$/) }),
    output: object({ job: jobView, replayed: bool() }),
    errors: ['NOT_FOUND', 'NOT_ELIGIBLE', 'ALREADY_EXISTS'],
  }),
  /**
   * Works on the job for up to a few seconds and answers where it stands: `dryRun` checks the next rows (and writes
   * their problems to the report), `commit` writes the next rows (only after a finished dry run). Call again until
   * the job's status is `checked` (dry run) or `done` (commit); a call after an interruption continues at the cursor.
   */
  step: action({
    input: z.strictObject({ jobId: jobId(), mode: oneOf(['dryRun', 'commit']) }),
    output: object({ job: jobView, finished: bool() }),
    errors: ['NOT_FOUND', 'NOT_ELIGIBLE'],
  }),
  /** The job as it stands. */
  job: action({
    input: z.strictObject({ jobId: jobId() }),
    output: object({ job: jobView }),
    errors: ['NOT_FOUND'],
  }),
  /** The dry run's report, row by row (row = line in the file, the header is line 1), in pages of up to 500. */
  issues: action({
    input: z.strictObject({ jobId: jobId(), afterRow: opt(int(0)), pageSize: opt(int(1, 500)) }),
    output: object({ items: array(migrationIssue), nextAfterRow: nullable(integer()) }),
    errors: ['NOT_FOUND'],
  }),
  /** The latest jobs, newest first. */
  listJobs: action({
    input: z.strictObject({}),
    output: object({ items: array(jobView) }),
  }),
};

export type MigrationJobView = z.output<typeof jobView>;
export type MigrationSummary = z.output<typeof summary>;
export type MigrationCounts = z.output<typeof counts>;

/**
 * The file cut into upload parts of at most MIGRATION_PART_BYTES, each ending at a line end (byte 0x0A never occurs
 * inside a UTF-8 or GBK character, so every part decodes on its own and the parts join to the file).
 */
export function splitParts(bytes: Uint8Array, max = MIGRATION_PART_BYTES): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = Math.min(start + max, bytes.length);
    if (end < bytes.length) {
      let cut = end;
      while (cut > start && bytes[cut - 1] !== 0x0a) cut--;
      if (cut > start) end = cut;
    }
    parts.push(bytes.subarray(start, end));
    start = end;
  }
  return parts;
}
