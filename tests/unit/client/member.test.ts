// The member card store: member.login once per session (with the invite code), then member.home; a reset (identity
// switch) logs in again and drops answers meant for the previous identity.
import { describe, expect, test } from '@jest/globals';
import { createMemberStore } from '../../../client/src/store/member';
import { deferred, fakeCall, refusal } from './fakes';
import { homeAnswer, loginAnswer } from './fixtures';

describe('member store', () => {
  test('logs in once per session, then loads the card on every loadHome', async () => {
    const fake = fakeCall({ member: { login: () => loginAnswer(), home: (_input, n) => homeAnswer(n === 0 ? '小明' : '小明明') } });
    let invites = 0;
    const store = createMemberStore(fake.call, () => (invites++ === 0 ? { inviteCode: 'ABCD1234' } : {}));
    await Promise.all([store.getState().loadHome(), store.getState().loadHome()]);
    expect(fake.count('member.login')).toBe(1);
    expect(fake.inputs('member.login')).toEqual([{ inviteCode: 'ABCD1234' }]);
    expect(fake.count('member.home')).toBe(1); // the two concurrent loads shared one request
    expect(store.getState().home).toEqual({ data: homeAnswer('小明'), status: 'ready', error: null });

    await store.getState().loadHome();
    expect(fake.count('member.login')).toBe(1);
    expect(fake.count('member.home')).toBe(2);
    expect(store.getState().home.data?.member.nickname).toBe('小明明');

    await store.getState().reloadHome();
    expect(fake.count('member.home')).toBe(3);
  });

  test('a failed login shows its error, and the next load logs in again', async () => {
    const fake = fakeCall({
      member: {
        login: (_input, n) => { if (n === 0) throw refusal('NETWORK', '网络异常，请稍后重试'); return loginAnswer(); },
        home: () => homeAnswer(),
      },
    });
    const store = createMemberStore(fake.call, () => ({}));
    await store.getState().loadHome();
    expect(store.getState().home).toEqual({ data: null, status: 'error', error: { code: 'NETWORK', message: '网络异常，请稍后重试' } });
    expect(fake.count('member.home')).toBe(0);
    await store.getState().loadHome();
    expect(fake.count('member.login')).toBe(2);
    expect(store.getState().home.status).toBe('ready');
  });

  test('a reset logs in again and drops the card of the previous identity', async () => {
    const held = deferred<ReturnType<typeof homeAnswer>>();
    const fake = fakeCall({ member: { login: () => loginAnswer(), home: (_input, n) => (n === 0 ? held.promise : homeAnswer('新身份')) } });
    const store = createMemberStore(fake.call, () => ({}));
    const old = store.getState().loadHome();
    await new Promise((resolve) => setTimeout(resolve, 0)); // login answered, member.home on its way
    expect(fake.count('member.home')).toBe(1);
    store.getState().reset();
    expect(store.getState().home.status).toBe('idle');
    await store.getState().loadHome();
    expect(fake.count('member.login')).toBe(2);
    held.resolve(homeAnswer('旧身份'));
    await old;
    expect(store.getState().home.data?.member.nickname).toBe('新身份');
  });
});
