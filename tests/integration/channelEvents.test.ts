// Behaviour events from channels (数据通, order.events) and the mini-program's own daily visit, through the local
// cloud: growth under the daily caps and keys, replays and concurrent bursts credit once, events outside the
// late-delivery window and for unknown members credit nothing, and bad input writes nothing.
import { sign } from '../../cloudfunctions/runtime/signature';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { dumpDatabase } from '../helpers/dump';
import { TEST_CHANNEL } from '../helpers/orders';

let t: TestCloud;
let nonceSeq = 0;

beforeAll(async () => {
  t = await startTestCloud({ seed: 'empty', maxWorkersPerFunction: 6 });
  await t.cloud.db.insertMany('channels', [TEST_CHANNEL, { _id: 'shop-2', name: '第二渠道', secret: 'second-secret-1', active: true }]);
}, 60_000);

afterAll(async () => {
  await t.stop();
});

const signedEvents = (events: object[], channel = TEST_CHANNEL, at = new Date()) => {
  const env = { channel: channel._id, timestamp: at.getTime(), nonce: `ev${Date.now()}x${++nonceSeq}` };
  return { action: 'events', ...env, signature: sign(channel.secret, 'events', env, events), events };
};
const send = (events: object[], channel = TEST_CHANNEL, at?: Date) => t.call('order', signedEvents(events, channel, at));

async function newMember(openid: string): Promise<string> {
  return (await t.call('member', { action: 'login' }, openid)).body.data.member.memberNo;
}
const growthOf = (openid: string) => (t.cloud.db.find('members', { openid }).docs[0] as { growth: { total: number; interaction: number } }).growth;
const entries = (openid: string, event?: string) =>
  (t.cloud.db.find('growth_ledger', { openid, ...(event ? { event } : {}) }, { limit: 1000 }).docs as Array<{ key: string; amount: number; event: string }>);
const statuses = (r: { body: { data: { results: Array<{ status: string }> } } }) => r.body.data.results.map((x) => x.status);

const at = (minutesAgo = 1) => new Date(Date.now() - minutesAgo * 60_000).toISOString();

