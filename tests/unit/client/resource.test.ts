// The resource helper behind every store: shared loads, stale answers dropped after a reset, errors, reload; and the
// action runner: busy, its error, its result, dropped answers after a reset.
import { describe, expect, test } from '@jest/globals';
import { createStore } from 'zustand/vanilla';
import { createAction, ready, type ActionSlot } from '../../../client/src/store/action';
import { createResource, field, idle, type Slot } from '../../../client/src/store/resource';
import { deferred, refusal } from './fakes';

interface State { item: Slot<string>; save: ActionSlot<number> }
const makeStore = () => createStore<State>()(() => ({ item: idle<string>(), save: ready<number>() }));

/** A fetch whose answers the test hands out one by one, recording the parameter of each request. */
function controlledFetch<P = void>() {
  const requests: Array<{ param: P; answer: ReturnType<typeof deferred<string>> }> = [];
  const fetch = (param: P) => {
    const answer = deferred<string>();
    requests.push({ param, answer });
    return answer.promise;
  };
  return { fetch, requests };
}

describe('createResource', () => {
  test('concurrent loads with the same parameter share one request', async () => {
    const store = makeStore();
    const { fetch, requests } = controlledFetch();
    const item = createResource(field(store, 'item'), fetch);
    const first = item.load();
    const second = item.load();
    expect(second).toBe(first);
    expect(requests).toHaveLength(1);
    expect(store.getState().item).toEqual({ data: null, status: 'loading', error: null });
    requests[0].answer.resolve('one');
    await first;
    expect(store.getState().item).toEqual({ data: 'one', status: 'ready', error: null });
    // Once settled, the next load asks again; the value stays shown meanwhile.
    const third = item.load();
    expect(requests).toHaveLength(2);
    expect(store.getState().item).toEqual({ data: 'one', status: 'loading', error: null });
    requests[1].answer.resolve('two');
    await third;
    expect(store.getState().item.data).toBe('two');
  });

  test('a load with another parameter supersedes the one under way: its late answer is dropped', async () => {
    const store = makeStore();
    const { fetch, requests } = controlledFetch<string>();
    const item = createResource(field(store, 'item'), fetch);
    const a = item.load('a');
    const b = item.load('b');
    expect(requests.map((r) => r.param)).toEqual(['a', 'b']);
    requests[1].answer.resolve('B');
    await b;
    requests[0].answer.resolve('A');
    await a;
    expect(store.getState().item).toEqual({ data: 'B', status: 'ready', error: null });
  });

  test('answers and errors that arrive after a reset are dropped', async () => {
    const store = makeStore();
    const { fetch, requests } = controlledFetch();
    const item = createResource(field(store, 'item'), fetch);
    const old = item.load();
    item.reset();
    expect(store.getState().item).toEqual(idle());
    // After the reset a new load is a new request, not the old one.
    const fresh = item.load();
    expect(requests).toHaveLength(2);
    requests[0].answer.resolve('previous identity');
    await old;
    expect(store.getState().item.status).toBe('loading');
    requests[1].answer.resolve('new identity');
    await fresh;
    expect(store.getState().item.data).toBe('new identity');

    const failing = item.reload();
    item.reset();
    requests[2].answer.reject(refusal('INTERNAL', '服务繁忙'));
    await failing;
    expect(store.getState().item).toEqual(idle());
  });

  test('an error lands in `error` as a StoreError, and the value shown before stays', async () => {
    const store = makeStore();
    const { fetch, requests } = controlledFetch();
    const item = createResource(field(store, 'item'), fetch);
    const first = item.load();
    requests[0].answer.resolve('one');
    await first;
    const second = item.load();
    requests[1].answer.reject(refusal('NOT_FOUND', '会员不存在'));
    await expect(second).resolves.toBeUndefined();
    expect(store.getState().item).toEqual({ data: 'one', status: 'error', error: { code: 'NOT_FOUND', message: '会员不存在' } });
    // Anything that is not a CloudError becomes UNKNOWN with a Chinese message.
    const third = item.load();
    requests[2].answer.reject(new TypeError('boom'));
    await third;
    expect(store.getState().item.error).toEqual({ code: 'UNKNOWN', message: '出了点问题，请稍后重试' });
  });

  test('reload retries with the last parameter after an error, and is always a fresh request', async () => {
    const store = makeStore();
    const { fetch, requests } = controlledFetch<string>();
    const item = createResource(field(store, 'item'), fetch);
    const first = item.load('2026-06');
    requests[0].answer.reject(refusal('NETWORK', '网络异常，请稍后重试'));
    await first;
    expect(store.getState().item.status).toBe('error');
    const retry = item.reload();
    expect(store.getState().item).toEqual({ data: null, status: 'loading', error: null });
    expect(requests[1].param).toBe('2026-06');
    // A reload while a load is under way does not share it (the value may have changed since it was asked).
    const again = item.reload();
    expect(requests).toHaveLength(3);
    requests[2].answer.resolve('fresh');
    requests[1].answer.resolve('older');
    await Promise.all([retry, again]);
    expect(store.getState().item).toEqual({ data: 'fresh', status: 'ready', error: null });
  });

  test('reload does nothing before the first load, or after a reset', async () => {
    const store = makeStore();
    const { fetch, requests } = controlledFetch();
    const item = createResource(field(store, 'item'), fetch);
    await item.reload();
    expect(requests).toHaveLength(0);
    const first = item.load();
    requests[0].answer.resolve('x');
    await first;
    item.reset();
    await item.reload();
    expect(requests).toHaveLength(1);
    expect(store.getState().item.status).toBe('idle');
  });
});

