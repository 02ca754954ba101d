// 附近门店 (member.nearbyStores): with the member's location, the nearest stores by the $geoNear aggregation stage
// on the 2dsphere index `location_2dsphere` of `stores` (cloudfunctions/database/indexes.json; the real service
// refuses geoNear without one); without it (the member refused location), every store by name, no distance.
import type { Output, ParsedInput } from '../../contract';
import type { StoreDoc } from '../core/documents';
import { locationOf } from '../core/storeLocation';
import type { MemberContext } from '../runtime/handler';

type Row = StoreDoc & { distanceM?: number };

/** The most stores one answer lists. */
export const NEARBY_LIMIT = 20;

/** The slice of the SDK this action uses beyond runtime/dbTypes.ts: geo values and the geoNear stage. */
interface GeoDb {
  Geo: { Point(longitude: number, latitude: number): unknown };
  collection(name: 'stores'): {
    aggregate(): { geoNear(spec: object): { limit(n: number): { end(): Promise<{ list: Row[] }> } } };
    orderBy(field: string, order: 'asc' | 'desc'): { limit(n: number): { get(): Promise<{ data: Row[] }> } };
  };
}

function view(s: Row): Output<'member', 'nearbyStores'>['stores'][number] {
  return {
    storeId: s._id,
    name: s.name,
    format: s.format,
    formatName: s.formatName ?? s.format,
    address: s.address || null,
    hours: s.hours || null,
    phone: s.phone || null,
    location: locationOf(s.location),
    distanceM: typeof s.distanceM === 'number' ? Math.round(s.distanceM) : null,
  };
}

export async function nearbyStores({ db, input }: MemberContext<ParsedInput<'member', 'nearbyStores'>>): Promise<Output<'member', 'nearbyStores'>> {
  const geo = db as unknown as GeoDb;
  const { latitude, longitude } = input;
  if (latitude === undefined || longitude === undefined) {
    const { data } = await geo.collection('stores').orderBy('name', 'asc').limit(NEARBY_LIMIT).get();
    return { located: false, stores: data.map(view) };
  }
  const { list } = await geo
    .collection('stores')
    .aggregate()
    .geoNear({ near: geo.Geo.Point(longitude, latitude), spherical: true, distanceField: 'distanceM', key: 'location', limit: NEARBY_LIMIT })
    .limit(NEARBY_LIMIT)
    .end();
  return { located: true, stores: list.map(view) };
}
