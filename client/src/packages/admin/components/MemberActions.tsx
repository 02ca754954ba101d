// Freezing or unfreezing the member with a reason, and adding a staff note: shown to the roles that may (the page's
// `can`, from the role matrix).
import { useState } from 'react';
import { Input, Text, Textarea, View } from '@tarojs/components';
import { formatShanghaiDateTime } from '../../../utils/format';
import { membersStore, useMembers, type MemberDetail } from '../members-store';

export function MemberFreezeCard({ member }: { member: MemberDetail }) {
  const freeze = useMembers((s) => s.freeze);
  const formError = useMembers((s) => (s.formError?.form === 'freeze' ? s.formError.message : null));
  const [reason, setReason] = useState('');
  const frozen = member.frozen !== null;
  const submit = () => void membersStore.getState().setFrozen(!frozen, reason).then((done) => { if (done) setReason(''); });
  return (
    <View className='console-card member-freeze'>
      <Text className='console-card__title'>{frozen ? '解冻账户' : '冻结账户'}</Text>
      <Text className='console-field__help'>{frozen ? '解冻后会员可正常兑换。' : '冻结后会员仍可获得积分和成长值，但不能在积分商城兑换。'}</Text>
      <View className='console-field'>
        <Text className='console-field__label'>{frozen ? '解冻原因' : '冻结原因'}</Text>
        <Input className='console-input member-freeze-reason' placeholder={frozen ? '如：核实无误' : '如：疑似刷单，待核实'} value={reason} maxlength={100} onInput={(e) => setReason(e.detail.value)} />
      </View>
      <View className='console-actions'>
        <View className={`console-button ${frozen ? 'console-button--ghost' : 'console-button--danger'} member-freeze-submit`} onClick={submit}>
          {freeze.busy ? '提交中…' : frozen ? '解冻' : '冻结'}
        </View>
      </View>
      {formError && <Text className='console-error member-form-error'>{formError}</Text>}
      {freeze.error && <Text className='console-error member-freeze-error'>{freeze.error.message}</Text>}
      {freeze.result && <Text className='console-ok member-freeze-ok'>{freeze.result.frozen ? '已冻结该会员' : '已解冻该会员'}</Text>}
    </View>
  );
}

export function MemberNotes({ member }: { member: MemberDetail }) {
  const note = useMembers((s) => s.note);
  const formError = useMembers((s) => (s.formError?.form === 'note' ? s.formError.message : null));
  const [text, setText] = useState('');
  const submit = () => void membersStore.getState().addNote(text).then((done) => { if (done) setText(''); });
  return (
    <View className='console-card member-notes'>
      <Text className='console-card__title'>员工备注</Text>
      {member.can.note && (
        <View className='console-field'>
          <Textarea className='console-input member-note-input' placeholder='记录沟通、核查情况（200 字以内）' value={text} maxlength={200} autoHeight onInput={(e) => setText(e.detail.value)} />
          <View className='console-actions'>
            <View className='console-button member-note-submit' onClick={submit}>{note.busy ? '保存中…' : '添加备注'}</View>
          </View>
          {formError && <Text className='console-error member-form-error'>{formError}</Text>}
          {note.error && <Text className='console-error member-note-error'>{note.error.message}</Text>}
        </View>
      )}
      {member.notes.length === 0 && <Text className='console-empty'>暂无备注</Text>}
      {member.notes.map((n) => (
        <View key={n.id} className='member-note'>
          <Text className='member-note__text'>{n.text}</Text>
          <Text className='console-card__meta'>{n.byName}（{n.roleName}）· {formatShanghaiDateTime(n.at)}</Text>
        </View>
      ))}
    </View>
  );
}