describe('order.events', () => {
  test('each event earns its growth under the daily caps; per-event results in the order sent', async () => {
    const memberNo = await newMember('ev-a');
    const favorites = Array.from({ length: 7 }, (_, i) => ({ eventId: `a-fav-${i}`, memberNo, type: 'favorite', at: at(), ref: `sku-${i}` }));
    const r = await send([
      ...favorites,
      { eventId: 'a-visit-1', memberNo, type: 'visit', at: at() },
      { eventId: 'a-visit-2', memberNo, type: 'visit', at: at() },
      { eventId: 'a-post-1', memberNo, type: 'contentPost', at: at(), ref: 'post-1' },
      { eventId: 'a-like-1', memberNo, type: 'contentLike', at: at(), ref: 'post-9' },
      { eventId: 'a-like-2', memberNo, type: 'contentLike', at: at(), ref: 'post-9' },
    ]);
    expect(r.body.ok).toBe(true);
    // Favourites: 5 a day; a visit once a day; a like once per content; a post earns 5.
    expect(statuses(r)).toEqual(['credited', 'credited', 'credited', 'credited', 'credited', 'capped', 'capped', 'credited', 'duplicate', 'credited', 'credited', 'duplicate']);
    expect(r.body.data.results[5]).toEqual({ eventId: 'a-fav-5', status: 'capped', growthEarned: 0, message: '该行为今日的成长值已达上限' });
    expect(r.body.data).toMatchObject({ credited: 8, growthEarned: 5 + 1 + 5 + 1 });
    expect(growthOf('ev-a')).toMatchObject({ total: 12, interaction: 12 });
    expect(entries('ev-a', 'favorite').map((e) => e.key).sort()).toEqual([0, 1, 2, 3, 4].map((i) => `favorite:test-pos:sku-${i}`));
    // Yesterday's cap is its own: two favourites of yesterday still earn.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    const y = await send([0, 1].map((i) => ({ eventId: `a-fav-y${i}`, memberNo, type: 'favorite', at: yesterday, ref: `sku-y${i}` })));
    expect(statuses(y)).toEqual(['credited', 'credited']);
    expect(growthOf('ev-a').total).toBe(14);
  });

  test('a replayed batch credits nothing twice; 12 concurrent deliveries of one batch credit it once', async () => {
    const memberNo = await newMember('ev-b');
    const batch = [
      ...Array.from({ length: 4 }, (_, i) => ({ eventId: `b-cart-${i}`, memberNo, type: 'addToCart', at: at(), ref: `sku-${i}` })),
      { eventId: 'b-share-1', memberNo, type: 'contentShare', at: at(), ref: 'c-1' },
      { eventId: 'b-comment-1', memberNo, type: 'contentComment', at: at(), ref: 'cm-1' },
    ];
    const answers = await Promise.all(Array.from({ length: 12 }, () => send(batch)));
    expect(answers.every((a) => a.body.ok)).toBe(true);
    // Exactly one delivery credited each event (4 × 1 + 2 + 2), every other says duplicate.
    const credited = answers.flatMap((a) => a.body.data.results.filter((x: { status: string }) => x.status === 'credited').map((x: { eventId: string }) => x.eventId));
    expect(credited.sort()).toEqual(batch.map((e) => e.eventId).sort());
    expect(answers.reduce((s, a) => s + a.body.data.growthEarned, 0)).toBe(8);
    expect(growthOf('ev-b').total).toBe(8);
    const again = await send(batch);
    expect(statuses(again)).toEqual(batch.map(() => 'duplicate'));
    expect(again.body.data).toMatchObject({ credited: 0, growthEarned: 0 });
    expect(growthOf('ev-b').total).toBe(8);
    expect(t.cloud.db.find('channel_events', { openid: 'ev-b' }, { limit: 100 }).docs).toHaveLength(6);
    // The same signed request twice is a replay of the request itself: refused.
    const req = signedEvents([{ eventId: 'b-cart-9', memberNo, type: 'addToCart', at: at(), ref: 'sku-9' }]);
    expect((await t.call('order', req)).body.ok).toBe(true);
    expect((await t.call('order', req)).body.error.code).toBe('UNAUTHENTICATED');
    expect(growthOf('ev-b').total).toBe(9);
  });

  test('events by bound phone; too late, ahead of the clock and unknown members credit nothing', async () => {
    await newMember('ev-c');
    await t.call('member', { action: 'bindPhone', code: '13612340001' }, 'ev-c');
    const before = growthOf('ev-c').total;
    const r = await send([
      { eventId: 'c-1', phone: '13612340001', type: 'favorite', at: at(), ref: 'x' },
      { eventId: 'c-2', phone: '13612340001', type: 'favorite', at: new Date(Date.now() - 31 * 86_400_000).toISOString(), ref: 'y' },
      { eventId: 'c-3', phone: '13612340001', type: 'favorite', at: new Date(Date.now() + 10 * 60_000).toISOString(), ref: 'z' },
      { eventId: 'c-4', phone: '13699999999', type: 'favorite', at: at(), ref: 'x' },
      { eventId: 'c-5', memberNo: '99999999999', type: 'favorite', at: at(), ref: 'x' },
      // 29 days back is inside the 30-day window.
      { eventId: 'c-6', phone: '13612340001', type: 'favorite', at: new Date(Date.now() - 29 * 86_400_000).toISOString(), ref: 'w' },
    ]);
    expect(r.body.data.results).toEqual([
      { eventId: 'c-1', status: 'credited', growthEarned: 1, message: '已计入成长值' },
      { eventId: 'c-2', status: 'tooLate', growthEarned: 0, message: '事件时间早于可补录期限（30 天）' },
      { eventId: 'c-3', status: 'tooLate', growthEarned: 0, message: '事件时间不能晚于当前时间' },
      { eventId: 'c-4', status: 'unknownMember', growthEarned: 0, message: '会员不存在' },
      { eventId: 'c-5', status: 'unknownMember', growthEarned: 0, message: '会员不存在' },
      { eventId: 'c-6', status: 'credited', growthEarned: 1, message: '已计入成长值' },
    ]);
    expect(growthOf('ev-c').total).toBe(before + 2);
  });

  test('one event id twice in a batch, also for two members, is one event', async () => {
    const [x, y] = [await newMember('ev-f'), await newMember('ev-g')];
    const r = await send([
      { eventId: 'fg-1', memberNo: x, type: 'favorite', at: at(), ref: 'sku-1' },
      { eventId: 'fg-1', memberNo: y, type: 'favorite', at: at(), ref: 'sku-1' },
      { eventId: 'fg-1', memberNo: x, type: 'favorite', at: at(), ref: 'sku-2' },
    ]);
    expect(statuses(r)).toEqual(['credited', 'duplicate', 'duplicate']);
    expect([growthOf('ev-f').total, growthOf('ev-g').total]).toEqual([1, 0]);
    expect(statuses(await send([{ eventId: 'fg-1', memberNo: y, type: 'favorite', at: at(), ref: 'sku-1' }]))).toEqual(['duplicate']);
    expect(growthOf('ev-g').total).toBe(0);
  });

  test('another channel keys its own ids: the same like from two channels earns twice', async () => {
    const memberNo = await newMember('ev-d');
    const like = { eventId: 'd-1', memberNo, type: 'contentLike', at: at(), ref: 'post-1' };
    expect(statuses(await send([like]))).toEqual(['credited']);
    expect(statuses(await send([like], { _id: 'shop-2', name: '', secret: 'second-secret-1', active: true }))).toEqual(['credited']);
    expect(growthOf('ev-d').total).toBe(2);
  });

  test('bad input is refused whole and writes nothing', async () => {
    const memberNo = await newMember('ev-e');
    const before = dumpDatabase(t);
    const many = Array.from({ length: 101 }, (_, i) => ({ eventId: `e-${i}`, memberNo, type: 'visit', at: at() }));
    const cases: Array<[object[], string]> = [
      [many, 'INVALID_INPUT'],
      [[], 'INVALID_INPUT'],
      [[{ eventId: 'e-x', memberNo, phone: '13612340001', type: 'visit', at: at() }], 'INVALID_INPUT'],
      [[{ eventId: 'e-y', type: 'visit', at: at() }], 'INVALID_INPUT'],
      [[{ eventId: 'e-z', memberNo, type: 'order', at: at() }], 'INVALID_INPUT'],
    ];
    for (const [events, code] of cases) expect((await send(events)).body.error.code).toBe(code);
    expect((await send([{ eventId: 'e-y', memberNo, type: 'visit', at: at() }])).body.ok).toBe(true);
    const bad = signedEvents([{ eventId: 'e-w', memberNo, type: 'visit', at: at() }]);
    expect((await t.call('order', { ...bad, signature: '0'.repeat(64) })).body.error.code).toBe('UNAUTHENTICATED');
    expect(entries('ev-e', 'visit')).toHaveLength(1);
    expect(dumpDatabase(t).channel_events?.length).toBe((before.channel_events?.length ?? 0) + 1);
  });
});

