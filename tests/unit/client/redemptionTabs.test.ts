// 我的兑换's tabs and paging in the mall store: each tab asks the server for its own status, 加载更多 appends the next
// page of the tab shown, and a page that arrives after a tab switch is not appended to the other tab's list.
import { describe, expect, test } from '@jest/globals';
import { createMallStore } from '../../../client/src/packages/mall/store';
import { createMonthStore } from '../../../client/src/store/engage';
import { deferred, fakeCall } from './fakes';
import { calendarAnswer, redemptionView } from './fixtures';

describe('mall store: redemption tabs', () => {
  test('a tab loads its status; 加载更多 appends the next page; a late page after a switch is dropped', async () => {
    const late = deferred<void>();
    const fake = fakeCall({
      mall: {
        myRedemptions: async (input) => {
          if (input.status === 'toUse' && !input.cursor) return { items: [redemptionView('rd-0001', 'issued')], nextCursor: '111' };
          if (input.status === 'toUse' && input.cursor === '111') {
            await late.promise;
            return { items: [redemptionView('rd-0002', 'issued')], nextCursor: null };
          }
          return { items: [redemptionView('rd-0009', 'cancelled')], nextCursor: null };
        },
      },
    });
    const store = createMallStore(fake.call);
    await store.getState().loadRedemptions();
    expect(store.getState().redemptionTab).toBe('toUse');
    expect(store.getState().redemptions.data?.items.map((r) => r.id)).toEqual(['rd-0001']);

    // 加载更多, then the member switches to 已取消 before the page arrives.
    const more = store.getState().loadMoreRedemptions();
    await store.getState().loadRedemptions('closed');
    late.resolve();
    await more;
    expect(store.getState().redemptionTab).toBe('closed');
    expect(store.getState().redemptions.data?.items.map((r) => r.id)).toEqual(['rd-0009']);
    expect(fake.inputs('mall.myRedemptions')).toEqual([
      { status: 'toUse', pageSize: 20 },
      { status: 'toUse', cursor: '111', pageSize: 20 },
      { status: 'closed', pageSize: 20 },
    ]);

    // Back on 待使用: its next page is appended.
    await store.getState().loadRedemptions('toUse');
    await store.getState().loadMoreRedemptions();
    expect(store.getState().redemptions.data).toMatchObject({ nextCursor: null });
    expect(store.getState().redemptions.data?.items.map((r) => r.id)).toEqual(['rd-0001', 'rd-0002']);
    await store.getState().loadMoreRedemptions(); // no next page: nothing asked
    expect(fake.count('mall.myRedemptions')).toBe(5);
  });
});

describe('check-in calendar: an earlier month', () => {
  test('asks checkin.calendar for that month; the answer of a month left meanwhile is dropped', async () => {
    const slow = deferred<void>();
    const fake = fakeCall({
      checkin: {
        calendar: async (input) => {
          if (input.month === '2026-04') await slow.promise;
          return { ...calendarAnswer(false), month: input.month ?? '2026-06' };
        },
      },
    });
    const store = createMonthStore(fake.call);
    const april = store.getState().load('2026-04');
    await store.getState().load('2026-05');
    slow.resolve();
    await april;
    expect(store.getState().month.data?.month).toBe('2026-05');
    expect(fake.inputs('checkin.calendar')).toEqual([{ month: '2026-04' }, { month: '2026-05' }]);
  });
});
