import { useState } from 'react';
import { Button, Image, Input, Text, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { goHome } from '../../../services/navigation';
import { memberStore, type MemberHome } from '../../../store/member';
import { useMember } from '../../../store/use-member';
import { formatSigned } from '../../../utils/format';
import { profileStore } from '../store';
import { useProfile } from '../use-profile';
import '../profile.scss';

const isWeapp = process.env.TARO_ENV === 'weapp';

/** Opened straight from a link (h5 reload): the card data is not there yet. */
function ensureHome() {
  const { home, loadHome } = memberStore.getState();
  if (!home.data) void loadHome();
}

function leave() {
  Taro.navigateBack().catch(() => goHome());
}

function Avatar({ src, fallback }: { src: string | null; fallback: string }) {
  return src
    ? <Image className='profile-avatar' src={src} mode='aspectFill' />
    : <View className='profile-avatar profile-avatar--text'>{fallback.slice(0, 1) || '会'}</View>;
}

function ProfileForm({ member }: { member: MemberHome['member'] }) {
  const [nickname, setNickname] = useState(member.nickname);
  const [avatarUrl, setAvatarUrl] = useState(member.avatarUrl ?? ''); // h5: typed URL
  const [avatarFile, setAvatarFile] = useState(''); // weapp: temp file from the avatar picker
  const { busy: saving, error } = useProfile((s) => s.update);

  const typedUrl = avatarUrl.trim();
  const avatarChanged = isWeapp ? Boolean(avatarFile) : Boolean(typedUrl) && typedUrl !== member.avatarUrl;
  const preview = avatarFile || (!isWeapp && /^https:\/\/\S+$/.test(typedUrl) ? typedUrl : member.avatarUrl);

  async function submit() {
    if (saving) return;
    if (nickname === member.nickname && !avatarChanged) {
      leave();
      return;
    }
    const saved = await profileStore.getState().save({
      nickname,
      ...(avatarChanged ? (isWeapp ? { avatarFile } : { avatarUrl: typedUrl }) : {}),
    });
    if (!saved) return;
    void Taro.showToast({ title: '已保存', icon: 'success' });
    leave();
  }

  return (
    <View className='profile-card'>
      {isWeapp ? (
        <Button className='profile-avatar-picker' openType='chooseAvatar' onChooseAvatar={(e) => setAvatarFile(e.detail.avatarUrl)}>
          <Avatar src={preview} fallback={nickname} />
          <Text className='profile-hint'>点击更换头像</Text>
        </Button>
      ) : (
        <View className='profile-avatar-row'>
          <Avatar src={preview} fallback={nickname} />
        </View>
      )}

      <View className='profile-field'>
        <Text className='profile-label'>昵称</Text>
        <Input
          className='profile-input nickname-input'
          type={isWeapp ? 'nickname' : 'text'}
          value={nickname}
          maxlength={20}
          placeholder='请输入昵称'
          onInput={(e) => setNickname(e.detail.value)}
          onBlur={(e) => setNickname(e.detail.value)} // weapp: a nickname picked from WeChat arrives only on blur
        />
      </View>

      {!isWeapp && (
        <View className='profile-field'>
          <Text className='profile-label'>头像链接</Text>
          <Input
            className='profile-input avatar-url-input'
            value={avatarUrl}
            placeholder='https://…'
            onInput={(e) => setAvatarUrl(e.detail.value)}
          />
        </View>
      )}

      {error && <Text className='profile-error'>{error.message}</Text>}

      <View className={`profile-save${saving ? ' profile-save--busy' : ''}`} onClick={() => void submit()}>
        {saving ? '保存中…' : '保存'}
      </View>
    </View>
  );
}

const numberOf = (text: string) => (/^\d{1,4}$/.test(text.trim()) ? Number(text.trim()) : NaN);

/**
 * 生日: set once (month and day, the year optional), confirmed in a second step because it cannot be changed here
 * afterwards; once set it is shown with where to change it (a store's staff).
 */
function BirthdaySetting({ birthday }: { birthday: MemberHome['birthday'] }) {
  const { busy, error } = useProfile((s) => s.birthday);
  const [month, setMonth] = useState('');
  const [day, setDay] = useState('');
  const [year, setYear] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [hint, setHint] = useState('');

  const edited = () => {
    setConfirming(false);
    profileStore.getState().editBirthday();
  };

  if (birthday) {
    return (
      <View className='profile-card profile-birthday-card'>
        <Text className='profile-label'>生日</Text>
        <Text className='profile-birthday'>{birthday.year ? `${birthday.year} 年 ` : ''}{birthday.month} 月 {birthday.day} 日</Text>
        <Text className='profile-hint birthday-locked'>生日已设置，如需修改请到门店由工作人员办理</Text>
      </View>
    );
  }

  function ask() {
    const m = numberOf(month);
    const d = numberOf(day);
    if (!(m >= 1 && m <= 12) || !(d >= 1 && d <= 31)) {
      setHint('请填写生日的月和日');
      return;
    }
    setHint('');
    setConfirming(true);
  }

  async function save() {
    if (busy) return;
    const y = year.trim() ? numberOf(year) : undefined;
    const saved = await profileStore.getState().setBirthday({ month: numberOf(month), day: numberOf(day), ...(y !== undefined ? { year: y } : {}) });
    setConfirming(false);
    if (saved) void Taro.showToast({ title: '生日已设置', icon: 'success' });
  }

  const message = hint || error?.message;
  return (
    <View className='profile-card profile-birthday-card'>
      <Text className='profile-label'>生日</Text>
      <Text className='profile-hint'>生日当月可领取等级生日礼；设置后不能自行修改</Text>
      <View className='profile-birthday-row'>
        <Input className='profile-input birthday-month' type='number' value={month} maxlength={2} placeholder='月' onInput={(e) => { setMonth(e.detail.value); edited(); }} />
        <Text className='profile-birthday-unit'>月</Text>
        <Input className='profile-input birthday-day' type='number' value={day} maxlength={2} placeholder='日' onInput={(e) => { setDay(e.detail.value); edited(); }} />
        <Text className='profile-birthday-unit'>日</Text>
        <Input className='profile-input birthday-year' type='number' value={year} maxlength={4} placeholder='年（选填）' onInput={(e) => { setYear(e.detail.value); edited(); }} />
      </View>
      {message && <Text className='profile-phone-error birthday-error'>{message}</Text>}
      {confirming ? (
        <View className='profile-birthday-confirm'>
          <Text className='profile-hint'>确认生日为 {numberOf(month)} 月 {numberOf(day)} 日？设置后不能自行修改</Text>
          <View className='profile-birthday-actions'>
            <View className='birthday-cancel' onClick={() => setConfirming(false)}>再想想</View>
            <View className={`birthday-confirm${busy ? ' profile-save--busy' : ''}`} onClick={() => void save()}>{busy ? '保存中…' : '确认设置'}</View>
          </View>
        </View>
      ) : (
        <View className='birthday-save' onClick={ask}>设置生日</View>
      )}
    </View>
  );
}

const PHONE_PATTERN = /^1\d{10}$/;

/** 绑定手机号: weapp sends the getPhoneNumber button's one-time code; the h5 demo sends the typed number as the code. */
function PhoneBinding() {
  const { busy: binding, error, result } = useProfile((s) => s.phoneBinding);
  const phone = result?.phone ?? null;
  const [typed, setTyped] = useState(''); // h5 only
  const [hint, setHint] = useState(''); // h5 only: a typed number that is not 11 digits

  async function bind(code: string | undefined) {
    const bound = await profileStore.getState().bindPhone(code);
    if (!bound) return;
    setTyped('');
    void Taro.showToast({ title: '已绑定', icon: 'success' });
  }

  function bindTyped() {
    if (binding) return;
    const number = typed.trim();
    if (!PHONE_PATTERN.test(number)) {
      setHint('请输入 11 位手机号');
      return;
    }
    setHint('');
    void bind(number);
  }

  const message = hint || error?.message;
  const label = binding ? '绑定中…' : phone ? '更换手机号' : '绑定手机号';

  return (
    <View className='profile-card profile-phone-card'>
      <Text className='profile-label'>手机号</Text>
      <Text className={`profile-phone${phone ? '' : ' profile-phone--empty'}`}>{phone ?? '未绑定'}</Text>

      {isWeapp ? (
        <Button
          className={`profile-save phone-bind${binding ? ' profile-save--busy' : ''}`}
          openType='getPhoneNumber'
          disabled={binding}
          onGetPhoneNumber={(e) => void bind(e.detail.code)}
        >
          {label}
        </Button>
      ) : (
        <View className='profile-phone-row'>
          <Input
            className='profile-input phone-input'
            type='number'
            value={typed}
            maxlength={11}
            placeholder='请输入 11 位手机号'
            onInput={(e) => { setTyped(e.detail.value); setHint(''); }}
          />
          <View className={`phone-bind${binding ? ' phone-bind--busy' : ''}`} onClick={bindTyped}>
            {binding ? '绑定中…' : '绑定'}
          </View>
        </View>
      )}

      {result && claimedText(result.orders) && <Text className='profile-phone-orders'>{claimedText(result.orders)}</Text>}
      {message && <Text className='profile-phone-error'>{message}</Text>}
    </View>
  );
}

/** What binding did with orders a channel delivered for this number before (member.bindPhone's `orders`). */
function claimedText(o: { credited: number; pointsEarned: number; growthEarned: number; tooLate: number }): string | null {
  const parts = [
    o.credited > 0 ? `已补记此前用该手机号的 ${o.credited} 笔消费：积分 ${formatSigned(o.pointsEarned)}，成长值 ${formatSigned(o.growthEarned)}` : '',
    o.tooLate > 0 ? `${o.tooLate} 笔消费已超过补录期限，未能补记` : '',
  ].filter(Boolean);
  return parts.length ? parts.join('；') : null;
}

export default function ProfileEdit() {
  const { data: home, status, error } = useMember((s) => s.home);

  useLoad(() => {
    profileStore.getState().enter();
    ensureHome();
  });

  return (
    <View className='profile'>
      {home ? (
        <>
          <ProfileForm member={home.member} />
          <BirthdaySetting birthday={home.birthday} />
          <PhoneBinding />
        </>
      ) : status === 'error' && error ? (
        <View className='profile-card'>
          <Text className='profile-error'>{error.message}</Text>
          <View className='profile-save' onClick={ensureHome}>重试</View>
        </View>
      ) : (
        <Text className='profile-hint'>加载中…</Text>
      )}
    </View>
  );
}
