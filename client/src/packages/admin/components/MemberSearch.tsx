// The member search: a keyword (会员号 / 手机号 / 昵称) with what it searches by, and the results as a table; "加载更多"
// appends the next page. `onOpen` opens a member (beside the list on a desktop, its own page on a phone).
import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { formatNumber, formatShanghaiDate } from '../../../utils/format';
import { membersStore, useMembers, type SearchBy } from '../members-store';

const KEYS: Array<{ key: SearchBy; name: string }> = [
  { key: 'auto', name: '全部' },
  { key: 'memberNo', name: '会员号' },
  { key: 'phone', name: '手机号' },
  { key: 'nickname', name: '昵称' },
];

const SEARCHED_BY: Record<string, string> = { memberNo: '会员号', phone: '手机号', nickname: '昵称前缀' };

export default function MemberSearch({ onOpen }: { onOpen: (memberNo: string) => void }) {
  const query = useMembers((s) => s.query);
  const results = useMembers((s) => s.results);
  const more = useMembers((s) => s.more);
  const selected = useMembers((s) => s.selected);
  const formError = useMembers((s) => (s.formError?.form === 'search' ? s.formError.message : null));
  const [keyword, setKeyword] = useState(query?.keyword ?? '');
  const [by, setBy] = useState<SearchBy>(query?.searchBy ?? 'auto');
  const submit = (searchBy = by) => void membersStore.getState().search(keyword, searchBy);
  const data = results.data;

  return (
    <View className='console-card member-search'>
      <View className='console-field'>
        <Text className='console-field__label'>查找会员</Text>
        <Input className='console-input member-search-input' placeholder='会员号、手机号或昵称' value={keyword}
          onInput={(e) => setKeyword(e.detail.value)} onConfirm={() => submit()} confirmType='search' />
      </View>
      <View className='console-actions'>
        {KEYS.map((k) => (
          <Text key={k.key} className={`console-tab member-search-by${by === k.key ? ' console-tab--active' : ''}`} data-key={k.key}
            onClick={() => { setBy(k.key); if (keyword.trim()) submit(k.key); }}>{k.name}</Text>
        ))}
        <View className='console-button member-search-submit' onClick={() => submit()}>{results.status === 'loading' ? '查找中…' : '查找'}</View>
      </View>
      {formError && <Text className='console-error member-search-error'>{formError}</Text>}
      {results.error && <Text className='console-error member-search-error'>{results.error.message}</Text>}
      {data && (
        <View className='console-table member-results'>
          <Text className='console-card__meta member-results-meta'>按{SEARCHED_BY[data.searchedBy]}查找 · {data.items.length}{data.nextCursor ? '+' : ''} 位会员</Text>
          <View className='console-row console-row--head'>
            <Text className='console-cell console-cell--wide'>会员</Text>
            <Text className='console-cell member-cell--desktop member-cell-phone'>手机号</Text>
            <Text className='console-cell member-row__tier'>等级</Text>
            <Text className='console-cell console-cell--num'>积分</Text>
            <Text className='console-cell console-cell--num member-cell--desktop'>成长值</Text>
            <Text className='console-cell member-cell--desktop member-cell-date'>入会日期</Text>
          </View>
          {data.items.length === 0 && <Text className='console-empty member-results-empty'>没有找到会员</Text>}
          {data.items.map((m) => (
            <View key={m.memberNo} className={`console-row member-row${selected === m.memberNo ? ' console-row--selected' : ''}`} data-member-no={m.memberNo} onClick={() => onOpen(m.memberNo)}>
              <View className='console-cell console-cell--wide member-cell-who'>
                <Text className='member-row__name'>{m.nickname}</Text>
                {m.frozen && <Text className='console-badge console-badge--off member-row__frozen'>已冻结</Text>}
                <Text className='member-row__no'>{m.memberNo}</Text>
              </View>
              <Text className='console-cell member-cell--desktop member-cell-phone member-row__phone'>{m.phone ?? '未绑定'}</Text>
              <Text className='console-cell member-row__tier'>{m.tierName}</Text>
              <Text className='console-cell console-cell--num member-row__points'>{formatNumber(m.points)}</Text>
              <Text className='console-cell console-cell--num member-cell--desktop'>{formatNumber(m.growth)}</Text>
              <Text className='console-cell member-cell--desktop member-cell-date'>{formatShanghaiDate(m.joinedAt)}</Text>
            </View>
          ))}
          {data.nextCursor && (
            <View className='console-button console-button--ghost member-results-more' onClick={() => void membersStore.getState().loadMore()}>{more.busy ? '加载中…' : '加载更多'}</View>
          )}
          {more.error && <Text className='console-error'>{more.error.message}</Text>}
        </View>
      )}
    </View>
  );
}
