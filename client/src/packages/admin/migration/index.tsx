// 数据迁移 (admins): members, balances and tiers from a legacy system. 下载模板 gives the columns; a picked file (CSV in
// UTF-8 or GBK, or JSON lines) is uploaded in parts and checked row by row (试导入: the report, downloadable as CSV,
// nothing written); 确认导入 commits it with a progress bar and shows the summary with its points audit. Picking the
// same file again continues its job. docs/migration.md.
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { MIGRATION_COLUMNS, MIGRATION_TEMPLATE } from '../../../../../contract/migration';
import { saveText } from '../../../utils/csv-file';
import { formatNumber, formatShanghaiDateTime } from '../../../utils/format';
import ConsoleShell from '../components/ConsoleShell';
import { issuesCsv, migrationStore, useMigration, type MigrationJob, type Progress } from '../migration-store';
import '../migration.scss';

const STATUS: Record<MigrationJob['status'], string> = {
  uploading: '上传中', uploaded: '已上传', checking: '检查中', checked: '已检查', committing: '导入中', done: '已完成',
};
const PHASE: Record<Progress['phase'], string> = { upload: '上传', dryRun: '检查', commit: '导入' };
const SHOWN_ISSUES = 200;

/** The picked file's name and bytes: a file input in the browser, a chat file in the mini-program. */
function pickFile(): Promise<{ name: string; bytes: Uint8Array } | null> {
  if (process.env.TARO_ENV === 'h5') {
    return new Promise((resolve) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = '.csv,.txt,.jsonl,.json,text/csv';
      input.className = 'migration-file-input';
      input.style.display = 'none';
      input.onchange = () => {
        const file = input.files?.[0];
        input.remove();
        if (!file) return resolve(null);
        void file.arrayBuffer().then((buf) => resolve({ name: file.name, bytes: new Uint8Array(buf) }));
      };
      document.body.appendChild(input);
      input.click();
    });
  }
  return Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'txt', 'jsonl'] }).then(
    ({ tempFiles }) => new Promise((resolve, reject) => {
      Taro.getFileSystemManager().readFile({
        filePath: tempFiles[0].path,
        success: (r) => resolve({ name: tempFiles[0].name, bytes: new Uint8Array(r.data as ArrayBuffer) }),
        fail: reject,
      });
    }),
    () => null,
  );
}

function ProgressBar({ progress }: { progress: Progress }) {
  const pct = progress.total ? Math.round((progress.done / progress.total) * 100) : 100;
  return (
    <View className='migration-progress' data-phase={progress.phase} data-done={progress.done} data-total={progress.total}>
      <View className='migration-progress__bar'><View className='migration-progress__fill' style={{ width: `${pct}%` }} /></View>
      <Text className='migration-progress__text'>{PHASE[progress.phase]} {formatNumber(progress.done)}/{formatNumber(progress.total)}{progress.phase === 'upload' ? ' 段' : ' 行'}（{pct}%）</Text>
    </View>
  );
}

const Count = ({ label, value, name }: { label: string; value: number | string; name: string }) => (
  <View className={`migration-count migration-count--${name}`}>
    <Text className='migration-count__value'>{typeof value === 'number' ? formatNumber(value) : value}</Text>
    <Text className='migration-count__label'>{label}</Text>
  </View>
);

function Summary({ job }: { job: MigrationJob }) {
  const s = job.summary;
  if (!s) return null;
  return (
    <View className='console-card migration-summary'>
      <Text className='console-card__title'>{job.status === 'done' ? '导入完成' : '导入中'}</Text>
      <View className='migration-counts'>
        <Count name='created' label='新建（待认领）' value={s.created} />
        <Count name='merged' label='合并到已有会员' value={s.merged} />
        <Count name='unchanged' label='此前已导入' value={s.unchanged} />
        <Count name='skipped' label='跳过' value={s.skipped} />
      </View>
      {s.skippedReasons.map((r) => <Text key={r.reason} className='console-card__meta'>跳过 {formatNumber(r.rows)} 行：{r.reason}</Text>)}
      {s.pointsByMonth.length > 0 && (
        <View className='console-table migration-months'>
          <View className='console-row console-row--head'><Text className='console-cell'>到期月份</Text><Text className='console-cell console-cell--num'>积分</Text></View>
          {s.pointsByMonth.map((m) => (
            <View key={m.month} className='console-row'><Text className='console-cell'>{m.month}</Text><Text className='console-cell console-cell--num'>{formatNumber(m.points)}</Text></View>
          ))}
        </View>
      )}
      {job.status === 'done' && (
        <Text className={`${s.audit.balanced ? 'console-ok' : 'console-error'} migration-audit`}>
          积分核对：文件 {formatNumber(s.audit.filePoints)}，已导入 {formatNumber(s.audit.importedPoints)}{s.audit.balanced ? '，一致' : '，不一致'}；问题行中的积分 {formatNumber(s.audit.skippedPoints)} 未导入
        </Text>
      )}
    </View>
  );
}

