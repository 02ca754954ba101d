import Taro from '@tarojs/taro';

// The device code staff writes carry into the audit trail: random, made once per installation, kept in storage.
const STORAGE_KEY = 'membership.device';

export function deviceCode(): string {
  const kept = Taro.getStorageSync(STORAGE_KEY);
  if (typeof kept === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(kept)) return kept;
  const made = `d${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
  Taro.setStorageSync(STORAGE_KEY, made);
  return made;
}
