// Aggregation operators and queries answer as the real CloudBase service (MongoDB) does, through the unmodified
// wx-server-sdk. Expected values come from the official @cloudbase/node-sdk tests run against the real service
// (test/database/unit/aggregation.test.ts, advanced-operator.test.ts, logic-operators.test.ts) and from MongoDB's
// documentation of each operator; dates are fixed instants read in UTC, Asia/Shanghai and America/New_York.
import { startDbServer, type DbServer } from './helpers/dbServer';

let s: DbServer;
let _: any;
let $: any;

beforeAll(async () => {
  s = await startDbServer({ indexes: {} });
  _ = s.db.command;
  $ = _.aggregate;
});
afterAll(() => s.close());

const lastSent = (action: string) => s.requests.filter((r) => r.action === action).pop()!.body;

async function project(coll: string, spec: Record<string, unknown>): Promise<any[]> {
  const res = await s.db.collection(coll).aggregate().project({ _id: 0, ...spec }).end();
  return res.list;
}

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e: any) {
    return String(e.errMsg ?? e.message);
  }
  throw new Error('expected the request to fail');
}

describe('date operators', () => {
  // 2019-05-14T09:38:51.686Z is the official aggregation test's date (a Tuesday).
  const official = new Date(1557826731686);
  // 2020-12-31T16:30:00Z: Thursday 31 December in UTC, Friday 1 January 2021 00:30 in Shanghai (UTC+8).
  const newYear = new Date('2020-12-31T16:30:00.000Z');

  beforeAll(async () => {
    await s.db.collection('dates').add({ data: { _id: 'official', d: official } });
    await s.db.collection('dates').add({ data: { _id: 'newYear', d: newYear } });
    await s.db.collection('dates').add({ data: { _id: 'summer', d: new Date('2021-07-01T12:00:00.000Z') } });
    await s.db.collection('dates').add({ data: { _id: 'winter', d: new Date('2021-01-15T12:00:00.000Z') } });
    await s.db.collection('dates').add({ data: { _id: 'none' } });
  });

  const only = (id: string) => s.db.collection('dates').aggregate().match({ _id: id });

  test('the official test: every date part of 2019-05-14T09:38:51.686Z, $dateFromParts in New York', async () => {
    const res = await only('official')
      .project({
        _id: 0,
        date: 1,
        dayOfWeek: $.dayOfWeek('$d'),
        dayOfYear: $.dayOfYear('$d'),
        dayOfMonth: $.dayOfMonth('$d'),
        year: $.year('$d'),
        month: $.month('$d'),
        hour: $.hour('$d'),
        minute: $.minute('$d'),
        second: $.second('$d'),
        millisecond: $.millisecond('$d'),
        week: $.week('$d'),
        dateFromParts: $.dateFromParts({ year: 2017, month: 2, day: 8, hour: 12, timezone: 'America/New_York' }),
        dateFromString: $.dateFromString({ dateString: official.toISOString() }),
        isoDayOfWeek: $.isoDayOfWeek('$d'),
        isoWeek: $.isoWeek('$d'),
        isoWeekYear: $.isoWeekYear('$d'),
      })
      .end();
    expect(res.list[0]).toEqual({
      year: 2019,
      month: 5,
      dayOfMonth: 14,
      hour: 9,
      minute: 38,
      second: 51,
      millisecond: 686,
      dayOfYear: 134,
      dayOfWeek: 3,
      week: 19,
      // February is standard time in New York (-05:00), whatever the offset is today.
      dateFromParts: new Date('2017-02-08T17:00:00.000Z'),
      dateFromString: official,
      isoDayOfWeek: 2,
      isoWeek: 20,
      isoWeekYear: 2019,
    });
  });

  test('date parts in UTC and in Asia/Shanghai across a year boundary', async () => {
    const parts = (timezone?: string) => {
      const arg = timezone ? { date: '$d', timezone } : '$d';
      return {
        year: $.year(arg),
        month: $.month(arg),
        day: $.dayOfMonth(arg),
        hour: $.hour(arg),
        dayOfYear: $.dayOfYear(arg),
        dayOfWeek: $.dayOfWeek(arg),
        isoDayOfWeek: $.isoDayOfWeek(arg),
        week: $.week(arg),
        isoWeek: $.isoWeek(arg),
        isoWeekYear: $.isoWeekYear(arg),
      };
    };
    const res = await only('newYear').project({ _id: 0, utc: parts(), shanghai: parts('Asia/Shanghai'), offset: parts('+08:00') }).end();
    const utc = { year: 2020, month: 12, day: 31, hour: 16, dayOfYear: 366, dayOfWeek: 5, isoDayOfWeek: 4, week: 52, isoWeek: 53, isoWeekYear: 2020 };
    // 1 January 2021 is a Friday: week 0 (the first Sunday is 3 January) and ISO week 53 of 2020.
    const shanghai = { year: 2021, month: 1, day: 1, hour: 0, dayOfYear: 1, dayOfWeek: 6, isoDayOfWeek: 5, week: 0, isoWeek: 53, isoWeekYear: 2020 };
    expect(res.list[0]).toEqual({ utc, shanghai, offset: shanghai });
  });

  test('$dateToString: formats, time zones, default formats and onNull', async () => {
    const res = await only('newYear')
      .project({
        _id: 0,
        utcDay: $.dateToString({ date: '$d', format: '%Y-%m-%d' }),
        shanghaiDay: $.dateToString({ date: '$d', format: '%Y-%m-%d', timezone: 'Asia/Shanghai' }),
        all: $.dateToString({ date: '$d', format: '%H:%M:%S.%L %z %Z %j %w %u %U %V %G %%', timezone: 'Asia/Shanghai' }),
        minus: $.dateToString({ date: '$d', format: '%Y-%m-%d %H:%M %z %Z', timezone: '-05:30' }),
        utcDefault: $.dateToString({ date: '$d' }),
        shanghaiDefault: $.dateToString({ date: '$d', timezone: 'Asia/Shanghai' }),
        missing: $.dateToString({ date: '$nothing', format: '%Y' }),
        onNull: $.dateToString({ date: '$nothing', format: '%Y', onNull: '无日期' }),
      })
      .end();
    expect(res.list[0]).toEqual({
      utcDay: '2020-12-31',
      shanghaiDay: '2021-01-01',
      all: '00:30:00.000 +0800 480 001 6 5 00 53 2020 %',
      minus: '2020-12-31 11:00 -0530 -330',
      utcDefault: '2020-12-31T16:30:00.000Z',
      shanghaiDefault: '2021-01-01T00:30:00.000',
      missing: null,
      onNull: '无日期',
    });
  });

  test('a named time zone uses the offset in force at the date (daylight saving time)', async () => {
    const res = await s.db
      .collection('dates')
      .aggregate()
      .match({ _id: _.in(['summer', 'winter']) })
      .sort({ d: 1 })
      .project({ _id: 0, hour: $.hour({ date: '$d', timezone: 'America/New_York' }), text: $.dateToString({ date: '$d', format: '%H:%M%z', timezone: 'America/New_York' }) })
      .end();
    expect(res.list).toEqual([
      { hour: 7, text: '07:00-0500' },
      { hour: 8, text: '08:00-0400' },
    ]);
  });

  test('null or missing dates give null; strings, numbers, bad formats and unknown zones are errors', async () => {
    const res = await only('none').project({ _id: 0, y: $.year('$d'), w: $.week('$d') }).end();
    expect(res.list[0]).toEqual({ y: null, w: null });
    expect(await failure(project('dates', { y: $.year('$_id') }))).toMatch("can't convert from BSON type string to Date");
    expect(await failure(only('official').project({ t: $.dateToString({ date: '$d', format: '%Y %q' }) }).end())).toMatch(
      "Invalid format character '%q' in format string",
    );
    expect(await failure(only('official').project({ h: $.hour({ date: '$d', timezone: 'Mars/Olympus' }) }).end())).toMatch(
      'unrecognized time zone identifier: "Mars/Olympus"',
    );
  });

  test('what the SDK sends: the operator with its {date, timezone} argument', async () => {
    await only('official').project({ h: $.hour({ date: '$d', timezone: 'Asia/Shanghai' }) }).end();
    const stages = lastSent('database.aggregateDocuments').stages;
    expect(JSON.parse(stages[1].stageValue)).toEqual({ h: { $hour: { date: '$d', timezone: 'Asia/Shanghai' } } });
  });
});