export default function ConsoleMigration() {
  const { job, issues, progress, check, commit, jobs } = useMigration((s) => s);
  useDidShow(() => void migrationStore.getState().loadJobs());
  const busy = check.busy || commit.busy;

  const choose = () => {
    if (busy) return;
    void pickFile().then((file) => {
      if (file) void migrationStore.getState().checkFile(file.bytes, file.name);
    });
  };
  const d = job?.dryRun ?? null;
  const canCommit = !!job && (job.status === 'checked' || job.status === 'committing') && !!d && d.valid > 0 && !busy;

  return (
    <ConsoleShell current='/packages/admin/migration/index' title='数据迁移'>
      <View className='migration-layout'>
        <View className='migration-steps'>
          <View className='console-card migration-template'>
            <Text className='console-card__title'>1. 准备文件</Text>
            <Text className='console-card__meta'>CSV（UTF-8 或 GBK）或 JSON Lines，每位会员一行，以手机号为准；会员绑定该手机号后自动认领。</Text>
            <View className='console-table migration-columns'>
              {MIGRATION_COLUMNS.map((c) => (
                <View key={c.key} className='console-row'>
                  <Text className='console-cell'>{c.name}{c.required ? ' *' : ''}</Text>
                  <Text className='console-cell console-cell--wide migration-help'>{c.help}</Text>
                </View>
              ))}
            </View>
            <View className='console-actions'>
              <Text className='console-button console-button--ghost migration-template-download' onClick={() => saveText('会员导入模板.csv', '\ufeff' + MIGRATION_TEMPLATE)}>下载模板</Text>
            </View>
          </View>
          <View className='console-card migration-upload'>
            <Text className='console-card__title'>2. 上传并试导入</Text>
            <Text className='console-card__meta'>逐行检查，不写入任何会员数据；同一文件再次选择会继续上次的进度。</Text>
            <View className='console-actions'>
              <Text className={`console-button migration-pick${busy ? ' console-button--ghost' : ''}`} onClick={choose}>{check.busy ? '检查中…' : '选择文件'}</Text>
            </View>
            {job && <Text className='console-card__meta migration-file'>{job.fileName} · {(job.bytes / 1024).toFixed(1)} KB · {job.format === 'jsonl' ? 'JSON Lines' : 'CSV'}{job.encoding ? ` · ${job.encoding === 'gbk' ? 'GBK' : 'UTF-8'}` : ''} · {STATUS[job.status]}</Text>}
            {progress && progress.phase !== 'commit' && <ProgressBar progress={progress} />}
            {check.error && <Text className='console-error migration-error'>{check.error.message}</Text>}
          </View>
          <View className='console-card migration-commit'>
            <Text className='console-card__title'>3. 确认导入</Text>
            <Text className='console-card__meta'>只导入检查通过的行，分批写入，可中断后继续；重复导入不会重复计入。</Text>
            <View className='console-actions'>
              <Text className={`console-button migration-commit-button${canCommit ? '' : ' console-button--ghost'}`} onClick={() => canCommit && void migrationStore.getState().commitJob()}>
                {commit.busy ? '导入中…' : job?.status === 'done' ? '已导入' : `确认导入${d ? ` ${d.valid} 行` : ''}`}
              </Text>
            </View>
            {progress && progress.phase === 'commit' && <ProgressBar progress={progress} />}
            {commit.error && <Text className='console-error migration-error'>{commit.error.message}</Text>}
          </View>
        </View>
        <View className='migration-results'>
          {d && (
            <View className='console-card migration-report'>
              <Text className='console-card__title'>检查结果</Text>
              <View className='migration-counts'>
                <Count name='valid' label='可导入' value={d.valid} />
                <Count name='invalid' label='有问题' value={d.invalid} />
                <Count name='toMerge' label='将合并到已有会员' value={d.toMerge} />
                <Count name='unchanged' label='此前已导入' value={d.unchanged} />
              </View>
              {issues.length > 0 ? (
                <>
                  <View className='console-actions'>
                    <Text className='console-button console-button--ghost migration-report-download' onClick={() => saveText(`${job?.fileName.replace(/\.[^.]+$/, '') ?? '导入'}-问题报告.csv`, issuesCsv(issues))}>下载问题报告（{issues.length} 处）</Text>
                  </View>
                  <View className='console-table migration-issues'>
                    <View className='console-row console-row--head'><Text className='console-cell'>行号</Text><Text className='console-cell'>列</Text><Text className='console-cell'>内容</Text><Text className='console-cell console-cell--wide'>原因</Text></View>
                    {issues.slice(0, SHOWN_ISSUES).map((i) => (
                      <View key={`${i.row}:${i.column}:${i.reason}`} className='console-row migration-issue' data-row={i.row}>
                        <Text className='console-cell'>{i.row}</Text>
                        <Text className='console-cell'>{i.column}</Text>
                        <Text className='console-cell'>{i.value || '（空）'}</Text>
                        <Text className='console-cell console-cell--wide'>{i.reason}</Text>
                      </View>
                    ))}
                    {issues.length > SHOWN_ISSUES && <Text className='console-card__meta'>仅显示前 {SHOWN_ISSUES} 处，完整报告请下载</Text>}
                  </View>
                </>
              ) : <Text className='console-ok migration-clean'>所有行均通过检查</Text>}
            </View>
          )}
          {job && <Summary job={job} />}
          <View className='console-card migration-jobs'>
            <Text className='console-card__title'>最近的导入</Text>
            {(jobs.data?.items ?? []).map((j) => (
              <View key={j.jobId} className='console-row'>
                <Text className='console-cell console-cell--wide'>{j.fileName}</Text>
                <Text className='console-cell'>{STATUS[j.status]}</Text>
                <Text className='console-cell'>{formatShanghaiDateTime(j.createdAt).slice(5)}</Text>
              </View>
            ))}
            {jobs.data?.items.length === 0 && <Text className='console-empty'>还没有导入记录</Text>}
          </View>
        </View>
      </View>
    </ConsoleShell>
  );
}
