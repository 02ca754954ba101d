// 会员标签 (operators and admins tag, analysts read): the tags in use with their member counts (手工标签 and 规则标签, the
// latter kept by their segment's rule), and bulk tagging: a tag and a list of member numbers (pasted one per line or
// separated by commas), added or removed, with the result of every number.
import { Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import ConsoleShell from '../components/ConsoleShell';
import { useConsoleSession } from '../session-store';
import { numbersOf, segmentsStore, useSegments } from '../segments-store';
import '../catalog.scss';
import '../segments.scss';

const URL = '/packages/admin/tags/index';
const STATUS: Record<string, string> = { tagged: '已打标签', untagged: '已移除', unchanged: '无变化', notFound: '会员不存在', invalid: '会员号格式不正确' };

export default function ConsoleTags() {
  const { data, status, error } = useSegments((s) => s.tags);
  const bulk = useSegments((s) => s.bulk);
  const [tag, setTag] = useState('');
  const [numbers, setNumbers] = useState('');
  const [remove, setRemove] = useState(false);
  useDidShow(() => void segmentsStore.getState().loadTags());
  const canTag = useConsoleSession((s) => s.session.data?.actions.includes('segments.tagMembers') ?? false);
  const count = numbersOf(numbers).length;
  return (
    <ConsoleShell current={URL} title='会员标签'>
      <View className='console-split'>
        <View className='console-split__list'>
          {status === 'error' && error && <Text className='console-error'>{error.message}</Text>}
          {status === 'ready' && data?.tags.length === 0 && <Text className='console-empty tags-empty'>还没有标签</Text>}
          {data && data.tags.length > 0 && (
            <View className='console-card tags-list'>
              <View className='console-table'>
                <View className='console-row console-row--head'>
                  <Text className='console-cell console-cell--wide'>标签</Text><Text className='console-cell'>类型</Text><Text className='console-cell console-cell--num'>会员数</Text>
                </View>
                {data.tags.map((t) => (
                  <View key={t.tag} className='console-row tags-row' data-tag={t.tag} onClick={() => (t.segmentId ? void Taro.navigateTo({ url: `/packages/admin/segment/index?segmentId=${t.segmentId}` }) : setTag(t.tag))}>
                    <Text className='console-cell console-cell--wide'>{t.tag}</Text>
                    <Text className='console-cell'>{t.kind === 'rule' ? '规则标签' : '手工标签'}</Text>
                    <Text className='console-cell console-cell--num'>{t.members}</Text>
                  </View>
                ))}
              </View>
            </View>
          )}
        </View>
        {canTag && (
          <View className='console-split__detail'>
            <View className='console-card tags-bulk'>
              <Text className='console-card__title'>批量打标签</Text>
              <Text className='console-card__meta'>规则标签由分群规则自动维护，不能手工添加或移除。</Text>
              <View className='console-field'>
                <Text className='console-field__label'>标签</Text>
                <Input className='console-input tags-bulk__tag' placeholder='如 双十一活动' value={tag} onInput={(e) => setTag(e.detail.value)} />
              </View>
              <View className='console-field'>
                <Text className='console-field__label'>会员号（每行一个，或用逗号分隔；一次最多 200 个）</Text>
                <Textarea className='console-input segment-tag-input tags-bulk__numbers' maxlength={-1} placeholder={'80000000001\n80000000002'} value={numbers} onInput={(e) => setNumbers(e.detail.value)} />
                <Text className='console-field__help'>共 {count} 个</Text>
              </View>
              <View className='console-tabs'>
                <Text className={`console-tab${!remove ? ' console-tab--active' : ''} tags-bulk__add`} onClick={() => setRemove(false)}>添加标签</Text>
                <Text className={`console-tab${remove ? ' console-tab--active' : ''} tags-bulk__remove`} onClick={() => setRemove(true)}>移除标签</Text>
              </View>
              <View className='console-actions'>
                <Text className={`console-button tags-bulk__submit${bulk.busy ? ' console-button--busy' : ''}`} onClick={() => void segmentsStore.getState().tagMembers(tag, numbers, remove)}>{bulk.busy ? '处理中…' : remove ? '移除' : '打标签'}</Text>
              </View>
              {bulk.error && <Text className='console-error tags-bulk__error'>{bulk.error.message}</Text>}
              {bulk.result && (
                <View className='tags-bulk__result'>
                  <Text className='console-ok tags-bulk__summary'>
                    「{bulk.result.tag}」：{bulk.result.tagged ? `打上 ${bulk.result.tagged} 人` : ''}{bulk.result.untagged ? `移除 ${bulk.result.untagged} 人` : ''}{!bulk.result.tagged && !bulk.result.untagged ? '没有会员需要变更' : ''}；无变化 {bulk.result.unchanged}，不存在 {bulk.result.notFound}，格式不正确 {bulk.result.invalid}
                  </Text>
                  <View className='console-table'>
                    {bulk.result.results.map((r, i) => (
                      <View key={`${r.memberNo}-${i}`} className='console-row tags-bulk__row' data-status={r.status}>
                        <Text className='console-cell'>{r.memberNo}</Text>
                        <Text className={`console-cell tag-result--${r.status}`}>{STATUS[r.status]}</Text>
                      </View>
                    ))}
                  </View>
                </View>
              )}
            </View>
          </View>
        )}
      </View>
    </ConsoleShell>
  );
}
