// 编辑资料: save uploads a picked avatar once (a retry reuses it), calls member.updateProfile, then refreshes the card;
// 绑定手机号 keeps the masked number for the session.
import { describe, expect, test } from '@jest/globals';
import { createProfileStore, PHONE_CANCELLED } from '../../../client/src/packages/profile/store';
import { deferred, fakeCall, refusal, type Handlers } from './fakes';
import { profileMember } from './fixtures';

function setup(updateProfile: NonNullable<NonNullable<Handlers['member']>['updateProfile']>) {
  const uploads: string[] = [];
  let refreshed = 0;
  // A number ending in 9 had two orders waiting for it (delivered by a channel before it was bound).
  const orders = (code: string) => (code.endsWith('9') ? { credited: 2, pointsEarned: 1300, growthEarned: 540, tooLate: 1 } : { credited: 0, pointsEarned: 0, growthEarned: 0, tooLate: 0 });
  const fake = fakeCall({ member: { updateProfile, bindPhone: (input) => ({ phone: `${input.code.slice(0, 3)}****${input.code.slice(-4)}`, changed: true, orders: orders(input.code) }) } });
  const store = createProfileStore(fake.call, async (file) => { uploads.push(file); return `cloud://env/avatars/${uploads.length}.png`; }, async () => { refreshed += 1; });
  return { fake, store, uploads, refreshed: () => refreshed };
}

describe('profile store', () => {
  test('saves the nickname and a typed avatar URL, then refreshes the member card', async () => {
    const { fake, store, refreshed } = setup((input) => profileMember(input.nickname ?? '', input.avatarUrl ?? null));
    const saved = await store.getState().save({ nickname: '新昵称', avatarUrl: 'https://example.com/a.png' });
    expect(saved).toEqual(profileMember('新昵称', 'https://example.com/a.png').member);
    expect(fake.inputs('member.updateProfile')).toEqual([{ nickname: '新昵称', avatarUrl: 'https://example.com/a.png' }]);
    expect(refreshed()).toBe(1);
    expect(store.getState().update).toMatchObject({ busy: false, error: null });
  });

  test('a refused nickname shows the error; the retry reuses the avatar already uploaded', async () => {
    const { fake, store, uploads, refreshed } = setup((input, n) => {
      if (n === 0) throw refusal('INVALID_INPUT', '昵称包含不允许的内容');
      return profileMember(input.nickname ?? '', input.avatarUrl ?? null);
    });
    await expect(store.getState().save({ nickname: '坏昵称', avatarFile: 'wxfile://tmp/1.png' })).resolves.toBeNull();
    expect(store.getState().update.error).toEqual({ code: 'INVALID_INPUT', message: '昵称包含不允许的内容' });
    expect(refreshed()).toBe(0);
    await store.getState().save({ nickname: '好昵称', avatarFile: 'wxfile://tmp/1.png' });
    expect(uploads).toEqual(['wxfile://tmp/1.png']);
    expect(fake.inputs('member.updateProfile').map((i) => i.avatarUrl)).toEqual(['cloud://env/avatars/1.png', 'cloud://env/avatars/1.png']);
    // The page opens again: a new pick is uploaded again.
    store.getState().enter();
    await store.getState().save({ nickname: '好昵称', avatarFile: 'wxfile://tmp/1.png' });
    expect(uploads).toHaveLength(2);
  });

  test('one save at a time', async () => {
    const held = deferred<ReturnType<typeof profileMember>>();
    const { fake, store } = setup(() => held.promise);
    const first = store.getState().save({ nickname: 'A' });
    await expect(store.getState().save({ nickname: 'B' })).resolves.toBeNull();
    held.resolve(profileMember('A'));
    await first;
    expect(fake.count('member.updateProfile')).toBe(1);
  });

  test('binding the phone keeps the masked number; no code means the user declined; a reset forgets the number', async () => {
    const { fake, store } = setup(() => profileMember('x'));
    await expect(store.getState().bindPhone(undefined)).resolves.toBeNull();
    expect(store.getState().phoneBinding.error).toEqual(PHONE_CANCELLED);
    expect(fake.count('member.bindPhone')).toBe(0);
    await expect(store.getState().bindPhone('13800138000')).resolves.toBe('138****8000');
    store.getState().enter();
    expect(store.getState().phoneBinding).toEqual({ busy: false, error: null, result: { phone: '138****8000', changed: true, orders: { credited: 0, pointsEarned: 0, growthEarned: 0, tooLate: 0 } } });
    store.getState().reset();
    expect(store.getState().phoneBinding.result).toBeNull();
  });

  test('orders credited by the binding refresh the member card; none, no refresh', async () => {
    const { store, refreshed } = setup(() => profileMember('x'));
    await store.getState().bindPhone('13800138000');
    expect(refreshed()).toBe(0);
    await store.getState().bindPhone('13800138009');
    expect(store.getState().phoneBinding.result?.orders).toEqual({ credited: 2, pointsEarned: 1300, growthEarned: 540, tooLate: 1 });
    expect(refreshed()).toBe(1);
  });
});
