// 分群规则: a new segment (no segmentId) or a saved one. The rule builder (AND/OR groups of conditions in Chinese), a
// preview of how many members match now with a sample, and saving; a saved segment also shows its versions (a version a
// live automation uses stays as it was: editing it makes a new one) and a page of its members.
import { Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { formatShanghaiDateTime } from '../../../utils/format';
import ConsoleShell from '../components/ConsoleShell';
import SegmentRuleBuilder from '../components/SegmentRuleBuilder';
import { fromRule, newGroup, toRule, type GroupDraft, type SegmentRule } from '../segment-draft';
import { useConsoleSession } from '../session-store';
import { segmentsStore, useSegments, type Preview } from '../segments-store';
import '../catalog.scss';
import '../segments.scss';

const URL = '/packages/admin/segments/index';
const STAGES: Record<string, string> = { new: '新会员', active: '活跃', occasional: '低频', dormant: '沉睡', churned: '流失' };

function Members({ title, rows }: { title: string; rows: Preview['sample'] }) {
  return (
    <View className='console-table segment-sample'>
      <Text className='console-card__meta'>{title}</Text>
      <View className='console-row console-row--head'>
        <Text className='console-cell'>会员号</Text><Text className='console-cell'>昵称</Text><Text className='console-cell console-cell--num'>等级</Text>
        <Text className='console-cell'>阶段</Text><Text className='console-cell console-cell--num'>积分</Text>
      </View>
      {rows.map((m) => (
        <View key={m.memberNo} className='console-row segment-sample__row' data-member={m.memberNo}>
          <Text className='console-cell'>{m.memberNo}</Text><Text className='console-cell'>{m.nickname}</Text><Text className='console-cell console-cell--num'>{m.tierLevel}</Text>
          <Text className='console-cell'>{m.stage ? STAGES[m.stage] ?? m.stage : '—'}</Text><Text className='console-cell console-cell--num'>{m.points}</Text>
        </View>
      ))}
    </View>
  );
}

export default function ConsoleSegment() {
  const { params } = useRouter();
  const segmentId = params.segmentId || undefined;
  const detail = useSegments((s) => s.detail);
  const preview = useSegments((s) => s.preview);
  const save = useSegments((s) => s.save);
  const canEdit = useConsoleSession((s) => s.session.data?.actions.includes('segments.save') ?? false);
  const [draft, setDraft] = useState<GroupDraft>(() => newGroup('all'));
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [tag, setTag] = useState('');
  const [loadedFor, setLoadedFor] = useState<string | null>(null);

  useEffect(() => {
    segmentsStore.getState().clearDraft();
    if (segmentId) void segmentsStore.getState().open(segmentId);
  }, [segmentId]);
  // A saved segment's fields fill the form once its detail arrives.
  const seg = segmentId && detail.data?.segment.segmentId === segmentId ? detail.data : null;
  useEffect(() => {
    if (!seg || loadedFor === seg.segment.segmentId + seg.segment.version) return;
    setLoadedFor(seg.segment.segmentId + seg.segment.version);
    setDraft(fromRule(seg.segment.rule as SegmentRule));
    setTitle(seg.segment.name);
    setDescription(seg.segment.description);
    setTag(seg.segment.tag ?? '');
  }, [seg, loadedFor]);

  // A new segment, once created, is edited as the saved one (a second 保存 edits it, never makes another).
  useEffect(() => {
    if (!segmentId && save.result?.created) void Taro.redirectTo({ url: `/packages/admin/segment/index?segmentId=${save.result.segmentId}` });
  }, [segmentId, save.result]);

  const rule = () => toRule(draft);
  const pinned = seg ? seg.segment.pinned.includes(seg.segment.version) : false;

  return (
    <ConsoleShell current={URL} title={segmentId ? `分群：${seg?.segment.name ?? ''}` : '新建分群'}>
      {segmentId && detail.status === 'error' && detail.error && <Text className='console-error'>{detail.error.message}</Text>}
      <View className='console-split'>
        <View className='console-split__list'>
          <View className='console-card segment-form'>
            <View className='console-field'>
              <Text className='console-field__label'>名称</Text>
              <Input className='console-input segment-title' placeholder='如 高价值沉睡会员' value={title} onInput={(e) => setTitle(e.detail.value)} />
            </View>
            <View className='console-field'>
              <Text className='console-field__label'>说明</Text>
              <Input className='console-input segment-description' placeholder='可不填' value={description} onInput={(e) => setDescription(e.detail.value)} />
            </View>
            <View className='console-field'>
              <Text className='console-field__label'>规则标签</Text>
              <Input className='console-input segment-tag-name' placeholder='可不填：填写后，符合规则的会员自动打上此标签，不再符合时自动移除' value={tag} onInput={(e) => setTag(e.detail.value)} />
            </View>
            {pinned && <Text className='console-note segment-pinned-note'>此分群的版本 {seg?.segment.version} 正被运行中的自动化规则使用：保存修改将生成新版本，运行中的规则仍按原版本的人群执行。</Text>}
            <SegmentRuleBuilder draft={draft} onChange={setDraft} />
            <View className='console-actions'>
              <Text className={`console-button console-button--ghost segment-preview${preview.busy ? ' console-button--busy' : ''}`} onClick={() => void segmentsStore.getState().runPreview(rule())}>{preview.busy ? '计算中…' : '预览人数'}</Text>
              {canEdit && <Text className={`console-button segment-save${save.busy ? ' console-button--busy' : ''}`} onClick={() => void segmentsStore.getState().saveSegment({ segmentId, title, description, tag, rule: rule() })}>{save.busy ? '保存中…' : '保存'}</Text>}
            </View>
            {preview.error && <Text className='console-error segment-preview-error'>{preview.error.message}</Text>}
            {save.error && <Text className='console-error segment-save-error'>{save.error.message}</Text>}
            {save.result && (
              <Text className='console-ok segment-saved'>
                {save.result.created ? '已创建' : '已保存'}（版本 {save.result.version}{save.result.newVersion ? '，为新版本，运行中的自动化仍使用原版本' : ''}）。人数将在数分钟内由定时任务计算。
              </Text>
            )}
          </View>
        </View>
        <View className='console-split__detail'>
          {preview.result && (
            <View className='console-card segment-preview-result'>
              <Text className='console-card__meta'>当前符合条件的会员</Text>
              <Text className='segment-count'>{preview.result.count} 人</Text>
              <Text className='console-card__meta'>{preview.result.complete ? `已检查全部 ${preview.result.total} 位会员` : `已检查 ${preview.result.scanned} / ${preview.result.total} 位会员（超时，结果不完整）`}</Text>
              <Text className='segment-rule-text'>{preview.result.ruleText}</Text>
              {preview.result.sample.length > 0 && <Members title='示例会员' rows={preview.result.sample} />}
            </View>
          )}
          {seg && (
            <View className='console-card segment-versions'>
              <Text className='console-card__title'>版本</Text>
              {seg.versions.map((v) => (
                <View key={v.version} className='segment-version' data-version={v.version}>
                  <Text className='console-card__meta'>版本 {v.version}{v.version === seg.segment.version ? '（当前）' : ''}{seg.segment.pinned.includes(v.version) ? ' · 自动化使用中' : ''} · {v.members} 人 · {v.byName} {formatShanghaiDateTime(v.createdAt)}</Text>
                  <Text className='segment-rule-text'>{v.ruleText}</Text>
                </View>
              ))}
            </View>
          )}
          {seg && seg.members.length > 0 && <View className='console-card'><Members title={`当前版本的会员（${seg.segment.members} 人）`} rows={seg.members} /></View>}
        </View>
      </View>
    </ConsoleShell>
  );
}
