// 附近门店: the member's nearest stores (member.nearbyStores). Locations are GCJ-02, the coordinates WeChat's
// getLocation (type gcj02) and openLocation use; distances are great-circle metres between them.
import * as z from 'zod/mini';
import { action } from './action';
import { array, bool, integer, nullable, number, object, opt, text } from './fields';

/** Degrees within [min, max]; out of range reads "纬度不能大于 90". */
const degrees = (min: number, max: number) => z.number().check(z.gte(min), z.lte(max));
/** A place on Earth (GCJ-02). */
export const latLng = () => z.strictObject({ latitude: degrees(-90, 90), longitude: degrees(-180, 180) });

export const nearbyStore = object({
  storeId: text(),
  name: text(),
  format: text(),
  /** 业态, e.g. 购物中心. */
  formatName: text(),
  address: nullable(text()),
  /** Opening hours as shown, e.g. 10:00-22:00. */
  hours: nullable(text()),
  phone: nullable(text()),
  location: nullable(object({ latitude: number(), longitude: number() })),
  /** Metres from the member, rounded; null when no location was given. */
  distanceM: nullable(integer()),
});

export const nearbyStores = action({
  /** Both or neither: without them (the member refused to share the location) every store is listed by name. */
  input: z.strictObject({ latitude: opt(degrees(-90, 90)), longitude: opt(degrees(-180, 180)) }).check(
    z.refine((p) => (p.latitude === undefined) === (p.longitude === undefined), { message: '请同时提供纬度和经度' }),
  ),
  /** `located`: the list is ordered by distance (nearest first, stores with a location only). */
  output: object({ located: bool(), stores: array(nearbyStore) }),
});
