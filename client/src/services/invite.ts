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

// The invite landing page (packages/engage/welcome) is shown once per code, before member.login spends it.
const LANDED_KEY = 'engage.inviteLanded';
export const WELCOME_URL = '/packages/engage/welcome/index';

/** The code waiting for the landing page: pending and not yet shown there (null when none). */
export function inviteToLand(): string | null {
  const code = pendingInviteCode();
  return code && Taro.getStorageSync(LANDED_KEY) !== code ? code : null;
}

/**
 * The landing page showed this code: the card goes on to member.login with it (also when the member just goes back).
 * Kept after the login spent the code: in h5 the code stays in the address (`/?inviteCode=`) and is remembered again
 * on every return to the card, which must not land on the page again. A new identity (切换身份) forgets it.
 */
export function markInviteLanded(code: string): void {
  Taro.setStorageSync(LANDED_KEY, code);
}

export function forgetInviteLanding(): void {
  Taro.removeStorageSync(LANDED_KEY);
}

/** The login input: `{ inviteCode }` once, then nothing. */
export function takeInviteInput(): { inviteCode?: string } {
  const code = Taro.getStorageSync(KEY);
  if (typeof code !== 'string' || !code) return {};
  Taro.removeStorageSync(KEY);
  return { inviteCode: code };
}
