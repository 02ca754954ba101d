// Engagement slices: check-in and task claims run as one action at a time, keep their answer and reload the view;
// a refused claim shows its error over the view.
import { describe, expect, test } from '@jest/globals';
import { createCheckinStore, createReferralStore, createTasksStore } from '../../../client/src/store/engage';
import { deferred, fakeCall, refusal } from './fakes';
import { calendarAnswer, checkinAnswer, claimAnswer, taskListAnswer } from './fixtures';

describe('check-in store', () => {
  test('checking in keeps the answer and reloads the calendar', async () => {
    let checked = false;
    const fake = fakeCall({ checkin: { calendar: () => calendarAnswer(checked), checkin: () => { checked = true; return checkinAnswer(); } } });
    const store = createCheckinStore(fake.call);
    await store.getState().load();
    expect(store.getState().view.data?.checkedToday).toBe(false);
    await store.getState().checkin();
    expect(store.getState().action).toEqual({ busy: false, error: null, result: checkinAnswer() });
    expect(fake.count('checkin.calendar')).toBe(2);
    expect(store.getState().view).toEqual({ data: calendarAnswer(true), status: 'ready', error: null });
  });

  test('a second tap while checking in sends nothing; a reload after it is fresh, not the load already under way', async () => {
    const held = deferred<ReturnType<typeof checkinAnswer>>();
    let checked = false;
    const fake = fakeCall({ checkin: { calendar: () => calendarAnswer(checked), checkin: () => held.promise } });
    const store = createCheckinStore(fake.call);
    await store.getState().load();
    const running = store.getState().checkin();
    expect(store.getState().action.busy).toBe(true);
    const second = store.getState().checkin();
    expect(fake.count('checkin.checkin')).toBe(1);
    await second;
    checked = true;
    held.resolve(checkinAnswer());
    await running;
    expect(store.getState().view.data?.checkedToday).toBe(true);
  });

  test('a make-up day goes through the same action', async () => {
    const fake = fakeCall({
      checkin: { calendar: () => calendarAnswer(false), makeUp: (input) => { if (input.day === '2026-06-01') throw refusal('INSUFFICIENT_POINTS', '积分不足'); return { ...checkinAnswer(), pointsSpent: 20 }; } },
    });
    const store = createCheckinStore(fake.call);
    await store.getState().load();
    await store.getState().makeUp('2026-06-01');
    expect(store.getState().action.error).toEqual({ code: 'INSUFFICIENT_POINTS', message: '积分不足' });
    await store.getState().makeUp('2026-06-08');
    expect(fake.inputs('checkin.makeUp')).toEqual([{ day: '2026-06-01' }, { day: '2026-06-08' }]);
    expect(store.getState().action.result).toMatchObject({ pointsSpent: 20 });
  });
});

describe('tasks store', () => {
  test('claiming keeps the answer and reloads the list; a refused claim shows its error and keeps the list', async () => {
    let claimed = false;
    const fake = fakeCall({
      task: {
        list: () => taskListAnswer(claimed ? 'claimed' : 'claimable'),
        claim: (_input, n) => { if (n === 0) throw refusal('CONFLICT', '操作冲突，请稍后重试'); claimed = true; return claimAnswer(); },
      },
    });
    const store = createTasksStore(fake.call);
    await store.getState().load();
    await store.getState().claim('first-order');
    expect(store.getState().action.error?.code).toBe('CONFLICT');
    expect(store.getState().view.data?.tasks[0].status).toBe('claimable');
    await store.getState().claim('first-order');
    expect(store.getState().action).toEqual({ busy: false, error: null, result: claimAnswer() });
    expect(store.getState().view.data?.tasks[0].status).toBe('claimed');
    expect(fake.inputs('task.claim')).toEqual([{ taskId: 'first-order' }, { taskId: 'first-order' }]);
    expect(fake.count('task.list')).toBe(3);
  });

  test('a refused report changes nothing the member sees, and the list reloads', async () => {
    const fake = fakeCall({ task: { list: () => taskListAnswer('claimable'), report: () => { throw refusal('RATE_LIMITED', '操作太频繁'); } } });
    const store = createTasksStore(fake.call);
    await store.getState().load();
    await store.getState().report('share');
    expect(fake.inputs('task.report')).toEqual([{ source: 'share' }]);
    expect(store.getState().action.error).toBeNull();
    expect(fake.count('task.list')).toBe(2);
  });
});

describe('referral store', () => {
  test('a reset drops the answer of the previous identity', async () => {
    const held = deferred<never>();
    const fake = fakeCall({ referral: { info: () => held.promise } });
    const store = createReferralStore(fake.call);
    const loading = store.getState().load();
    store.getState().reset();
    held.reject(refusal('NOT_FOUND', '会员不存在'));
    await loading;
    expect(store.getState().view).toEqual({ data: null, status: 'idle', error: null });
  });
});
