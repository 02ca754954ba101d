// Geo as the real service answers it, through the unmodified wx-server-sdk: GeoJSON values (db.Geo.*), the query
// operators (_.geoNear -> $nearSphere, _.geoWithin, _.geoIntersects), the aggregation stage geoNear, and 2dsphere
// indexes (declared in the index file; $nearSphere and $geoNear need one). Distances are great-circle metres on
// MongoDB's Earth radius (6378.1 km), checked on real city pairs.
import { REPO_INDEXES, startDbServer, type DbServer } from './helpers/dbServer';

let s: DbServer;
const GEO = { name: 'location_2dsphere', keys: { location: '2dsphere' as const } };

beforeAll(async () => {
  s = await startDbServer({
    indexes: {
      ...REPO_INDEXES,
      cities: [GEO],
      shapes: [{ name: 'geo_2dsphere', keys: { geo: '2dsphere' as const } }],
      two_geo: [GEO, { name: 'home_2dsphere', keys: { home: '2dsphere' as const } }],
      no_geo: [],
    },
  });
});
afterAll(() => s.close());

// [longitude, latitude]
const CITIES: Record<string, [number, number]> = {
  上海: [121.4737, 31.2304],
  杭州: [120.1551, 30.2741],
  南京: [118.7969, 32.0603],
  北京: [116.3975, 39.9087],
  广州: [113.2644, 23.1291],
  深圳: [114.0579, 22.5431],
};
// Great-circle distances from 上海 (haversine, R = 6378100 m), e.g. 上海-北京 about 1,069 km.
const FROM_SHANGHAI: Record<string, number> = { 上海: 0, 杭州: 165057.9, 南京: 269960.7, 北京: 1069329.2, 广州: 1213241.2, 深圳: 1214627.0 };

const point = (name: string) => new s.db.Geo.Point(...CITIES[name]);
const errorOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e: any) {
    return e;
  }
  throw new Error('expected a rejection');
};

async function seedCities(coll: string) {
  // Inserted far-to-near and interleaved, so an answer in order is the engine's doing.
  for (const name of ['深圳', '北京', '上海', '广州', '南京', '杭州']) {
    await s.db.collection(coll).add({ data: { _id: name, name, location: point(name), big: ['北京', '上海', '广州', '深圳'].includes(name) } });
  }
}