describe('createAction', () => {
  test('busy while it runs; a second run meanwhile is ignored; the answer lands in result', async () => {
    const store = makeStore();
    const save = createAction(field(store, 'save'));
    const answer = deferred<number>();
    const done: number[] = [];
    const running = save.run(() => answer.promise, (n) => done.push(n));
    expect(store.getState().save).toEqual({ busy: true, error: null, result: null });
    let ranAgain = false;
    await expect(save.run(async () => { ranAgain = true; return 2; })).resolves.toBeNull();
    expect(ranAgain).toBe(false);
    answer.resolve(1);
    await expect(running).resolves.toBe(1);
    expect(store.getState().save).toEqual({ busy: false, error: null, result: 1 });
    expect(done).toEqual([1]);
  });

  test('a failure lands in error and resolves null; the previous result stays unless the action is fresh', async () => {
    const store = makeStore();
    const save = createAction(field(store, 'save'));
    await save.run(async () => 1);
    await expect(save.run(() => Promise.reject(refusal('CONFLICT', '请重试')))).resolves.toBeNull();
    expect(store.getState().save).toEqual({ busy: false, error: { code: 'CONFLICT', message: '请重试' }, result: 1 });
    save.clearError();
    expect(store.getState().save.error).toBeNull();

    const freshStore = makeStore();
    const fresh = createAction(field(freshStore, 'save'), { fresh: true });
    await fresh.run(async () => 1);
    const next = deferred<number>();
    const running = fresh.run(() => next.promise);
    expect(freshStore.getState().save.result).toBeNull();
    next.reject(refusal('NOT_FOUND', '不存在'));
    await running;
    expect(freshStore.getState().save).toEqual({ busy: false, error: { code: 'NOT_FOUND', message: '不存在' }, result: null });
  });

  test('an answer or error that arrives after a reset is dropped', async () => {
    const store = makeStore();
    const save = createAction(field(store, 'save'));
    const answer = deferred<number>();
    const done: number[] = [];
    const running = save.run(() => answer.promise, (n) => done.push(n));
    save.reset();
    expect(store.getState().save).toEqual(ready());
    answer.resolve(7);
    await expect(running).resolves.toBeNull();
    expect(store.getState().save).toEqual(ready());
    expect(done).toEqual([]);

    const failing = deferred<number>();
    const run2 = save.run(() => failing.promise);
    save.reset();
    failing.reject(refusal('INTERNAL', 'x'));
    await run2;
    expect(store.getState().save.error).toBeNull();
  });
});
