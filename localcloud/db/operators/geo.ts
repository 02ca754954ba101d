// Geo query operators ($geoWithin, $geoIntersects, $near, $nearSphere) and the $geoNear stage, as the real service
// (MongoDB with 2dsphere indexes) answers them. Geometry is spherical: points are unit vectors, edges great-circle
// arcs, distances the great-circle distance in metres on MongoDB's Earth radius (6378.1 km). What the SDK sends:
//   _.geoNear({ geometry, maxDistance, minDistance }) -> { f: { $nearSphere: { $geometry, $maxDistance, $minDistance } } }
//   _.geoWithin({ geometry })                         -> { f: { $geoWithin: { $geometry } } }
//   _.geoWithin({ centerSphere: [point, radians] })   -> { f: { $geoWithin: { $centerSphere: [[lng, lat], radians] } } }
//   _.geoIntersects({ geometry })                     -> { f: { $geoIntersects: { $geometry } } }
//   aggregate().geoNear({ near, distanceField, ... }) -> stage { $geoNear: { near: GeoJSON Point, ... } }
// Legacy 2d forms ($box, $center, $polygon, $near with a coordinate pair and no 2dsphere semantics) are not emulated.
import { OpType, useOperators } from 'mingo/core';
import { Query } from 'mingo';
import { resolve, setValue } from 'mingo/util';
import { cloneValue } from '../clone';
import type { Collection } from '../collection';
import { invalidParam, requestFailed } from '../errors';
import type { Doc } from '../types';

/** MongoDB's kRadiusOfEarthInMeters. */
export const EARTH_RADIUS_M = 6378100;

type Vec = [number, number, number];
type Position = [number, number]; // [longitude, latitude]

/** A parsed geometry: points, arcs (pairs of points) and polygons (rings of vectors, first the shell, then holes). */
interface Shape {
  points: Vec[];
  arcs: [Vec, Vec][];
  polygons: Vec[][][];
}

// ---- vectors ----
const toVec = ([lng, lat]: Position): Vec => {
  const φ = (lat * Math.PI) / 180;
  const λ = (lng * Math.PI) / 180;
  return [Math.cos(φ) * Math.cos(λ), Math.cos(φ) * Math.sin(λ), Math.sin(φ)];
};
const dot = (a: Vec, b: Vec) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Vec, b: Vec): Vec => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const norm = (a: Vec) => Math.hypot(a[0], a[1], a[2]);
const unit = (a: Vec): Vec => {
  const n = norm(a);
  return [a[0] / n, a[1] / n, a[2] / n];
};
const neg = (a: Vec): Vec => [-a[0], -a[1], -a[2]];
/** The angle between two unit vectors, robust for tiny and near-antipodal angles. */
const angle = (a: Vec, b: Vec) => Math.atan2(norm(cross(a, b)), dot(a, b));
const EPS = 1e-12;

/** Great-circle distance in metres between two [lng, lat] positions (the haversine formula). */
export function haversineMetres(a: Position, b: Position): number {
  const rad = Math.PI / 180;
  const dφ = (b[1] - a[1]) * rad;
  const dλ = (b[0] - a[0]) * rad;
  const h = Math.sin(dφ / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dλ / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The angle from p to the closest point of the arc a-b. */
function arcDistance(p: Vec, a: Vec, b: Vec): number {
  const c = cross(a, b);
  if (norm(c) < EPS) return Math.min(angle(p, a), angle(p, b));
  const n = unit(c);
  const q = [p[0] - dot(p, n) * n[0], p[1] - dot(p, n) * n[1], p[2] - dot(p, n) * n[2]] as Vec;
  if (norm(q) > EPS) {
    const qu = unit(q);
    if (dot(cross(a, qu), c) >= 0 && dot(cross(qu, b), c) >= 0) return Math.abs(Math.asin(Math.max(-1, Math.min(1, dot(p, n)))));
  }
  return Math.min(angle(p, a), angle(p, b));
}

function arcsCross(a: Vec, b: Vec, c: Vec, d: Vec): boolean {
  const n1 = cross(a, b);
  const n2 = cross(c, d);
  const x = cross(n1, n2);
  if (norm(x) < EPS) {
    // Same great circle: they meet when an end point of one lies on the other.
    return [c, d].some((p) => arcDistance(p, a, b) < 1e-10) || [a, b].some((p) => arcDistance(p, c, d) < 1e-10);
  }
  const xu = unit(x);
  for (const cand of [xu, neg(xu)]) {
    if (arcDistance(cand, a, b) < 1e-10 && arcDistance(cand, c, d) < 1e-10) return true;
  }
  return false;
}

/**
 * Inside a ring (a closed loop smaller than a hemisphere, as MongoDB reads GeoJSON polygons): the winding angle of the
 * ring around p is a full turn, and p is on the ring's side of the sphere.
 */
function inRing(p: Vec, ring: Vec[]): boolean {
  let centre: Vec = [0, 0, 0];
  for (const v of ring) centre = [centre[0] + v[0], centre[1] + v[1], centre[2] + v[2]];
  if (dot(p, centre) <= 0) return false;
  let winding = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i];
    const b = ring[i + 1];
    if (arcDistance(p, a, b) < 1e-10) return true; // on the boundary
    const ta = [a[0] - dot(p, a) * p[0], a[1] - dot(p, a) * p[1], a[2] - dot(p, a) * p[2]] as Vec;
    const tb = [b[0] - dot(p, b) * p[0], b[1] - dot(p, b) * p[1], b[2] - dot(p, b) * p[2]] as Vec;
    winding += Math.atan2(dot(p, cross(ta, tb)), dot(ta, tb));
  }
  return Math.abs(winding) > Math.PI;
}