describe('GeoJSON values', () => {
  test('every db.Geo type is stored as GeoJSON and read back as the SDK object', async () => {
    const { Point, LineString, Polygon, MultiPoint, MultiLineString, MultiPolygon } = s.db.Geo;
    const ring = (pts: number[][]) => new LineString(pts.map(([x, y]) => new Point(x, y)));
    const outer = ring([[-2, -2], [2, -2], [2, 2], [-2, 2], [-2, -2]]);
    const inner = ring([[-1, -1], [1, -1], [1, 1], [-1, 1], [-1, -1]]);
    const data = {
      point: new Point(-180, 20),
      line: ring([[0, 0], [3, 4]]),
      polygon: new Polygon([outer, inner]),
      multiPoint: new MultiPoint([new Point(1, 2), new Point(3, 4)]),
      multiLine: new MultiLineString([ring([[0, 0], [1, 1]]), ring([[2, 2], [3, 3]])]),
      multiPolygon: new MultiPolygon([new Polygon([outer]), new Polygon([inner])]),
    };
    const { _id } = await s.db.collection('geo_values').add({ data });
    const sent = s.requests.filter((r) => r.action === 'database.insertDocument').pop()!.body;
    expect(JSON.parse(sent.data[0]).point).toEqual({ type: 'Point', coordinates: [{ $numberInt: '-180' }, { $numberInt: '20' }] });
    const stored: any = s.database.find('geo_values', { _id }).docs[0];
    expect(stored.polygon).toEqual({ type: 'Polygon', coordinates: [[[-2, -2], [2, -2], [2, 2], [-2, 2], [-2, -2]], [[-1, -1], [1, -1], [1, 1], [-1, 1], [-1, -1]]] });

    const { data: got } = await s.db.collection('geo_values').doc(_id).get();
    // db.Geo.* are the SDK's call-without-new wrappers: compare the classes by name.
    const kinds = Object.fromEntries(Object.entries(got).filter(([k]) => k !== '_id').map(([k, v]: [string, any]) => [k, v.constructor.name]));
    expect(kinds).toEqual({ point: 'Point', line: 'LineString', polygon: 'Polygon', multiPoint: 'MultiPoint', multiLine: 'MultiLineString', multiPolygon: 'MultiPolygon' });
    expect(got.point).toEqual({ longitude: -180, latitude: 20 });
    expect(got.polygon).toEqual(data.polygon);
    expect(got.multiPolygon).toEqual(data.multiPolygon);
  });

  test('a 2dsphere-indexed field takes only geometries: an out-of-range point is refused, a missing field is fine', async () => {
    const e = await errorOf(s.db.collection('cities').add({ data: { name: '坏点', location: { type: 'Point', coordinates: [200, 10] } } }));
    expect(e.errMsg).toContain("[DATABASE_REQUEST_FAILED] Can't extract geo keys");
    expect(e.errMsg).toContain('longitude/latitude is out of bounds, lng: 200 lat: 10');
    const open = await errorOf(
      s.db.collection('cities').add({ data: { name: '未闭合', location: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 2]]] } } }),
    );
    expect(open.errMsg).toContain('Loop is not closed');
    const ok = await s.db.collection('cities').add({ data: { _id: 'no-location', name: '无位置' } });
    expect(ok._id).toBe('no-location');
    await s.db.collection('cities').doc('no-location').remove();
    // Without a geo index the same value is just an object.
    await expect(s.db.collection('no_geo').add({ data: { location: { type: 'Point', coordinates: [200, 10] } } })).resolves.toBeDefined();
  });
});

