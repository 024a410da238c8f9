import { z } from "zod";

/** A GeoJSON position: [longitude, latitude] (an altitude, if any, is kept and ignored). */
export type Position = number[];
export interface Polygon {
  type: "Polygon";
  /** Outer ring first, then holes; each ring a closed list of [lng, lat]. */
  coordinates: Position[][];
}
export interface MultiPolygon {
  type: "MultiPolygon";
  coordinates: Position[][][];
}
export type Geometry = Polygon | MultiPolygon;

export interface LatLng {
  lat: number;
  lng: number;
}

export interface BBox {
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}

export interface WardBoundary {
  /** Five digits, leading zeros restored ("4" → "00004"). */
  wardCode: string;
  geometry: Geometry;
  centroid: LatLng;
  bbox: BBox;
}

export interface BoundaryParseResult {
  boundaries: WardBoundary[];
  /** Features left out, by their index in `features`, with why. */
  skipped: Array<{ index: number; reason: string }>;
}

export interface BoundaryIndex {
  /** Code of the ward whose boundary contains the point (the smallest, where boundaries overlap), or null. */
  locate(lat: number, lng: number): string | null;
  readonly size: number;
}

/** Why a ring is not a valid GeoJSON linear ring of [lng, lat] positions, or null. Hand-written: boundary files hold millions of positions. */
function ringProblem(r: unknown): string | null {
  if (!Array.isArray(r)) return "a ring must be an array of positions";
  if (r.length < 4) return "a ring needs at least 4 positions";
  for (const p of r as unknown[]) {
    if (!Array.isArray(p) || p.length < 2) return "a position must be [longitude, latitude]";
    const [x, y] = p as unknown[];
    if (typeof x !== "number" || typeof y !== "number" || !Number.isFinite(x) || !Number.isFinite(y)) {
      return "a position must hold finite numbers";
    }
    if (Math.abs(x) > 180 || Math.abs(y) > 90) return `position [${x}, ${y}] is outside ±180° longitude, ±90° latitude`;
  }
  return null;
}

function polygonProblem(rings: unknown): string | null {
  if (!Array.isArray(rings) || rings.length === 0) return "a polygon needs at least its outer ring";
  for (const r of rings as unknown[]) {
    const p = ringProblem(r);
    if (p) return p;
  }
  return null;
}

const polygonSchema = z.object({
  type: z.literal("Polygon"),
  coordinates: z.custom<Position[][]>((c) => polygonProblem(c) === null, { error: (i) => polygonProblem(i.input) ?? "invalid polygon" }),
});
const multiPolygonSchema = z.object({
  type: z.literal("MultiPolygon"),
  coordinates: z.custom<Position[][][]>(
    (c) => Array.isArray(c) && c.length > 0 && (c as unknown[]).every((poly) => polygonProblem(poly) === null),
    {
      error: (i) =>
        Array.isArray(i.input) && i.input.length > 0
          ? ((i.input as unknown[]).map(polygonProblem).find((p) => p !== null) ?? "invalid multipolygon")
          : "a MultiPolygon needs at least one polygon",
    },
  ),
});
const geometrySchema = z.discriminatedUnion("type", [polygonSchema, multiPolygonSchema]);

const collectionSchema = z.object({ type: z.literal("FeatureCollection"), features: z.array(z.unknown()) });
const featureSchema = z.object({
  type: z.literal("Feature"),
  properties: z.record(z.string(), z.unknown()).nullable().optional(),
  geometry: z.object({ type: z.string() }).loose().nullable(),
});

/** "4", 4, "00004" → "00004"; anything but 1–5 digits → null. */
export function normalizeWardCode(value: unknown): string | null {
  const s = typeof value === "number" && Number.isInteger(value) && value >= 0 ? String(value) : typeof value === "string" ? value.trim() : "";
  return /^\d{1,5}$/.test(s) ? s.padStart(5, "0") : null;
}

function polygonsOf(g: Geometry): Position[][][] {
  return g.type === "Polygon" ? [g.coordinates] : g.coordinates;
}

