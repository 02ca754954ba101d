import { startDbServer, type DbServer } from './helpers/dbServer';

let s: DbServer;
let clock = new Date('2025-01-01T00:00:00Z').getTime();

beforeAll(async () => {
  s = await startDbServer({ now: () => new Date(clock) });
});
afterAll(() => s.close());

describe('reads', () => {
  beforeAll(async () => {
    const members = s.db.collection('members');
    for (let i = 0; i < 10; i++) {
      await members.add({
        data: { openid: `o${i}`, memberNo: `M${i}`, points: i * 3, a: { b: i % 2 }, tags: i % 3 === 0 ? ['x'] : ['y'], name: i % 2 ? 'odd' : 'even' },
      });
    }
  });

  test('where + orderBy + skip + limit + field', async () => {
    const _ = s.db.command;
    const res = await s.db
      .collection('members')
      .where({ points: _.gte(6), 'a.b': 1, tags: _.in(['y']) })
      .orderBy('points', 'desc')
      .skip(1)
      .limit(2)
      .field({ points: true })
      .get();
    // matches: points 9(i3 no: tags x),15(i5),21(i7),27(i9 tags x) -> i5,i7 -> desc [21,15], skip 1 -> [15]
    expect(res.data).toEqual([{ _id: expect.any(String), points: 15 }]);
  });

  test('several orderBy calls sort by each key in order', async () => {
    const res = await s.db.collection('members').orderBy('name', 'asc').orderBy('points', 'desc').field({ name: 1, points: 1, _id: 0 }).get();
    expect(res.data.map((d: any) => `${d.name}:${d.points}`)).toEqual([
      'even:24', 'even:18', 'even:12', 'even:6', 'even:0', 'odd:27', 'odd:21', 'odd:15', 'odd:9', 'odd:3',
    ]);
    const sent = s.requests.filter((r) => r.action === 'database.getDocument').pop()!.body;
    expect(JSON.parse(sent.order)).toEqual({ name: { $numberInt: '1' }, points: { $numberInt: '-1' } });
  });

  test('default limit is 100 and limit is capped at 1000', async () => {
    await s.db.collection('members').get();
    expect(s.requests[s.requests.length - 1].body.limit).toBe(100);
  });

  test('doc(id).get, missing doc, count', async () => {
    const { data } = await s.db.collection('members').where({ openid: 'o4' }).get();
    const one = await s.db.collection('members').doc(data[0]._id).get();
    expect(one.data).toMatchObject({ openid: 'o4', points: 12, a: { b: 0 } });
    await expect(s.db.collection('members').doc('nope').get()).rejects.toBeDefined();
    const c = await s.db.collection('members').where({ name: 'odd' }).count();
    expect(c.total).toBe(5);
  });

  test('regular expressions and $or', async () => {
    const _ = s.db.command;
    const r1 = await s.db.collection('members').where({ memberNo: s.db.RegExp({ regexp: '^m[12]$', options: 'i' }) }).count();
    expect(r1.total).toBe(2);
    const r2 = await s.db.collection('members').where(_.or([{ openid: 'o1' }, { points: _.gt(25) }])).count();
    expect(r2.total).toBe(2);
  });
});

