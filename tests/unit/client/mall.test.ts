// The mall store: one request id per confirmation (reused after an uncertain failure, new after an answer or a
// definite refusal), the list by category, redemptions and cancelling one.
import { describe, expect, test } from '@jest/globals';
import { createMallStore } from '../../../client/src/packages/mall/store';
import { deferred, fakeCall, refusal } from './fakes';
import { cancelAnswer, mallListAnswer, redeemAnswer, redemptionView } from './fixtures';

const coffee = { itemId: 'coffee', quantity: 1 };

/** mall.redeem answers from a script: an error code to refuse with, or 'ok'. */
function redeemScript(outcomes: string[]) {
  return fakeCall({
    mall: {
      redeem: (input, n) => {
        const outcome = outcomes[n] ?? 'ok';
        if (outcome !== 'ok') throw refusal(outcome, outcome === 'NETWORK' ? '网络异常，请稍后重试' : '积分不足');
        return redeemAnswer(input.requestId);
      },
    },
  });
}

describe('mall store', () => {
  test('a retry after an uncertain failure reuses the request id, so the server can answer the first result', async () => {
    const fake = redeemScript(['NETWORK', 'INTERNAL', 'ok']);
    const store = createMallStore(fake.call);
    await expect(store.getState().redeem(coffee)).resolves.toBeNull();
    expect(store.getState().redemption.error).toEqual({ code: 'NETWORK', message: '网络异常，请稍后重试' });
    await store.getState().redeem(coffee);
    const result = await store.getState().redeem(coffee);
    const [first, second, third] = fake.inputs('mall.redeem').map((i) => i.requestId);
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(result?.redemptionId).toBe(`rd-${first}`);
    expect(store.getState().redemption).toEqual({ busy: false, error: null, result });
    // The confirmation is over: redeeming the same item again is a new redemption.
    await store.getState().redeem(coffee);
    expect(fake.inputs('mall.redeem')[3].requestId).not.toBe(first);
  });

  test('a definite refusal ends the confirmation: the next attempt has a new request id', async () => {
    const fake = redeemScript(['INSUFFICIENT_POINTS', 'ok']);
    const store = createMallStore(fake.call);
    await store.getState().redeem(coffee);
    expect(store.getState().redemption.error?.code).toBe('INSUFFICIENT_POINTS');
    await store.getState().redeem(coffee);
    const [first, second] = fake.inputs('mall.redeem').map((i) => i.requestId);
    expect(second).not.toBe(first);
  });

  test('another confirmation (a different quantity) gets its own request id; a second tap while redeeming sends nothing', async () => {
    const held = deferred<ReturnType<typeof redeemAnswer>>();
    const fake = fakeCall({ mall: { redeem: (input, n) => (n === 0 ? Promise.reject(refusal('NETWORK', '网络异常')) : n === 1 ? held.promise : redeemAnswer(input.requestId)) } });
    const store = createMallStore(fake.call);
    await store.getState().redeem(coffee);
    const running = store.getState().redeem({ itemId: 'coffee', quantity: 2 });
    await expect(store.getState().redeem({ itemId: 'coffee', quantity: 2 })).resolves.toBeNull();
    expect(fake.count('mall.redeem')).toBe(2);
    held.resolve(redeemAnswer('x'));
    await running;
    const [first, second] = fake.inputs('mall.redeem').map((i) => i.requestId);
    expect(second).not.toBe(first);
    expect(fake.inputs('mall.redeem')[1]).toMatchObject({ itemId: 'coffee', quantity: 2 });
  });

  test('a session reset forgets the pending confirmation', async () => {
    const fake = redeemScript(['NETWORK', 'ok']);
    const store = createMallStore(fake.call);
    await store.getState().redeem(coffee);
    store.getState().reset();
    await store.getState().redeem(coffee);
    const [first, second] = fake.inputs('mall.redeem').map((i) => i.requestId);
    expect(second).not.toBe(first);
  });

  test('the list follows the category last asked for', async () => {
    const held = deferred<ReturnType<typeof mallListAnswer>>();
    const fake = fakeCall({ mall: { list: (input) => (input.category === '生活' ? held.promise : mallListAnswer(input.category ?? undefined)) } });
    const store = createMallStore(fake.call);
    await store.getState().loadList();
    expect(fake.inputs('mall.list')).toEqual([{}]);
    const slow = store.getState().loadList('生活');
    await store.getState().loadList(null); // back to 全部 before 生活 answered
    held.resolve(mallListAnswer('生活'));
    await slow;
    expect(store.getState().category).toBeNull();
    expect(store.getState().list.data?.items[0].id).toBe('coffee');
    await store.getState().loadList('生活');
    expect(fake.inputs('mall.list').at(-1)).toEqual({ category: '生活' });
  });

  test('cancelling a redemption reloads the redemptions; a refusal shows its error until the page loads again', async () => {
    let cancelled = false;
    const fake = fakeCall({
      mall: {
        myRedemptions: () => ({ items: [redemptionView('rd-0001', cancelled ? 'cancelled' : 'issued')], nextCursor: null }),
        cancel: (input, n) => {
          if (n === 0) throw refusal('NOT_ELIGIBLE', '已超过可取消时间');
          cancelled = true;
          return cancelAnswer(input.redemptionId);
        },
      },
    });
    const store = createMallStore(fake.call);
    await store.getState().loadRedemptions();
    expect(fake.inputs('mall.myRedemptions')).toEqual([{ status: 'toUse', pageSize: 20 }]);
    await expect(store.getState().cancel('rd-0001')).resolves.toBe(false);
    expect(store.getState().cancellation.error?.message).toBe('已超过可取消时间');
    expect(fake.count('mall.myRedemptions')).toBe(1);
    await store.getState().loadRedemptions();
    expect(store.getState().cancellation.error).toBeNull();
    await expect(store.getState().cancel('rd-0001')).resolves.toBe(true);
    expect(fake.count('mall.myRedemptions')).toBe(3);
    expect(store.getState().redemptions.data?.items[0].status).toBe('cancelled');
  });
});