describe('string operators count code points or UTF-8 bytes', () => {
  beforeAll(async () => {
    await s.db.collection('strings').add({ data: { _id: 's', cafe: 'cafétéria', mall: '会员积分商城', emoji: '😀a' } });
  });

  test('$indexOfCP (MongoDB documentation examples and CJK text)', async () => {
    const [r] = await project('strings', {
      e1: $.indexOfCP(['cafeteria', 'e']),
      e2: $.indexOfCP(['$cafe', 'é']),
      e3: $.indexOfCP(['$cafe', 'e']),
      e4: $.indexOfCP(['$cafe', 't']),
      e5: $.indexOfCP(['foo.bar.fi', '.', 5]),
      e6: $.indexOfCP(['vanilla', 'll', 0, 2]),
      e7: $.indexOfCP(['vanilla', 'll', 12]),
      e8: $.indexOfCP(['vanilla', 'll', 5, 2]),
      e9: $.indexOfCP(['$missing', 'foo']),
      cjk: $.indexOfCP(['$mall', '积分']),
      cjkBytes: $.indexOfBytes(['$mall', '积分']),
    });
    expect(r).toEqual({ e1: 3, e2: 3, e3: -1, e4: 4, e5: 7, e6: -1, e7: -1, e8: -1, e9: null, cjk: 2, cjkBytes: 6 });
    expect(await failure(project('strings', { x: $.indexOfCP(['vanilla', 'll', -1]) }))).toMatch('$indexOfCP requires a nonnegative start index');
  });

  test('$substrBytes, $substrCP, $strLenCP, $strLenBytes', async () => {
    const [r] = await project('strings', {
      b1: $.substrBytes(['$cafe', 0, 5]),
      b2: $.substrBytes(['$cafe', 5, 4]),
      b3: $.substrBytes(['$mall', 6, 6]),
      whole: $.substrBytes(['abc', 0, 3]),
      rest: $.substrBytes(['abc', 1, -1]),
      past: $.substrBytes(['abc', 5, 1]),
      cp: $.substrCP(['$mall', 2, 2]),
      lenCP: $.strLenCP('$emoji'),
      lenBytes: $.strLenBytes('$mall'),
    });
    expect(r).toEqual({ b1: 'café', b2: 'tér', b3: '积分', whole: 'abc', rest: 'bc', past: '', cp: '积分', lenCP: 2, lenBytes: 18 });
    expect(await failure(project('strings', { x: $.substrBytes(['$cafe', 7, 3]) }))).toMatch(
      'Invalid range, starting index is a UTF-8 continuation byte',
    );
    expect(await failure(project('strings', { x: $.substrBytes(['$mall', 0, 4]) }))).toMatch(
      'Invalid range, ending index is in the middle of a UTF-8 character',
    );
  });
});