describe('writes', () => {
  const coll = () => s.db.collection('things');

  test('add with serverDate and a Date; sort across numbers strings and dates', async () => {
    const { _id } = await coll().add({ data: { n: 1, d: new Date(5), t: s.db.serverDate({ offset: 1000 }) } });
    expect(_id).toMatch(/^[0-9a-f]{32}$/);
    const { data } = await coll().doc(_id).get();
    expect(data.d).toEqual(new Date(5));
    expect(data.t).toEqual(new Date(clock + 1000));
    await coll().add({ data: { _id: 'mixed1', v: 'b' } });
    await coll().add({ data: { _id: 'mixed2', v: 10 } });
    await coll().add({ data: { _id: 'mixed3', v: new Date(1) } });
    await coll().add({ data: { _id: 'mixed4', v: 2 } });
    await coll().add({ data: { _id: 'mixed5' } });
    const sorted = await coll().where({ _id: s.db.RegExp({ regexp: '^mixed' }) }).orderBy('v', 'asc').get();
    expect(sorted.data.map((d: any) => d._id)).toEqual(['mixed5', 'mixed4', 'mixed2', 'mixed1', 'mixed3']);
  });

  test('serverDate in a query', async () => {
    await coll().add({ data: { _id: 'past', at: new Date(clock - 5000) } });
    const _ = s.db.command;
    const r = await coll().where({ _id: 'past', at: _.lt(s.db.serverDate()) }).count();
    expect(r.total).toBe(1);
  });

  test('update operators', async () => {
    const _ = s.db.command;
    await coll().add({ data: { _id: 'u1', n: 1, m: 2, lo: 5, hi: 5, arr: [1, 2, 3], set: ['a'], gone: 1, old: 'x', o: { p: 1 } } });
    const r = await coll().doc('u1').update({
      data: {
        n: _.inc(2),
        m: _.mul(3),
        lo: _.min(1),
        hi: _.max(9),
        arr: _.push([4, 5]),
        set: _.addToSet('b'),
        gone: _.remove(),
        'o.q': 2,
        stamp: s.db.serverDate(),
      },
    });
    expect(r.stats.updated).toBe(1);
    await coll().doc('u1').update({ data: { arr: _.pull(2) } });
    await coll().doc('u1').update({ data: { arr: _.pop() } });
    await coll().doc('u1').update({ data: { arr: _.shift() } });
    await coll().doc('u1').update({ data: { arr: _.unshift([0]) } });
    await coll().doc('u1').update({ data: { o: _.set({ z: 1 }) } });
    await coll().doc('u1').update({ data: { old: _.rename('renamed') } });
    const { data } = await coll().doc('u1').get();
    expect(data).toEqual({
      _id: 'u1', n: 3, m: 6, lo: 1, hi: 9, arr: [0, 3, 4], set: ['a', 'b'], o: { z: 1 }, stamp: new Date(clock), renamed: 'x',
    });
    const missing = await coll().doc('nope').update({ data: { n: 1 } });
    expect(missing.stats.updated).toBe(0);
  });

  test('where().update() updates all matches and reports the count', async () => {
    const _ = s.db.command;
    await coll().add({ data: [{ g: 'w', v: 1 }, { g: 'w', v: 2 }, { g: 'w', v: 3 }] });
    const r = await coll().where({ g: 'w', v: _.gte(2) }).update({ data: { v: _.inc(10) } });
    expect(r.stats.updated).toBe(2);
    const { data } = await coll().where({ g: 'w' }).orderBy('v', 'asc').get();
    expect(data.map((d: any) => d.v)).toEqual([1, 12, 13]);
  });

  test('set replaces (keeps _id) and upserts', async () => {
    const created = await coll().doc('s1').set({ data: { a: 1, b: 2 } });
    expect(created.stats).toEqual({ updated: 0, created: 1 });
    const replaced = await coll().doc('s1').set({ data: { c: 3 } });
    expect(replaced.stats).toEqual({ updated: 1, created: 0 });
    expect((await coll().doc('s1').get()).data).toEqual({ _id: 's1', c: 3 });
  });

  test('remove by doc and by where', async () => {
    await coll().add({ data: [{ _id: 'r1', k: 'r' }, { _id: 'r2', k: 'r' }, { _id: 'r3', k: 'r' }] });
    const one = await coll().doc('r1').remove();
    expect(one.stats.removed).toBe(1);
    const many = await coll().where({ k: 'r' }).remove();
    expect(many.stats.removed).toBe(2);
    expect((await coll().where({ k: 'r' }).count()).total).toBe(0);
  });
});

describe('aggregate', () => {
  beforeAll(async () => {
    await s.db.collection('orders').add({
      data: [
        { _id: 'a1', openid: 'o1', amount: 10 },
        { _id: 'a2', openid: 'o1', amount: 5 },
        { _id: 'a3', openid: 'o2', amount: 7 },
        { _id: 'a4', openid: 'o3', amount: 1 },
      ],
    });
  });

  test('$match $group $sort $lookup', async () => {
    const $ = s.db.command.aggregate;
    const res = await s.db
      .collection('orders')
      .aggregate()
      .match({ amount: s.db.command.gte(5) })
      .group({ _id: '$openid', total: $.sum('$amount'), n: $.sum(1) })
      .sort({ total: -1 })
      .lookup({ from: 'members', localField: '_id', foreignField: 'openid', as: 'member' })
      .project({ total: 1, n: 1, memberNo: $.arrayElemAt(['$member.memberNo', 0]) })
      .end();
    expect(res.list).toEqual([
      { _id: 'o1', total: 15, n: 2, memberNo: 'M1' },
      { _id: 'o2', total: 7, n: 1, memberNo: 'M2' },
    ]);
  });
});