describe('query operators', () => {
  beforeAll(() => seedCities('cities'));

  test('_.geoNear (sent as $nearSphere) answers nearest first, within min and max distance in metres', async () => {
    const _ = s.db.command;
    const all = await s.db.collection('cities').where({ location: _.geoNear({ geometry: point('上海') }) }).get();
    expect(all.data.map((d: any) => d.name)).toEqual(['上海', '杭州', '南京', '北京', '广州', '深圳']);
    const sent = s.requests.filter((r) => r.action === 'database.getDocument').pop()!.body;
    expect(Object.keys(JSON.parse(sent.query).location)).toEqual(['$nearSphere']);

    // 上海-南京 is 269,961 m: a 270 km radius includes it, 269.9 km does not.
    const ring = async (min: number, max: number) =>
      (await s.db.collection('cities').where({ location: _.geoNear({ geometry: point('上海'), minDistance: min, maxDistance: max }) }).get()).data.map((d: any) => d.name);
    expect(await ring(0, 270_000)).toEqual(['上海', '杭州', '南京']);
    expect(await ring(0, 269_900)).toEqual(['上海', '杭州']);
    expect(await ring(1, 1_100_000)).toEqual(['杭州', '南京', '北京']);
    // 广州 (1,213.2 km) before 深圳 (1,214.6 km): close, still ordered.
    expect(await ring(1_200_000, 1_300_000)).toEqual(['广州', '深圳']);
    // Other conditions, limit and skip apply to the ordered result: from 杭州, 上海 165 km, 广州 1,049 km, 深圳 1,053 km,
    // 北京 1,125 km.
    const big = await s.db.collection('cities').where({ big: true, location: _.geoNear({ geometry: point('杭州') }) }).skip(1).limit(2).get();
    expect(big.data.map((d: any) => d.name)).toEqual(['广州', '深圳']);
  });

  test('near needs a 2dsphere index on the field: without one the service answers an error', async () => {
    const _ = s.db.command;
    await s.db.collection('no_geo').add({ data: { location: point('上海') } });
    const e = await errorOf(s.db.collection('no_geo').where({ location: _.geoNear({ geometry: point('上海') }) }).get());
    expect(e.errCode).toBe(-502001);
    expect(e.errMsg).toContain('[DATABASE_REQUEST_FAILED]');
    expect(e.errMsg).toContain('unable to find index for $geoNear query');
    // geoWithin needs no index (MongoDB scans).
    const square = new s.db.Geo.Polygon([new s.db.Geo.LineString([[121, 31], [122, 31], [122, 32], [121, 32], [121, 31]].map(([x, y]) => new s.db.Geo.Point(x, y)))]);
    const within = await s.db.collection('no_geo').where({ location: _.geoWithin({ geometry: square }) }).count();
    expect(within.total).toBe(1);
  });

  test('_.geoWithin: a polygon (holes excluded), a multipolygon, and centerSphere in radians', async () => {
    const _ = s.db.command;
    const { Point, LineString, Polygon, MultiPolygon } = s.db.Geo;
    const ring = (pts: number[][]) => new LineString(pts.map(([x, y]) => new Point(x, y)));
    // The Yangtze delta: 上海, 杭州, 南京 inside; a hole around 杭州.
    const delta = ring([[118, 29.5], [122.5, 29.5], [122.5, 33], [118, 33], [118, 29.5]]);
    const hangzhouHole = ring([[119.5, 29.8], [120.5, 29.8], [120.5, 30.7], [119.5, 30.7], [119.5, 29.8]]);
    const names = async (cond: unknown) => (await s.db.collection('cities').where({ location: cond }).orderBy('name', 'asc').get()).data.map((d: any) => d.name).sort();
    expect(await names(_.geoWithin({ geometry: new Polygon([delta]) }))).toEqual(['上海', '南京', '杭州'].sort());
    expect(await names(_.geoWithin({ geometry: new Polygon([delta, hangzhouHole]) }))).toEqual(['上海', '南京'].sort());
    const pearlDelta = new Polygon([ring([[112.5, 22], [114.5, 22], [114.5, 23.5], [112.5, 23.5], [112.5, 22]])]);
    expect(await names(_.geoWithin({ geometry: new MultiPolygon([new Polygon([delta, hangzhouHole]), pearlDelta]) }))).toEqual(['上海', '南京', '广州', '深圳'].sort());
    // 200 km around 上海: 杭州 (165 km) in, 南京 (270 km) out. The radius is in radians: metres / 6378100.
    expect(await names(_.geoWithin({ centerSphere: [point('上海'), 200_000 / 6378100] }))).toEqual(['上海', '杭州'].sort());
    expect(await names(_.geoWithin({ centerSphere: [CITIES['上海'], 270_000 / 6378100] }))).toEqual(['上海', '南京', '杭州'].sort());
  });

  test('_.geoIntersects: points, lines and polygons against each other', async () => {
    const _ = s.db.command;
    const { Point, LineString, Polygon, MultiPoint } = s.db.Geo;
    const line = (pts: number[][]) => new LineString(pts.map(([x, y]) => new Point(x, y)));
    const shapes = s.db.collection('shapes');
    await shapes.add({ data: { _id: 'crossing-line', geo: line([[-5, 0], [5, 0]]) } });
    await shapes.add({ data: { _id: 'far-line', geo: line([[-5, 3], [5, 3]]) } });
    await shapes.add({ data: { _id: 'inside-point', geo: new Point(0.5, 0.5) } });
    await shapes.add({ data: { _id: 'outside-point', geo: new Point(4, 4) } });
    await shapes.add({ data: { _id: 'big-square', geo: new Polygon([line([[-10, -10], [10, -10], [10, 10], [-10, 10], [-10, -10]])]) } });
    await shapes.add({ data: { _id: 'points', geo: new MultiPoint([new Point(40, 40), new Point(-0.5, 0.2)]) } });
    const square = new Polygon([line([[-1, -1], [1, -1], [1, 1], [-1, 1], [-1, -1]])]);
    const hits = await shapes.where({ geo: _.geoIntersects({ geometry: square }) }).get();
    // The crossing line has no vertex in the square; the big square contains it.
    expect(hits.data.map((d: any) => d._id).sort()).toEqual(['big-square', 'crossing-line', 'inside-point', 'points']);
    const byLine = await shapes.where({ geo: _.geoIntersects({ geometry: line([[0, -5], [0, 5]]) }) }).get();
    expect(byLine.data.map((d: any) => d._id).sort()).toEqual(['big-square', 'crossing-line', 'far-line']);
  });
});