describe('queries on arrays of embedded documents (advanced-operator.test.ts data)', () => {
  const data = [
    { category: 'Web', tags: ['JavaScript', 'C#'], index: 0, tags2: [1, 2, 3] },
    { category: 'Web', tags: ['Go', 'C#'], index: 1, tags2: [1, 2, 3] },
    { category: 'luke', tags: ['Go'] },
    { category: 'Life', tags: ['Go', 'Python', 'JavaScript'], index: 2, tags2: [1, 2, 3] },
    { category: 'number', tags: [1, 2, 3, 4, 5, 6, 7, 8, 9], index: 3, tags2: [1, 2, 3] },
    { category: 'embedded', tags: [{ value: 1 }, { value: 7 }], index: 4, tags2: [1, 2, 3] },
    { category: 'float', tags: ['Go', 'Python', 'JavaScript'], index: 0.2, arr: [{ name: 'A', subObj: {} }, { name: 'B', subObj: {} }, { name: 'C', subObj: {} }] },
  ];
  const coll = () => s.db.collection('passages');
  const categories = async (where: unknown) => (await coll().where(where).get()).data.map((d: any) => d.category);
  const sentQuery = () => JSON.parse(lastSent('database.getDocument').query);

  beforeAll(async () => {
    for (const d of data) await coll().add({ data: d });
  });

  test('elemMatch with a condition on the element itself', async () => {
    expect(await categories({ tags: _.elemMatch(_.gt(2)) })).toEqual(['number']);
    expect(sentQuery()).toEqual({ tags: { $elemMatch: { $gt: { $numberInt: '2' } } } });
    // no element of ['Go'] differs from 'Go'
    expect(await categories({ tags: _.elemMatch(_.neq('Go')) })).not.toContain('luke');
  });

  test('elemMatch with field conditions only looks at embedded documents', async () => {
    expect(await categories({ tags: _.elemMatch({ value: _.gt(0) }) })).toEqual(['embedded']);
    expect(await categories({ tags: _.elemMatch({ value: _.exists(true) }) })).toEqual(['embedded']);
    expect(sentQuery()).toEqual({ tags: { $elemMatch: { value: { $exists: true } } } });
    expect(await categories({ tags: _.elemMatch({ value: _.mod([4, 3]) }) })).toEqual(['embedded']);
    expect(sentQuery()).toEqual({ tags: { $elemMatch: { value: { $mod: [{ $numberInt: '4' }, { $numberInt: '3' }] } } } });
    expect(await categories({ arr: _.elemMatch({ name: 'B', subObj: _.exists(true) }) })).toEqual(['float']);
  });

  test('exists, mod and nested fields (the SDK flattens nested objects to dotted paths)', async () => {
    expect(await categories({ tags: _.exists(true) })).toHaveLength(data.length);
    expect(await categories({ arr: _.exists(false) })).toHaveLength(data.length - 1);
    expect(await categories({ tags: { value: _.mod([4, 3]) } })).toEqual(['embedded']);
    expect(sentQuery()).toEqual({ 'tags.value': { $mod: [{ $numberInt: '4' }, { $numberInt: '3' }] } });
    expect(await categories({ tags: { value: _.exists(true) } })).toEqual(['embedded']);
    expect(await categories({ arr: { name: 'B' } })).toEqual(['float']);
    expect(await categories({ 'arr.1.name': 'B' })).toEqual(['float']);
    expect(await categories({ tags: _.size(2) })).toEqual(['Web', 'Web', 'embedded']);
    expect(await categories({ index: _.not(_.gt(1)) })).toHaveLength(4);
    expect(await categories(_.expr($.gte(['$index', 3])))).toEqual(['number', 'embedded']);
    expect(await categories({ category: _.nor(_.eq('Life'), _.eq('Web')) })).toEqual(['luke', 'number', 'embedded', 'float']);
  });

  test('$jsonSchema in where and inside nor', async () => {
    expect(await categories(_.jsonSchema({ required: ['category'] }))).toHaveLength(data.length);
    expect(sentQuery()).toEqual({ $jsonSchema: { required: ['category'] } });
    expect(await categories(_.nor([_.jsonSchema({ required: ['category'] })]))).toEqual([]);
    expect(sentQuery()).toEqual({ $nor: [{ $jsonSchema: { required: ['category'] } }] });
    expect(await categories(_.jsonSchema({ required: ['index'], properties: { index: { bsonType: 'int', minimum: 2 } } }))).toEqual([
      'Life',
      'number',
      'embedded',
    ]);
    expect(await categories(_.jsonSchema({ properties: { index: { bsonType: 'double' } }, required: ['index'] }))).toEqual(['float']);
    expect(
      await categories(_.jsonSchema({ properties: { tags: { bsonType: 'array', items: { bsonType: 'string' }, maxItems: 2 } } })),
    ).toEqual(['Web', 'Web', 'luke']);
    expect(await failure(coll().where(_.jsonSchema({ properties: { category: { format: 'email' } } })).get())).toMatch(
      "$jsonSchema keyword 'format' is not currently supported",
    );
  });
});

