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