/** Signed area (shoelace, in degrees²) and area-weighted centroid of one ring. */
function ringMoments(r: Position[]): { area: number; cx: number; cy: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  const n = r.length;
  if (n < 3) return { area: 0, cx: 0, cy: 0 };
  // Relative to the first vertex, for precision.
  const x0 = r[0]?.[0] ?? 0;
  const y0 = r[0]?.[1] ?? 0;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = (r[i]?.[0] ?? 0) - x0;
    const yi = (r[i]?.[1] ?? 0) - y0;
    const xj = (r[j]?.[0] ?? 0) - x0;
    const yj = (r[j]?.[1] ?? 0) - y0;
    const f = xj * yi - xi * yj;
    a += f;
    cx += (xj + xi) * f;
    cy += (yj + yi) * f;
  }
  a /= 2;
  if (a === 0) return { area: 0, cx: 0, cy: 0 };
  return { area: a, cx: cx / (6 * a) + x0, cy: cy / (6 * a) + y0 };
}

/** Area in degrees² (holes subtracted): only to compare boundaries with each other. */
export function planarArea(g: Geometry): number {
  let total = 0;
  for (const poly of polygonsOf(g)) {
    poly.forEach((r, k) => {
      const a = Math.abs(ringMoments(r).area);
      total += k === 0 ? a : -a;
    });
  }
  return Math.max(0, total);
}

/**
 * Area-weighted centroid (holes subtracted, all parts of a MultiPolygon weighted by area), in the plane
 * of longitude/latitude: accurate at ward scale. Degenerate shapes fall back to the mean vertex.
 */
export function centroid(g: Geometry): LatLng {
  let sa = 0;
  let sx = 0;
  let sy = 0;
  let vx = 0;
  let vy = 0;
  let vn = 0;
  for (const poly of polygonsOf(g)) {
    poly.forEach((r, k) => {
      const m = ringMoments(r);
      const a = Math.abs(m.area) * (k === 0 ? 1 : -1);
      sa += a;
      sx += m.cx * a;
      sy += m.cy * a;
      for (const p of r) {
        vx += p[0] ?? 0;
        vy += p[1] ?? 0;
        vn++;
      }
    });
  }
  if (Math.abs(sa) > 1e-18) return { lat: sy / sa, lng: sx / sa };
  return vn > 0 ? { lat: vy / vn, lng: vx / vn } : { lat: Number.NaN, lng: Number.NaN };
}

export function bboxOf(g: Geometry): BBox {
  const b: BBox = { minLng: Infinity, minLat: Infinity, maxLng: -Infinity, maxLat: -Infinity };
  for (const poly of polygonsOf(g)) {
    for (const p of poly[0] ?? []) {
      const x = p[0] ?? 0;
      const y = p[1] ?? 0;
      if (x < b.minLng) b.minLng = x;
      if (x > b.maxLng) b.maxLng = x;
      if (y < b.minLat) b.minLat = y;
      if (y > b.maxLat) b.maxLat = y;
    }
  }
  return b;
}

