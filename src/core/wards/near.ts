import type { Db } from "../../db/client.js";

/** The wards whose centroids are nearest a shared location (when no imported boundary holds it). */
export async function wardsNear(db: Db, lat: number, lng: number, limit = 5): Promise<string[]> {
  const rows = await db.$queryRaw<Array<{ code: string }>>`
    SELECT code FROM "Ward"
    WHERE "centroidLat" IS NOT NULL AND "centroidLng" IS NOT NULL
    ORDER BY ("centroidLat" - ${lat}) * ("centroidLat" - ${lat}) + (("centroidLng" - ${lng}) * cos(radians(${lat}))) * (("centroidLng" - ${lng}) * cos(radians(${lat})))
    LIMIT ${limit}`;
  return rows.map((r) => r.code);
}
