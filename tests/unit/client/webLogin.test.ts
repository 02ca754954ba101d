// The web console's sign-in page store: a QR code (weblogin.open) watched by polling weblogin.status; an expired or
// used code is replaced by itself; a confirmation's ticket signs the SDK in once and the page is done; and the small
// rules around it (how the browser is described, which request a scanned code names).
import { describe, expect, test } from '@jest/globals';
import { createWebLoginStore } from '../../../client/src/packages/admin/web-login-store';
import { describeBrowser } from '../../../client/src/packages/admin/web-login/browser';
import { loginIdFrom } from '../../../client/src/packages/admin/web-confirm/login-param';
import { fakeCall } from './fakes';

const ID = (n: number) => `wl_${String(n).padStart(22, 'A')}`;
const at = (ms: number) => new Date(ms).toISOString();

describe('web login store', () => {
  test('opens a code, polls it, replaces an expired one, and signs in once with the ticket of a confirmation', async () => {
    let clock = 1_000_000;
    const statuses: Array<'pending' | 'expired' | 'confirmed'> = ['pending', 'expired', 'pending', 'confirmed'];
    const fake = fakeCall({
      weblogin: {
        open: (_input, n) => ({ loginId: ID(n + 1), expiresAt: at(clock + 120_000), replayed: false }),
        status: (_input, n) => {
          const status = statuses[n];
          return {
            status, expiresAt: at(clock + 120_000), ticket: status === 'confirmed' ? 'key/@@/jwt' : null,
            staff: status === 'confirmed' ? { name: '运营 陈晨', role: 'operator', roleName: '运营', storeName: null } : null,
          };
        },
      },
    });
    const tickets: string[] = [];
    const store = createWebLoginStore({ call: fake.call, signIn: async (t) => void tickets.push(t), browser: () => 'Chrome 120 · Windows', now: () => clock });
    await store.getState().start();
    expect(store.getState()).toMatchObject({ phase: 'waiting', loginId: ID(1), shown: 1 });
    expect(fake.inputs('weblogin.open')[0]).toMatchObject({ browser: 'Chrome 120 · Windows', requestId: expect.stringMatching(/^wl/) });
    await store.getState().poll(); // pending
    await store.getState().poll(); // expired: a new code
    expect(store.getState()).toMatchObject({ phase: 'waiting', loginId: ID(2), shown: 2 });
    clock += 121_000; // past the code's time: replaced without asking
    await store.getState().poll();
    expect(store.getState()).toMatchObject({ loginId: ID(3), shown: 3 });
    await store.getState().poll(); // pending
    await store.getState().poll(); // confirmed
    expect(tickets).toEqual(['key/@@/jwt']);
    expect(store.getState()).toMatchObject({ phase: 'done', who: { name: '运营 陈晨', roleName: '运营' } });
    await store.getState().poll();
    expect(fake.count('weblogin.status')).toBe(4);
  });

  test('a failed sign-in says so and shows a new code', async () => {
    const fake = fakeCall({
      weblogin: {
        open: (_input, n) => ({ loginId: ID(n + 1), expiresAt: at(Date.now() + 120_000), replayed: false }),
        status: () => ({ status: 'confirmed', expiresAt: at(Date.now() + 120_000), ticket: 'key/@@/jwt', staff: { name: '店长', role: 'manager', roleName: '店长', storeName: '旗舰店' } }),
      },
    });
    const store = createWebLoginStore({ call: fake.call, signIn: async () => { throw new Error('refused'); }, browser: () => 'Safari 17 · macOS' });
    await store.getState().start();
    await store.getState().poll();
    expect(store.getState()).toMatchObject({ phase: 'waiting', loginId: ID(2), error: '登录失败：出了点问题，请稍后重试，请重新扫码' });
  });
});

test('the browser as the confirm page shows it', () => {
  expect(describeBrowser('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36')).toBe('Chrome 120 · Windows');
  expect(describeBrowser('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91')).toBe('Edge 120 · Windows');
  expect(describeBrowser('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15')).toBe('Safari 17 · macOS');
  expect(describeBrowser('Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0')).toBe('Firefox 121 · Linux');
  expect(describeBrowser('curl/8.0')).toBe('浏览器');
});

test('the request a scanned code names: `login`, or inside the code\'s address (q, scanned)', () => {
  const id = ID(7);
  expect(loginIdFrom({ login: id })).toBe(id);
  expect(loginIdFrom({ q: encodeURIComponent(`https://console.example.com/weblogin?login=${id}`) })).toBe(id);
  expect(loginIdFrom({ scanned: encodeURIComponent(`https://console.example.com/weblogin?login=${id}&x=1`) })).toBe(id);
  expect(loginIdFrom({ login: 'wl_short' })).toBeNull();
  expect(loginIdFrom({ q: encodeURIComponent('https://evil.example.com/?login=nope') })).toBeNull();
  expect(loginIdFrom({})).toBeNull();
});
