// 回访任务: the store's follow-up calls made by automation rules (人工关怀回访: a churned member, ...), each with the
// member, the reason and the due day (逾期 past it), and the clerk's outcome: 已联系, 未接通 or 无意向, with a note.
import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { formatShanghaiDateTime } from '../../../utils/format';
import { followupsStore, useFollowups, type Followup, type FollowupTab, type Outcome } from '../followups-store';
import '../staff.scss';

const TABS: Array<[FollowupTab, string]> = [['open', '待回访'], ['done', '已回访']];
const OUTCOMES: Array<[Outcome, string]> = [['reached', '已联系'], ['noAnswer', '未接通'], ['notInterested', '无意向']];

function Task({ t }: { t: Followup }) {
  const [note, setNote] = useState('');
  const [mine, setMine] = useState(false);
  const { busy, error } = useFollowups((s) => s.outcome);
  const record = (o: Outcome) => { setMine(true); void followupsStore.getState().record(t.id, o, note); };
  return (
    <View className='staff-approval followup-task' data-id={t.id} data-status={t.status}>
      <View className='staff-approval__head'><Text className='followup-member'>{t.nickname} · {t.memberNo}</Text><Text className={t.overdue ? 'staff-error followup-due' : 'followup-due'}>{t.overdue ? '已逾期 · ' : ''}{t.dueDay} 前</Text></View>
      <Text className='staff-approval__meta followup-reason'>{t.reason} · {t.ruleName}{t.storeName ? ` · ${t.storeName}` : ''}</Text>
      {t.phone && <Text className='staff-approval__meta followup-phone' onClick={() => void Taro.makePhoneCall({ phoneNumber: t.phone as string }).catch(() => undefined)}>手机号 {t.phone}</Text>}
      {t.status === 'done' && <Text className='staff-ok followup-outcome'>{t.outcomeName}{t.note ? `：${t.note}` : ''} · {t.doneByName} {t.doneAt ? formatShanghaiDateTime(t.doneAt) : ''}</Text>}
      {t.status === 'open' && (
        <View className='staff-confirm'>
          <Input className='staff-input followup-note' placeholder='回访备注（可不填）' value={note} maxlength={100} onInput={(e) => setNote(e.detail.value)} />
          <View className='staff-row'>
            {OUTCOMES.map(([o, name]) => (
              <View key={o} className={`staff-button staff-button--half followup-record${o === 'reached' ? '' : ' staff-button--ghost'}`} data-outcome={o} onClick={() => record(o)}>{busy && mine ? '…' : name}</View>
            ))}
          </View>
        </View>
      )}
      {mine && error && <Text className='staff-error followup-error'>{error.message}</Text>}
    </View>
  );
}

export default function StaffFollowups() {
  const tab = useFollowups((s) => s.tab);
  const { data, error, status } = useFollowups((s) => s.list);
  useDidShow(() => void followupsStore.getState().load(followupsStore.getState().tab));
  return (
    <View className='staff'>
      <View className='staff-card'>
        <Text className='staff-card__title'>回访任务</Text>
        <Text className='staff-card__meta'>自动化规则为本店会员创建的人工关怀回访：联系后记录结果</Text>
        <View className='staff-tabs'>
          {TABS.map(([key, name]) => (
            <View key={key} className={`staff-tab followups-tab${tab === key ? ' staff-tab--active' : ''}`} data-tab={key} onClick={() => void followupsStore.getState().load(key)}>{name}</View>
          ))}
        </View>
      </View>
      <View className='staff-card followups-list'>
        {error && <Text className='staff-error'>{error.message}</Text>}
        {!data && status === 'loading' && <Text className='staff-card__meta'>加载中…</Text>}
        {data?.tasks.length === 0 && <Text className='staff-card__meta followups-empty'>{tab === 'open' ? '没有待回访的会员' : '还没有回访记录'}</Text>}
        {data?.tasks.map((t) => <Task key={t.id} t={t} />)}
      </View>
    </View>
  );
}