describe('aggregate geoNear', () => {
  test('answers nearest first with the distance in metres, query, limit, multiplier, includeLocs', async () => {
    const res = await s.db.collection('cities').aggregate().geoNear({ distanceField: 'distance', spherical: true, near: point('上海') }).end();
    expect(res.list.map((d: any) => d.name)).toEqual(['上海', '杭州', '南京', '北京', '广州', '深圳']);
    for (const d of res.list) expect(d.distance).toBeCloseTo(FROM_SHANGHAI[d.name], 0);
    // Aggregation answers GeoJSON as stored (no SDK object).
    expect(res.list[1].location).toEqual({ type: 'Point', coordinates: CITIES['杭州'] });

    const km = await s.db
      .collection('cities')
      .aggregate()
      .geoNear({
        distanceField: 'dist.km',
        spherical: true,
        near: point('北京'),
        query: { big: true },
        maxDistance: 1_500_000,
        distanceMultiplier: 0.001,
        includeLocs: 'at',
        limit: 2,
      })
      .project({ _id: 0, name: 1, dist: 1, at: 1 })
      .end();
    for (const d of km.list) d.dist.km = Math.round(d.dist.km);
    // Of the big cities within 1,500 km of 北京: 北京 itself, then 上海 (1,069 km); 广州 is 1,891 km away.
    expect(km.list).toEqual([
      { name: '北京', dist: { km: 0 }, at: { type: 'Point', coordinates: CITIES['北京'] } },
      { name: '上海', dist: { km: 1069 }, at: { type: 'Point', coordinates: CITIES['上海'] } },
    ]);
    const ring = await s.db.collection('cities').aggregate().geoNear({ distanceField: 'd', spherical: true, near: point('上海'), minDistance: 200_000, maxDistance: 1_100_000 }).end();
    expect(ring.list.map((d: any) => d.name)).toEqual(['南京', '北京']);
  });

  test('the real service refuses: no geo index, two without key, not the first stage, near inside match', async () => {
    // The SDK rewrites the options object it is given: a fresh one per call.
    const near = () => ({ distanceField: 'd', spherical: true, near: point('上海') });
    const noIndex = await errorOf(s.db.collection('no_geo').aggregate().geoNear(near()).end());
    expect(noIndex.errMsg).toContain('[DATABASE_REQUEST_FAILED] $geoNear requires a 2d or 2dsphere index, but none were found');
    await s.db.collection('two_geo').add({ data: { _id: 'a', location: point('上海'), home: point('杭州') } });
    await s.db.collection('two_geo').add({ data: { _id: 'b', location: point('南京'), home: point('上海') } });
    const two = await errorOf(s.db.collection('two_geo').aggregate().geoNear(near()).end());
    expect(two.errMsg).toContain('There is more than one 2dsphere index on two_geo; unsure which to use for $geoNear');
    const byHome = await s.db.collection('two_geo').aggregate().geoNear({ ...near(), key: 'home' }).end();
    expect(byHome.list.map((d: any) => [d._id, Math.round(d.d)])).toEqual([['b', 0], ['a', 165058]]);
    const later = await errorOf(s.db.collection('cities').aggregate().match({ big: true }).geoNear(near()).end());
    expect(later.errMsg).toContain('[INVALID_PARAM] $geoNear is only valid as the first stage in a pipeline.');
    const _ = s.db.command;
    const inMatch = await errorOf(s.db.collection('cities').aggregate().match({ location: _.geoNear({ geometry: point('上海') }) }).end());
    expect(inMatch.errMsg).toContain('$geoNear, $near, and $nearSphere are not allowed in this context');
    const noField = await errorOf(s.db.collection('cities').aggregate().geoNear({ spherical: true, near: point('上海') }).end());
    expect(noField.errMsg).toContain("$geoNear requires a 'distanceField' option as a String");
  });
});
