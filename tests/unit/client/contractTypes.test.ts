// The contract at compile time: each @ts-expect-error below is a mistake a page could make. `npm run typecheck`
// (client/tsconfig.json includes this folder) fails if any of them stops being an error, i.e. if the call helper
// ever stops checking the function, the action, the input or the answer.
import { expect, test } from '@jest/globals';
import type { CallFn } from '../../../client/src/services/cloud';

async function pages(call: CallFn) {
  const home = await call('member', 'home');
  const balance: number = home.points.balance;
  // @ts-expect-error an answer field that does not exist
  home.points.balanse;
  // @ts-expect-error a function that does not exist
  await call('members', 'home');
  // @ts-expect-error an action the function does not have
  await call('mall', 'buy', { itemId: 'x', requestId: 'r1234567' });
  // @ts-expect-error an input field the action does not take
  await call('mall', 'redeem', { itemId: 'x', requestId: 'r1234567', openid: 'someone' });
  // @ts-expect-error a required input field missing
  await call('mall', 'redeem', { itemId: 'x' });
  // @ts-expect-error an input field of the wrong type
  await call('member', 'history', { kind: 'coins' });
  const redeemed = await call('mall', 'redeem', { itemId: 'x', requestId: 'r1234567' });
  const replayed: boolean = redeemed.replayed;
  // @ts-expect-error the answer's field has another type
  const code: number = redeemed.voucher?.code ?? 0;
  return { balance, replayed, code };
}

test('the contract types are checked by tsc (this file only needs to compile)', () => {
  expect(typeof pages).toBe('function');
});