/** Ray casting (even–odd) against one ring; x = lng, y = lat. */
function inRing(r: Position[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    const xi = r[i]?.[0] ?? 0;
    const yi = r[i]?.[1] ?? 0;
    const xj = r[j]?.[0] ?? 0;
    const yj = r[j]?.[1] ?? 0;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** True when (lat, lng) lies inside the geometry: inside an outer ring and outside that polygon's holes. */
export function containsPoint(g: Geometry, lat: number, lng: number): boolean {
  for (const poly of polygonsOf(g)) {
    const [outer, ...holes] = poly;
    if (!outer || !inRing(outer, lng, lat)) continue;
    if (!holes.some((h) => inRing(h, lng, lat))) return true;
  }
  return false;
}

/**
 * Reads ward boundaries from a GeoJSON FeatureCollection. Features without the code property, with an
 * invalid code, or with a geometry other than Polygon/MultiPolygon are skipped with a reason.
 * Throws when the input is not a FeatureCollection at all.
 */
export function parseBoundaryCollection(json: unknown, opts: { codeProperty: string }): BoundaryParseResult {
  const fc = collectionSchema.safeParse(json);
  if (!fc.success) throw new Error(`not a GeoJSON FeatureCollection:\n${z.prettifyError(fc.error)}`);
  const boundaries: WardBoundary[] = [];
  const skipped: BoundaryParseResult["skipped"] = [];
  fc.data.features.forEach((raw, index) => {
    const f = featureSchema.safeParse(raw);
    if (!f.success) return void skipped.push({ index, reason: "not a GeoJSON Feature" });
    const value = f.data.properties?.[opts.codeProperty];
    if (value === undefined || value === null || value === "") {
      return void skipped.push({ index, reason: `no "${opts.codeProperty}" property` });
    }
    const wardCode = normalizeWardCode(value);
    if (!wardCode) return void skipped.push({ index, reason: `"${opts.codeProperty}" is not a ward code: ${JSON.stringify(value)}` });
    if (!f.data.geometry) return void skipped.push({ index, reason: "no geometry" });
    const type = f.data.geometry.type;
    if (type !== "Polygon" && type !== "MultiPolygon") {
      return void skipped.push({ index, reason: `unsupported geometry type ${type} (only Polygon and MultiPolygon)` });
    }
    const g = geometrySchema.safeParse(f.data.geometry);
    if (!g.success) {
      const issue = g.error.issues[0];
      return void skipped.push({ index, reason: `invalid ${type} coordinates: ${issue?.message ?? "?"}` });
    }
    const geometry: Geometry = g.data;
    boundaries.push({ wardCode, geometry, centroid: centroid(geometry), bbox: bboxOf(geometry) });
  });
  return { boundaries, skipped };
}

/** Point-in-ward lookup: bounding-box prefilter, then point-in-polygon with holes. */
export function createBoundaryIndex(boundaries: ReadonlyArray<Pick<WardBoundary, "wardCode" | "geometry"> & { bbox?: BBox }>): BoundaryIndex {
  const items = boundaries.map((b) => ({ wardCode: b.wardCode, geometry: b.geometry, bbox: b.bbox ?? bboxOf(b.geometry), area: -1 }));
  const minLng = new Float64Array(items.map((i) => i.bbox.minLng));
  const minLat = new Float64Array(items.map((i) => i.bbox.minLat));
  const maxLng = new Float64Array(items.map((i) => i.bbox.maxLng));
  const maxLat = new Float64Array(items.map((i) => i.bbox.maxLat));
  return {
    size: items.length,
    locate(lat, lng) {
      if (!Number.isFinite(lat) || !Number.isFinite(lng)) return null;
      let best: (typeof items)[number] | undefined;
      for (let i = 0; i < items.length; i++) {
        if (lng < (minLng[i] ?? 0) || lng > (maxLng[i] ?? 0) || lat < (minLat[i] ?? 0) || lat > (maxLat[i] ?? 0)) continue;
        const item = items[i];
        if (!item || !containsPoint(item.geometry, lat, lng)) continue;
        if (item.area < 0) item.area = planarArea(item.geometry);
        if (!best || item.area < best.area) best = item;
      }
      return best?.wardCode ?? null;
    },
  };
}

const EARTH_RADIUS_KM = 6371.0088;
const rad = (d: number): number => (d * Math.PI) / 180;

/** Great-circle distance in kilometres. */
export function haversineKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const dLat = rad(lat2 - lat1);
  const dLng = rad(lng2 - lng1);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The n points closest to (lat, lng), nearest first, with their distance in km (one entry per ward code). */
export function nearest(
  points: ReadonlyArray<{ wardCode: string; lat: number; lng: number }>,
  lat: number,
  lng: number,
  n: number,
): Array<{ wardCode: string; km: number }> {
  if (!(n > 0) || !Number.isFinite(lat) || !Number.isFinite(lng)) return [];
  const best = new Map<string, number>();
  for (const p of points) {
    if (!Number.isFinite(p.lat) || !Number.isFinite(p.lng)) continue;
    const km = haversineKm(lat, lng, p.lat, p.lng);
    const prev = best.get(p.wardCode);
    if (prev === undefined || km < prev) best.set(p.wardCode, km);
  }
  return [...best]
    .map(([wardCode, km]) => ({ wardCode, km }))
    .sort((a, b) => a.km - b.km || a.wardCode.localeCompare(b.wardCode))
    .slice(0, Math.floor(n));
}
