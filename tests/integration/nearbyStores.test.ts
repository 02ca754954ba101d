// 附近门店 (member.nearbyStores) through the local cloud and the real SDK: the nearest stores by $geoNear on the
// stores' 2dsphere index, with distances in metres between real Shanghai places; the fallback list when the member
// shares no location; and refusals of a bad location, in Chinese.
import { DEMO_STORES } from '../../localcloud/seed/demo';
import { startTestCloud, type TestCloud } from '../helpers/cloud';

let t: TestCloud;

// 人民广场 and 静安寺, GCJ-02 [longitude, latitude].
const PEOPLES_SQUARE = { latitude: 31.2304, longitude: 121.4737 };
const JINGAN_TEMPLE = { latitude: 31.223, longitude: 121.445 };

beforeAll(async () => {
  t = await startTestCloud({ seed: 'empty' });
  await t.cloud.db.insertMany('stores', [...DEMO_STORES, { _id: 'store-popup', name: '星河快闪店', format: 'mall', formatName: '购物中心' }]);
});

afterAll(async () => {
  await t.stop();
});

const nearby = (input: object, openid = 'nearby-1') => t.call('member', { action: 'nearbyStores', ...input }, openid);

test('with a location: the stores nearest first, distance in metres, address, hours, phone and location', async () => {
  const r = await nearby(PEOPLES_SQUARE);
  expect(r.body.ok).toBe(true);
  expect(r.body.data.located).toBe(true);
  // Great-circle metres from 人民广场: 静安 2.6 km, 陆家嘴 3.3 km, 徐汇 5.2 km, 虹桥 15.2 km; the pop-up store has no
  // location and is not listed.
  expect(r.body.data.stores.map((s: any) => [s.name, s.distanceM])).toEqual([
    ['星河广场旗舰店', 2640],
    ['星河酒店', 3261],
    ['星河广场徐汇店', 5198],
    ['星河酒店虹桥店', 15197],
  ]);
  expect(r.body.data.stores[0]).toEqual({
    storeId: 'store-mall-01', name: '星河广场旗舰店', format: 'mall', formatName: '购物中心', address: '上海市静安区南京西路 1618 号',
    hours: '10:00-22:00', phone: '021-62880001', location: { latitude: 31.224, longitude: 121.447 }, distanceM: 2640,
  });
  expect(r.body.data.stores[2].phone).toBeNull();
  // One database request: the geoNear aggregation.
  expect(r.dbOps).toBe(1);

  // From 静安寺 the order changes: 徐汇 (3.1 km) is nearer than 陆家嘴 (6.1 km).
  const fromJingan = await nearby(JINGAN_TEMPLE);
  expect(fromJingan.body.data.stores.map((s: any) => [s.storeId, s.distanceM])).toEqual([
    ['store-mall-01', 221],
    ['store-mall-02', 3137],
    ['store-hotel-01', 6102],
    ['store-hotel-02', 12344],
  ]);
});

test('without a location (refused): every store by name, no distance', async () => {
  const r = await nearby({});
  expect(r.body.data.located).toBe(false);
  expect(r.body.data.stores).toHaveLength(5);
  expect(r.body.data.stores.every((s: any) => s.distanceM === null)).toBe(true);
  expect(r.body.data.stores.map((s: any) => s.name)).toEqual([...r.body.data.stores.map((s: any) => s.name)].sort());
  expect(r.body.data.stores.find((s: any) => s.storeId === 'store-popup')).toMatchObject({ location: null, address: null, hours: null });
  // null counts as not given.
  expect((await nearby({ latitude: null, longitude: null })).body.data.located).toBe(false);
});

test('a bad location is refused in Chinese', async () => {
  const refused = async (input: object) => (await nearby(input)).body.error;
  expect(await refused({ latitude: 91, longitude: 121 })).toEqual({ code: 'INVALID_INPUT', message: '纬度不能大于 90' });
  expect(await refused({ latitude: 31, longitude: -181 })).toEqual({ code: 'INVALID_INPUT', message: '经度不能小于 -180' });
  expect(await refused({ latitude: 31.2 })).toEqual({ code: 'INVALID_INPUT', message: '请同时提供纬度和经度' });
  expect((await refused({ latitude: '31.2', longitude: 121.4 })).code).toBe('INVALID_INPUT');
  expect(await refused({ ...PEOPLES_SQUARE, radius: 5 })).toEqual({ code: 'INVALID_INPUT', message: '不支持的参数 radius' });
});

test('the real service needs the 2dsphere index on stores.location: it is declared in indexes.json', async () => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const indexes = require('../../cloudfunctions/database/indexes.json');
  expect(indexes.stores).toContainEqual({ name: 'location_2dsphere', keys: { location: '2dsphere' } });
});
