// 会员标签 on the scanned member (clerks, managers, admins): the member's tags; a manual tag added by typing it, taken
// off by tapping ×; rule tags (规则) are listed but kept by their segment's rule.
import { useEffect, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { memberTagsStore, useMemberTags } from '../member-tags-store';

export default function TagsCard({ memberNo }: { memberNo: string }) {
  const { data } = useMemberTags((s) => s.tags);
  const { busy, error } = useMemberTags((s) => s.write);
  const [text, setText] = useState('');
  useEffect(() => void memberTagsStore.getState().load(memberNo), [memberNo]);
  const shown = data?.memberNo === memberNo ? data.tags : null;

  const add = async () => {
    if (await memberTagsStore.getState().tag(memberNo, text)) setText('');
  };

  return (
    <View className='staff-card tags-card'>
      <Text className='staff-card__title'>会员标签</Text>
      <View className='tags-card__list'>
        {shown?.length === 0 && <Text className='staff-card__meta tags-card__none'>暂无标签</Text>}
        {shown?.map((t) => (
          <Text key={t.tag} className={`tags-card__tag tags-card__tag--${t.kind}`} data-tag={t.tag} onClick={() => t.kind === 'manual' && !busy && void memberTagsStore.getState().tag(memberNo, t.tag, true)}>
            {t.tag}{t.kind === 'rule' ? '（规则）' : ' ×'}
          </Text>
        ))}
      </View>
      <Input className='staff-input tags-card__input' placeholder='添加标签，如 爱喝拿铁' value={text} maxlength={20} onInput={(e) => setText(e.detail.value)} />
      <View className='staff-button tags-card__add' onClick={() => !busy && void add()}>{busy ? '提交中…' : '添加标签'}</View>
      {error && <Text className='staff-error tags-card__error'>{error.message}</Text>}
    </View>
  );
}
