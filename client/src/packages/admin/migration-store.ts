// 数据迁移 (admins): a legacy member file uploaded in parts, its dry run (the report row by row), then the commit, each
// driven step by step with its progress; the same calls as `npm run import` (scripts/import.ts). The job is named by
// the file's hash, so picking the same file again continues where it stopped.
import Taro from '@tarojs/taro';
import { useStore } from 'zustand';
import { csvText } from '../../utils/csv-file';
import { createStore } from 'zustand/vanilla';
import type { Output } from '@contract/index';
import { splitParts } from '../../../../contract/migration';
import { call as cloudCall, type CallFn } from '../../services/cloud';
import { createAction, ready, type ActionSlot } from '../../store/action';
import { createResource, field, idle, type Slot } from '../../store/resource';
import { onSessionReset } from '../../store/session';
import { sha256Hex } from './sha256';

export type MigrationJob = Output<'migration', 'job'>['job'];
export type MigrationIssue = Output<'migration', 'issues'>['items'][number];
export type Phase = 'upload' | 'dryRun' | 'commit';

export interface Progress { phase: Phase; done: number; total: number }

export interface MigrationState {
  jobs: Slot<Output<'migration', 'listJobs'>>;
  job: MigrationJob | null;
  issues: MigrationIssue[];
  progress: Progress | null;
  check: ActionSlot<MigrationJob>;
  commit: ActionSlot<MigrationJob>;
  loadJobs: () => Promise<void>;
  /** Uploads the file (what is missing) and runs the dry run to its end; then loads the report. */
  checkFile: (bytes: Uint8Array, fileName: string) => Promise<MigrationJob | null>;
  /** Commits the checked job to its end. */
  commitJob: () => Promise<MigrationJob | null>;
  reset: () => void;
}

const EMPTY: MigrationIssue[] = [];

function base64Of(bytes: Uint8Array): string {
  if (process.env.TARO_ENV === 'weapp') return Taro.arrayBufferToBase64(bytes.slice().buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function createMigrationStore(call: CallFn) {
  return createStore<MigrationState>()((set, get, api) => {
    const jobs = createResource(field(api, 'jobs'), () => call('migration', 'listJobs'));
    const check = createAction(field(api, 'check'), { fresh: true });
    const commit = createAction(field(api, 'commit'), { fresh: true });
    const show = (job: MigrationJob, phase: Phase) => {
      const [done, total] = phase === 'upload' ? [job.partsReceived, job.partCount] : phase === 'dryRun' ? [job.checked, job.totalRows ?? 0] : [job.committed, job.totalRows ?? 0];
      set({ job, progress: { phase, done, total } });
    };
    return {
      jobs: idle(),
      job: null,
      issues: EMPTY,
      progress: null,
      check: ready(),
      commit: ready(),
      loadJobs: () => jobs.load(),
      checkFile(bytes, fileName) {
        commit.reset();
        set({ job: null, issues: EMPTY, progress: null });
        return check.run(async () => {
          const sha256 = sha256Hex(bytes);
          const jobId = `imp-${sha256.slice(0, 32)}`;
          const parts = splitParts(bytes);
          let { job } = await call('migration', 'createJob', { jobId, fileName: fileName.slice(-100) || 'members.csv', bytes: bytes.length, partCount: parts.length, sha256 });
          show(job, 'upload');
          for (let i = 0; job.status === 'uploading' && i < parts.length; i++) {
            ({ job } = await call('migration', 'uploadPart', { jobId, index: i, partBase64: base64Of(parts[i]) }));
            show(job, 'upload');
          }
          for (let finished = job.status !== 'uploaded' && job.status !== 'checking'; !finished;) {
            ({ job, finished } = await call('migration', 'step', { jobId, mode: 'dryRun' }));
            show(job, 'dryRun');
          }
          const issues: MigrationIssue[] = [];
          for (let after: number | null = 0; after !== null;) {
            const page: Output<'migration', 'issues'> = await call('migration', 'issues', { jobId, afterRow: after, pageSize: 500 });
            issues.push(...page.items);
            after = page.nextAfterRow;
          }
          set({ issues, job });
          if (job.status === 'done') show(job, 'commit');
          return job;
        }, () => void jobs.reload());
      },
      commitJob() {
        const start = get().job;
        if (!start) return Promise.resolve(null);
        return commit.run(async () => {
          let job = start;
          show(job, 'commit');
          for (let finished = job.status === 'done'; !finished;) {
            ({ job, finished } = await call('migration', 'step', { jobId: job.jobId, mode: 'commit' }));
            show(job, 'commit');
          }
          return job;
        }, () => void jobs.reload());
      },
      reset() {
        jobs.reset();
        check.reset();
        commit.reset();
        set({ job: null, issues: EMPTY, progress: null });
      },
    };
  });
}

export const migrationStore = createMigrationStore(cloudCall);
onSessionReset(() => migrationStore.getState().reset());

export function useMigration<T>(selector: (state: MigrationState) => T): T {
  return useStore(migrationStore, selector);
}


/** The dry run's report as CSV (UTF-8 with BOM, as the command writes it): 行号, 列, 内容, 原因. */
export const issuesCsv = (issues: MigrationIssue[]) => csvText([['行号', '列', '内容', '原因'], ...issues.map((i) => [i.row, i.column, i.value, i.reason])]);
