// services/cloud.ts `call` on the weapp path (Taro.cloud.callFunction, stubbed): the action and its input go out as
// one event, `data` comes back, a refusal is a CloudError with its code, a failed transport is NETWORK.
import { afterEach, describe, expect, test } from '@jest/globals';
import Taro from '@tarojs/taro';
import { call, CloudError } from '../../../client/src/services/cloud';

type CallFunction = (options: { name: string; data: object }) => Promise<{ result: unknown }>;
const cloud = (Taro as unknown as { cloud: { callFunction: CallFunction } }).cloud;
const original = cloud.callFunction;
afterEach(() => { cloud.callFunction = original; });

const answering = (result: unknown, sent: Array<{ name: string; data: object }> = []) => {
  cloud.callFunction = (options) => { sent.push(options); return Promise.resolve({ result }); };
  return sent;
};

describe('call', () => {
  test('sends the action with its input and resolves with data', async () => {
    const sent = answering({ ok: true, data: { items: [], nextCursor: null } });
    await expect(call('member', 'history', { kind: 'points', cursor: '12' })).resolves.toEqual({ items: [], nextCursor: null });
    expect(sent).toEqual([{ name: 'member', data: { action: 'history', kind: 'points', cursor: '12' } }]);
    answering({ ok: true, data: { phone: '138****8000', changed: true, orders: { credited: 0, pointsEarned: 0, growthEarned: 0, tooLate: 0 } } }, sent);
    await call('member', 'bindPhone', { code: 'abc' });
    expect(sent[1]).toEqual({ name: 'member', data: { action: 'bindPhone', code: 'abc' } });
  });

  test('a refusal rejects with its code and message', async () => {
    answering({ ok: false, error: { code: 'INSUFFICIENT_POINTS', message: '积分不足' } });
    const err = await call('mall', 'redeem', { itemId: 'coffee', requestId: 'r12345678' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CloudError);
    expect(err).toMatchObject({ code: 'INSUFFICIENT_POINTS', message: '积分不足' });
  });

  test('a failed transport or an answer that is no envelope is NETWORK', async () => {
    cloud.callFunction = () => Promise.reject(new Error('timeout'));
    await expect(call('member', 'home')).rejects.toMatchObject({ code: 'NETWORK', message: '网络异常，请稍后重试' });
    answering('<html>');
    await expect(call('member', 'home')).rejects.toMatchObject({ code: 'NETWORK' });
  });
});
