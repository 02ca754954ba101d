import Taro from '@tarojs/taro';

// The invite code a new member arrived with (share path `?inviteCode=`), kept until member.login has sent it once.
const KEY = 'engage.inviteCode';
const CODE = /^[A-Za-z0-9]{4,16}$/;

export function rememberInviteCode(code: unknown): void {
  if (typeof code === 'string' && CODE.test(code)) Taro.setStorageSync(KEY, code.toUpperCase());
}

/** In h5 the code may sit in the page URL's query (`/?inviteCode=` or `#/pages/index/index?inviteCode=`). */
export function rememberInviteFromLocation(): void {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return;
  const { search, hash } = window.location;
  const query = new URLSearchParams(search || (hash.includes('?') ? hash.slice(hash.indexOf('?')) : ''));
  rememberInviteCode(query.get('inviteCode') ?? (hash.includes('?') ? new URLSearchParams(hash.slice(hash.indexOf('?'))).get('inviteCode') : null));
}

/** The invite code waiting for the next member.login, if any (left in place). */
export function pendingInviteCode(): string | null {
  const code = Taro.getStorageSync(KEY);
  return typeof code === 'string' && code ? code : null;
}

/** The login input: `{ inviteCode }` once, then nothing. */
export function takeInviteInput(): { inviteCode?: string } {
  const code = Taro.getStorageSync(KEY);
  if (typeof code !== 'string' || !code) return {};
  Taro.removeStorageSync(KEY);
  return { inviteCode: code };
}
