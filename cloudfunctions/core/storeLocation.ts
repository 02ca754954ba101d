// A store's location: stored as a GeoJSON Point [longitude, latitude] (GCJ-02, what WeChat's getLocation and
// openLocation use) so the 2dsphere index `location_2dsphere` of `stores` serves $geoNear; shown as latitude/longitude.
import type { StoreDoc } from './documents';

export interface LatLng { latitude: number; longitude: number }

/** The stored value for a latitude/longitude. */
export const pointOf = (at: LatLng): { type: 'Point'; coordinates: number[] } => ({ type: 'Point', coordinates: [at.longitude, at.latitude] });

/** A stored location (GeoJSON, or db.Geo.Point as a query answers it) as latitude/longitude; null when there is none. */
export function locationOf(l: StoreDoc['location']): LatLng | null {
  if (!l) return null;
  if ('coordinates' in l) return { longitude: l.coordinates[0], latitude: l.coordinates[1] };
  if (typeof l.longitude === 'number' && typeof l.latitude === 'number') return { longitude: l.longitude, latitude: l.latitude };
  return null;
}
