import type { Db } from "./client.js";
import { createBoundaryIndex, parseBoundaryCollection, type Geometry } from "../core/wards/geo.js";
import { NO_BOUNDARIES, type BoundaryLocator } from "../core/wards/locator.js";

/** Stores ward boundaries (and their centroids) from a GeoJSON FeatureCollection. */
export async function importBoundaries(db: Db, json: unknown, codeProperty: string): Promise<{ imported: number; skipped: Array<{ index: number; reason: string }> }> {
  const { boundaries, skipped } = parseBoundaryCollection(json, { codeProperty });
  let imported = 0;
  for (const b of boundaries) {
    const r = await db.ward.updateMany({
      where: { code: b.wardCode },
      data: { boundary: b.geometry as object, centroidLat: b.centroid.lat, centroidLng: b.centroid.lng },
    });
    if (r.count) imported++;
    else skipped.push({ index: -1, reason: `no ward with code ${b.wardCode}` });
  }
  return { imported, skipped };
}

/** Builds the point-in-ward index from the boundaries in the database (none: every lookup is null). */
export async function loadBoundaryLocator(db: Db): Promise<BoundaryLocator> {
  const rows = await db.ward.findMany({ where: { boundary: { not: { equals: null } } }, select: { code: true, boundary: true } }).catch(() => []);
  if (!rows.length) return NO_BOUNDARIES;
  const features = rows.map((r) => ({ type: "Feature", properties: { code: r.code }, geometry: r.boundary as unknown as Geometry }));
  const { boundaries } = parseBoundaryCollection({ type: "FeatureCollection", features }, { codeProperty: "code" });
  const index = createBoundaryIndex(boundaries);
  return { locate: (lat, lng) => index.locate(lat, lng), size: boundaries.length };
}
