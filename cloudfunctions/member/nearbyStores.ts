// 附近门店 (member.nearbyStores): with the member's location, the nearest stores by the $geoNear aggregation stage
// on the 2dsphere index `location_2dsphere` of `stores` (cloudfunctions/database/indexes.json; the real service
// refuses geoNear without one); without it (the member refused location), every store by name, no distance.
import type { Output, ParsedInput } from '../../contract';
import type { StoreDoc } from '../core/documents';
import type { MemberContext } from '../runtime/handler';

/** What a store may carry besides its name and format; all optional, set in the console or the seed. */
export interface StoreDetails {
  address?: string;
  /** Shown as is, e.g. 10:00-22:00. */
  hours?: string;
  phone?: string;
  /** GeoJSON Point [longitude, latitude], GCJ-02 (as stored; a query answers db.Geo.Point with longitude/latitude). */
  location?: { type: 'Point'; coordinates: [number, number] } | { longitude: number; latitude: number };
}

type Row = StoreDoc & StoreDetails & { distanceM?: number };

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

function locationOf(l: StoreDetails['location']): { latitude: number; longitude: number } | null {
  if (!l) return null;
  if ('coordinates' in l) return { longitude: l.coordinates[0], latitude: l.coordinates[1] };
  if (typeof l.longitude === 'number' && typeof l.latitude === 'number') return { longitude: l.longitude, latitude: l.latitude };
  return null;
}

function view(s: Row): Output<'member', 'nearbyStores'>['stores'][number] {
  return {
    storeId: s._id,
    name: s.name,
    format: s.format,
    formatName: s.formatName ?? s.format,
    address: s.address ?? null,
    hours: s.hours ?? null,
    phone: s.phone ?? null,
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