const inPolygon = (p: Vec, rings: Vec[][]) => inRing(p, rings[0]) && !rings.slice(1).some((hole) => inRing(p, hole) && !onRing(p, hole));
const onRing = (p: Vec, ring: Vec[]) => ring.some((a, i) => i + 1 < ring.length && arcDistance(p, a, ring[i + 1]) < 1e-10);
const ringArcs = (ring: Vec[]): [Vec, Vec][] => ring.slice(0, -1).map((a, i) => [a, ring[i + 1]]);
const polygonArcs = (rings: Vec[][]) => rings.flatMap(ringArcs);

// ---- parsing ----
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Why a value is not a geometry MongoDB's 2dsphere index accepts; null when it is one. */
export function geometryProblem(value: unknown): string | null {
  try {
    parseGeometry(value);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

function position(v: unknown): Position {
  if (!Array.isArray(v) || v.length < 2 || !v.every(isNum)) throw new Error('Point must only contain numeric elements');
  const [lng, lat] = v as number[];
  if (lng < -180 || lng > 180 || lat < -90 || lat > 90) throw new Error(`longitude/latitude is out of bounds, lng: ${lng} lat: ${lat}`);
  return [lng, lat];
}

function ring(v: unknown): Vec[] {
  if (!Array.isArray(v)) throw new Error('Polygon coordinates must be an array');
  const ps = v.map(position);
  if (ps.length < 4) throw new Error('Loop must have at least 3 different vertices');
  const [f, l] = [ps[0], ps[ps.length - 1]];
  if (f[0] !== l[0] || f[1] !== l[1]) throw new Error('Loop is not closed, first vertex does not equal last vertex');
  return ps.map(toVec);
}

function line(v: unknown): Vec[] {
  if (!Array.isArray(v) || v.length < 2) throw new Error('GeoJSON LineString must have at least 2 vertices');
  return v.map((p) => toVec(position(p)));
}

/** A GeoJSON geometry or a legacy [lng, lat] pair; throws with MongoDB's reason otherwise. */
function parseGeometry(value: unknown): Shape {
  const shape: Shape = { points: [], arcs: [], polygons: [] };
  if (Array.isArray(value)) {
    shape.points.push(toVec(position(value)));
    return shape;
  }
  if (!value || typeof value !== 'object') throw new Error('geo element must be an array or object');
  const { type, coordinates: c } = value as { type?: unknown; coordinates?: unknown };
  const addLine = (l: Vec[]) => shape.arcs.push(...l.slice(0, -1).map((a, i): [Vec, Vec] => [a, l[i + 1]]));
  const list = (v: unknown, what: string): unknown[] => {
    if (!Array.isArray(v) || v.length === 0) throw new Error(`${what} coordinates must be a non-empty array`);
    return v;
  };
  switch (type) {
    case 'Point':
      shape.points.push(toVec(position(c)));
      break;
    case 'MultiPoint':
      for (const p of list(c, 'MultiPoint')) shape.points.push(toVec(position(p)));
      break;
    case 'LineString':
      addLine(line(c));
      break;
    case 'MultiLineString':
      for (const l of list(c, 'MultiLineString')) addLine(line(l));
      break;
    case 'Polygon':
      shape.polygons.push(list(c, 'Polygon').map(ring));
      break;
    case 'MultiPolygon':
      for (const p of list(c, 'MultiPolygon')) shape.polygons.push(list(p, 'Polygon').map(ring));
      break;
    default:
      throw new Error(`unknown GeoJSON type: ${JSON.stringify(value)}`);
  }
  return shape;
}

/** The query's own geometry: a bad one is the caller's mistake. */
function queryGeometry(value: unknown, op: string): Shape {
  try {
    return parseGeometry(value);
  } catch (e) {
    throw invalidParam(`${op}: ${(e as Error).message}`);
  }
}

/** Values stored at a field that count as geometries (an array of geometries counts element by element). */
function storedShapes(value: unknown): Shape[] {
  if (value === undefined || value === null) return [];
  const candidates = Array.isArray(value) && !value.every(isNum) ? value : [value];
  const out: Shape[] = [];
  for (const v of candidates) {
    try {
      out.push(parseGeometry(v));
    } catch {
      // not a geometry: never matches a geo operator
    }
  }
  return out;
}

const vertices = (s: Shape): Vec[] => [...s.points, ...s.arcs.flat(), ...s.polygons.flat(2)];
const allArcs = (s: Shape): [Vec, Vec][] => [...s.arcs, ...s.polygons.flatMap(polygonArcs)];

/** The angle from p to the nearest point of a shape (0 inside a polygon). */
function shapeDistance(p: Vec, s: Shape): number {
  if (s.polygons.some((rings) => inPolygon(p, rings))) return 0;
  let best = Infinity;
  for (const q of s.points) best = Math.min(best, angle(p, q));
  for (const [a, b] of allArcs(s)) best = Math.min(best, arcDistance(p, a, b));
  return best;
}

function within(s: Shape, region: Shape): boolean {
  const vs = vertices(s);
  if (!vs.length) return false;
  const inside = (p: Vec) => region.polygons.some((rings) => inPolygon(p, rings));
  if (!vs.every(inside)) return false;
  // Every vertex inside; no edge may leave the region through its boundary.
  const edges = allArcs(s);
  const boundary = region.polygons.flatMap(polygonArcs);
  return !edges.some(([a, b]) => boundary.some(([c, d]) => properCross(a, b, c, d)));
}

/** Crossing in the interior of both arcs (touching at a vertex or along the boundary stays within). */
function properCross(a: Vec, b: Vec, c: Vec, d: Vec): boolean {
  if (!arcsCross(a, b, c, d)) return false;
  const touches = [a, b].some((p) => arcDistance(p, c, d) < 1e-10) || [c, d].some((p) => arcDistance(p, a, b) < 1e-10);
  return !touches;
}

function intersects(s: Shape, g: Shape): boolean {
  const hit = (p: Vec, shape: Shape) => shapeDistance(p, shape) < 1e-10;
  if (vertices(s).some((p) => hit(p, g)) || vertices(g).some((p) => hit(p, s))) return true;
  const ga = allArcs(g);
  return allArcs(s).some(([a, b]) => ga.some(([c, d]) => arcsCross(a, b, c, d)));
}

// ---- query operators ----
function valuesAt(doc: Record<string, unknown>, selector: string): unknown {
  return resolve(doc, selector, { unwrapArray: true });
}

interface NearSpec {
  centre: Vec;
  centrePosition: Position;
  /** Metres for a GeoJSON centre; radians for a legacy pair. */
  min: number;
  max: number;
  metres: boolean;
}

function nearSpec(op: string, value: any): NearSpec {
  if (!value || typeof value !== 'object') throw invalidParam(`${op} must be an object`);
  const g = Array.isArray(value) ? value : value.$geometry;
  if (g === undefined) throw invalidParam(`${op} requires $geometry (a GeoJSON Point)`);
  const pos = Array.isArray(g) ? g : g?.type === 'Point' ? g.coordinates : null;
  if (!pos) throw invalidParam(`${op} requires a GeoJSON Point, got ${JSON.stringify(g)}`);
  let p: Position;
  try {
    p = position(pos);
  } catch (e) {
    throw invalidParam(`${op}: ${(e as Error).message}`);
  }
  const bound = (v: unknown, name: string, fallback: number) => {
    if (v === undefined || v === null) return fallback;
    if (!isNum(v) || v < 0) throw invalidParam(`${name} must be a non-negative number`);
    return v;
  };
  return {
    centre: toVec(p),
    centrePosition: p,
    min: bound(Array.isArray(value) ? undefined : value.$minDistance, '$minDistance', 0),
    max: bound(Array.isArray(value) ? undefined : value.$maxDistance, '$maxDistance', Infinity),
    metres: !Array.isArray(g),
  };
}

/** The distance of a stored value from a near spec (metres or radians), or null when it holds no geometry. */
function distanceOf(value: unknown, spec: NearSpec): number | null {
  const shapes = storedShapes(value);
  if (!shapes.length) return null;
  const rad = Math.min(...shapes.map((s) => shapeDistance(spec.centre, s)));
  return spec.metres ? rad * EARTH_RADIUS_M : rad;
}

const nearOperator = (op: string) => (selector: string, value: unknown) => {
  const spec = nearSpec(op, value);
  return (doc: Record<string, unknown>) => {
    const d = distanceOf(valuesAt(doc, selector), spec);
    return d !== null && d >= spec.min && d <= spec.max;
  };
};

useOperators(OpType.QUERY, {
  $geoWithin: (selector: string, value: any) => {
    if (!value || typeof value !== 'object') throw invalidParam('$geoWithin must be an object');
    if (value.$centerSphere !== undefined) {
      const cs = value.$centerSphere;
      if (!Array.isArray(cs) || cs.length !== 2 || !isNum(cs[1]) || cs[1] < 0) throw invalidParam('$centerSphere must be [[lng, lat], radius in radians]');
      const centre = toVec(position(cs[0]));
      const radius = cs[1];
      // A cap smaller than a hemisphere is convex: a shape is within it when all its vertices are.
      return (doc: Record<string, unknown>) =>
        storedShapes(valuesAt(doc, selector)).some((s) => vertices(s).every((p) => angle(p, centre) <= radius + 1e-12));
    }
    if (value.$geometry === undefined) {
      const legacy = Object.keys(value).find((k) => ['$box', '$center', '$polygon'].includes(k));
      throw invalidParam(legacy ? `$geoWithin ${legacy} (legacy 2d) is not emulated by the local cloud` : '$geoWithin requires $geometry or $centerSphere');
    }
    const region = queryGeometry(value.$geometry, '$geoWithin');
    if (!region.polygons.length || region.points.length || region.arcs.length) throw invalidParam('$geoWithin $geometry must be a Polygon or MultiPolygon');
    return (doc: Record<string, unknown>) => storedShapes(valuesAt(doc, selector)).some((s) => within(s, region));
  },
  $geoIntersects: (selector: string, value: any) => {
    if (!value || typeof value !== 'object' || value.$geometry === undefined) throw invalidParam('$geoIntersects requires $geometry');
    const g = queryGeometry(value.$geometry, '$geoIntersects');
    return (doc: Record<string, unknown>) => storedShapes(valuesAt(doc, selector)).some((s) => intersects(s, g));
  },
  $near: nearOperator('$near'),
  $nearSphere: nearOperator('$nearSphere'),
} as any);

// ---- ordering and index rules ----
const NEAR_OPS = ['$near', '$nearSphere'];

/** The near conditions of a query: top-level fields and inside $and, as MongoDB allows them. */
function nearConditions(query: Record<string, any>, out: Array<{ field: string; op: string; value: unknown }> = []) {
  for (const [field, cond] of Object.entries(query ?? {})) {
    if (field === '$and' && Array.isArray(cond)) {
      for (const part of cond) if (part && typeof part === 'object') nearConditions(part, out);
      continue;
    }
    if (field.startsWith('$') || !cond || typeof cond !== 'object' || Array.isArray(cond)) continue;
    for (const op of NEAR_OPS) if (op in cond) out.push({ field, op, value: (cond as any)[op] });
  }
  return out;
}

/** Whether a query holds a near operator anywhere (also under $or / $nor / $not). */
function hasNear(v: unknown): boolean {
  if (!v || typeof v !== 'object') return false;
  if (Array.isArray(v)) return v.some(hasNear);
  return Object.entries(v).some(([k, x]) => NEAR_OPS.includes(k) || hasNear(x));
}

const noGeoIndex = (coll: string, field: string) =>
  requestFailed(
    `error processing query: ns=${coll} Tree: GEONEAR field=${field} ... planner returned error :: caused by :: unable to find index for $geoNear query`,
  );

/**
 * For a find: the matched documents ordered nearest first when the query holds $near / $nearSphere (which needs a
 * 2dsphere index on its field, as on the real service); unchanged otherwise.
 */
export function orderNear(coll: Collection, query: Record<string, any>, docs: Doc[]): Doc[] {
  if (!hasNear(query)) return docs;
  const near = nearConditions(query);
  if (near.length === 0) throw invalidParam('geoNear must be top-level expr');
  if (near.length > 1) throw invalidParam('Too many geoNear expressions');
  const { field, op, value } = near[0];
  if (!coll.indexes.geo.includes(field)) throw noGeoIndex(coll.name, field);
  const spec = nearSpec(op, value);
  return docs
    .map((doc, i) => ({ doc, i, d: distanceOf(valuesAt(doc, field), spec) ?? Infinity }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .map((x) => x.doc);
}

const notAllowed = () => invalidParam('$geoNear, $near, and $nearSphere are not allowed in this context');

/**
 * A pipeline that starts with $geoNear: its output (nearest first, with the distance field) and the remaining
 * stages. null for any other pipeline. Throws as the real service does for a $geoNear that is not the first stage, a
 * $near inside $match, or a collection without (or with more than one, and no `key`) 2dsphere index.
 */
export function leadingGeoNear(coll: Collection, pipeline: Record<string, any>[]): { docs: Doc[]; stages: Record<string, any>[] } | null {
  pipeline.forEach((stage, i) => {
    if (i > 0 && stage && '$geoNear' in stage) throw invalidParam('$geoNear is only valid as the first stage in a pipeline.');
    if (stage && '$match' in stage && hasNear(stage.$match)) throw notAllowed();
  });
  const first = pipeline[0];
  if (!first || !('$geoNear' in first)) return null;
  const spec = first.$geoNear ?? {};
  if (typeof spec !== 'object' || Array.isArray(spec)) throw invalidParam('$geoNear argument must be an object');
  if (typeof spec.distanceField !== 'string' || !spec.distanceField) throw invalidParam("$geoNear requires a 'distanceField' option as a String");
  if (spec.near === undefined) throw invalidParam("$geoNear requires a 'near' option as an Array");
  if (spec.query !== undefined && hasNear(spec.query)) throw notAllowed();
  const geoFields = coll.indexes.geo;
  let field: string;
  if (spec.key !== undefined) {
    if (typeof spec.key !== 'string' || !spec.key) throw invalidParam('$geoNear parameter \'key\' must be of type string');
    if (!geoFields.includes(spec.key)) throw requestFailed(`no geo index found for key '${spec.key}' on ${coll.name} for $geoNear`);
    field = spec.key;
  } else if (geoFields.length === 0) {
    throw requestFailed('$geoNear requires a 2d or 2dsphere index, but none were found');
  } else if (geoFields.length > 1) {
    throw requestFailed(`There is more than one 2dsphere index on ${coll.name}; unsure which to use for $geoNear`);
  } else {
    field = geoFields[0];
  }
  const near = nearSpec('$geoNear near', Array.isArray(spec.near) ? spec.near : { $geometry: spec.near, $minDistance: spec.minDistance, $maxDistance: spec.maxDistance });
  if (Array.isArray(spec.near)) {
    // A legacy pair: distances (and bounds) in radians.
    near.min = isNum(spec.minDistance) ? spec.minDistance : 0;
    near.max = isNum(spec.maxDistance) ? spec.maxDistance : Infinity;
  }
  if (spec.limit !== undefined && (!Number.isInteger(spec.limit) || spec.limit <= 0)) throw invalidParam('$geoNear limit must be a positive integer');
  if (spec.distanceMultiplier !== undefined && (!isNum(spec.distanceMultiplier) || spec.distanceMultiplier < 0)) {
    throw invalidParam('distanceMultiplier must be a non-negative number');
  }
  const filter = spec.query && Object.keys(spec.query).length ? new Query(spec.query, { scriptEnabled: false }) : null;
  const scored: Array<{ doc: Doc; i: number; d: number }> = [];
  let i = 0;
  for (const doc of coll.liveDocs()) {
    i++;
    if (filter && !filter.test(doc)) continue;
    const d = distanceOf(valuesAt(doc, field), near);
    if (d === null || d < near.min || d > near.max) continue;
    scored.push({ doc, i, d });
  }
  scored.sort((a, b) => a.d - b.d || a.i - b.i);
  const picked = spec.limit ? scored.slice(0, spec.limit) : scored;
  const multiplier = isNum(spec.distanceMultiplier) ? spec.distanceMultiplier : 1;
  const docs = picked.map(({ doc, d }) => {
    const out = cloneValue(doc);
    setValue(out, spec.distanceField, d * multiplier);
    if (typeof spec.includeLocs === 'string' && spec.includeLocs) setValue(out, spec.includeLocs, cloneValue(resolve(doc, field)));
    return out;
  });
  return { docs, stages: pipeline.slice(1) };
}