describe("the mini-program's own visit", () => {
  test('the first member.home of a Shanghai day counts as visit, once, also under concurrent homes', async () => {
    const memberNo = await newMember('visit-a');
    try {
      await t.setClock('2026-11-10T02:00:00.000Z'); // 10:00 Shanghai
      const first = await t.call('member', { action: 'home' }, 'visit-a');
      expect(first.body.ok).toBe(true);
      expect(growthOf('visit-a')).toMatchObject({ total: 1, interaction: 1 });
      await t.call('member', { action: 'home' }, 'visit-a');
      expect(entries('visit-a', 'visit').map((e) => e.key)).toEqual(['visit:2026-11-10']);
      // A channel's visit the same day is over the daily cap (1, whatever the source).
      expect(statuses(await send([{ eventId: 'va-1', memberNo, type: 'visit', at: '2026-11-10T01:30:00.000Z' }], TEST_CHANNEL, new Date('2026-11-10T02:00:05.000Z')))).toEqual(['capped']);
      // 15:59 UTC is still the 10th in Shanghai; 16:00 is the 11th: ten homes at once count one visit.
      await t.setClock('2026-11-10T15:59:00.000Z');
      await t.call('member', { action: 'home' }, 'visit-a');
      await t.setClock('2026-11-10T16:00:00.000Z');
      const burst = await Promise.all(Array.from({ length: 10 }, () => t.call('member', { action: 'home' }, 'visit-a')));
      expect(burst.every((b) => b.body.ok)).toBe(true);
      expect(entries('visit-a', 'visit').map((e) => e.key).sort()).toEqual(['visit:2026-11-10', 'visit:2026-11-11']);
      expect(growthOf('visit-a').total).toBe(2);
      expect((await t.call('member', { action: 'home' }, 'visit-a')).body.data.growth.total).toBe(2);
    } finally {
      await t.resetClock();
    }
  });
});