describe('$bucket', () => {
  // MongoDB: each bucket is [lower, upper), a value on a boundary opens that boundary's bucket; only buckets with
  // documents are answered, in boundary order, the default last (mingo 6.7.2 put a boundary value one bucket low and
  // answered empty buckets too).
  test('a value on a boundary belongs to the bucket it opens; empty buckets are not answered', async () => {
    await s.db.collection('buckets').add({ data: [0, 99, 100, 150, 200, 300, -1].map((g, i) => ({ _id: `b${i}`, g })) });
    const res = await s.db.collection('buckets').aggregate()
      .bucket({ groupBy: '$g', boundaries: [0, 100, 200, 300, 400], default: 'other', output: { n: $.sum(1), ids: $.push('$_id') } })
      .end();
    expect(res.list).toEqual([
      { _id: 0, n: 2, ids: ['b0', 'b1'] },
      { _id: 100, n: 2, ids: ['b2', 'b3'] },
      { _id: 200, n: 1, ids: ['b4'] },
      { _id: 300, n: 1, ids: ['b5'] },
      { _id: 'other', n: 1, ids: ['b6'] },
    ]);
    const counted = await s.db.collection('buckets').aggregate().bucket({ groupBy: '$g', boundaries: [100, 1000] , default: 'low' }).end();
    expect(counted.list).toEqual([{ _id: 100, count: 4 }, { _id: 'low', count: 3 }]);
  });
});
