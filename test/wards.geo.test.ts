import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  centroid,
  containsPoint,
  createBoundaryIndex,
  haversineKm,
  nearest,
  normalizeWardCode,
  parseBoundaryCollection,
  type Geometry,
  type Position,
} from "../src/core/wards/geo.js";

/** A closed square ring, [lng, lat], counter-clockwise. */
function square(lng: number, lat: number, size: number): Position[] {
  return [
    [lng, lat],
    [lng + size, lat],
    [lng + size, lat + size],
    [lng, lat + size],
    [lng, lat],
  ];
}

const feature = (code: unknown, geometry: unknown, extra: Record<string, unknown> = {}) => ({
  type: "Feature",
  properties: code === undefined ? { ...extra } : { ma_xa: code, ...extra },
  geometry,
});
const collection = (...features: unknown[]) => ({ type: "FeatureCollection", features });

// Around Hoàn Kiếm lake: a ward with the lake cut out, a ward beside it, an island ward in two parts.
const WITH_HOLE: Geometry = { type: "Polygon", coordinates: [square(105.84, 21.02, 0.02), square(105.848, 21.028, 0.004)] };
const BESIDE: Geometry = { type: "Polygon", coordinates: [square(105.86, 21.02, 0.02)] };
const ISLANDS: Geometry = { type: "MultiPolygon", coordinates: [[square(106.0, 20.0, 0.01)], [square(106.1, 20.0, 0.01)]] };

describe("parseBoundaryCollection", () => {
  it("reads Polygon and MultiPolygon wards, restoring the codes' leading zeros", () => {
    const { boundaries, skipped } = parseBoundaryCollection(
      collection(feature("70", WITH_HOLE), feature(73, BESIDE), feature("26882", ISLANDS)),
      { codeProperty: "ma_xa" },
    );
    expect(skipped).toEqual([]);
    expect(boundaries.map((b) => b.wardCode)).toEqual(["00070", "00073", "26882"]);
    expect(boundaries[1]?.bbox).toEqual({ minLng: 105.86, minLat: 21.02, maxLng: 105.88, maxLat: 21.04 });
    expect(boundaries[1]?.centroid.lat).toBeCloseTo(21.03, 9);
    expect(boundaries[1]?.centroid.lng).toBeCloseTo(105.87, 9);
  });

  it("skips features it cannot use, saying why, and keeps the rest", () => {
    const { boundaries, skipped } = parseBoundaryCollection(
      collection(
        feature("00004", BESIDE),
        feature(undefined, BESIDE, { name: "Phường X" }),
        feature("00008", { type: "LineString", coordinates: [[105.8, 21], [105.9, 21.1]] }),
        feature("00009", { type: "Point", coordinates: [105.8, 21] }),
        feature("ABC", BESIDE),
        feature("123456", BESIDE),
        feature("00010", null),
        feature("00011", { type: "Polygon", coordinates: [[[105.8, 21], [105.9, 21]]] }),
        feature("00012", { type: "Polygon", coordinates: [square(205, 21, 1)] }),
        feature("00013", { type: "MultiPolygon", coordinates: [] }),
        "not a feature",
        { type: "Feature", properties: null, geometry: BESIDE },
      ),
      { codeProperty: "ma_xa" },
    );
    expect(boundaries.map((b) => b.wardCode)).toEqual(["00004"]);
    const reasons = Object.fromEntries(skipped.map((s) => [s.index, s.reason]));
    expect(Object.keys(reasons).map(Number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(reasons[1]).toMatch(/no "ma_xa" property/);
    expect(reasons[2]).toMatch(/unsupported geometry type LineString/);
    expect(reasons[3]).toMatch(/unsupported geometry type Point/);
    expect(reasons[4]).toMatch(/not a ward code/);
    expect(reasons[5]).toMatch(/not a ward code/);
    expect(reasons[6]).toMatch(/no geometry/);
    expect(reasons[7]).toMatch(/at least 4 positions/);
    expect(reasons[8]).toMatch(/outside/);
    expect(reasons[9]).toMatch(/at least one polygon/);
    expect(reasons[10]).toMatch(/not a GeoJSON Feature/);
    expect(reasons[11]).toMatch(/no "ma_xa" property/);
  });

  it("refuses input that is not a FeatureCollection", () => {
    expect(() => parseBoundaryCollection({ type: "Feature" }, { codeProperty: "code" })).toThrow(/FeatureCollection/);
    expect(() => parseBoundaryCollection(null, { codeProperty: "code" })).toThrow(/FeatureCollection/);
  });

  it("normalises ward codes", () => {
    expect(normalizeWardCode("4")).toBe("00004");
    expect(normalizeWardCode(26882)).toBe("26882");
    expect(normalizeWardCode(" 00004 ")).toBe("00004");
    expect(normalizeWardCode("4.5")).toBeNull();
    expect(normalizeWardCode(-4)).toBeNull();
    expect(normalizeWardCode(true)).toBeNull();
  });
});

describe("locating the ward of a point", () => {
  const { boundaries } = parseBoundaryCollection(
    collection(feature("70", WITH_HOLE), feature("73", BESIDE), feature("26882", ISLANDS), feature("00099", { type: "Polygon", coordinates: [square(105.848, 21.028, 0.004)] })),
    { codeProperty: "ma_xa" },
  );
  const index = createBoundaryIndex(boundaries);

  it("finds the ward on either side of a shared edge (GeoJSON is [lng, lat])", () => {
    // 00070 and 00073 share the meridian 105.86.
    expect(index.locate(21.035, 105.859)).toBe("00070");
    expect(index.locate(21.035, 105.861)).toBe("00073");
    // Swapping lat and lng lands nowhere near Vietnam.
    expect(index.locate(105.859, 21.035)).toBeNull();
    expect(index.size).toBe(4);
  });

  it("respects holes: a point in the hole belongs to the ward filling it, not the one around it", () => {
    // The hole of 00070 spans lat 21.028–21.032, lng 105.848–105.852, and is ward 00099.
    expect(containsPoint(WITH_HOLE, 21.03, 105.85)).toBe(false);
    expect(index.locate(21.03, 105.85)).toBe("00099");
    expect(containsPoint(WITH_HOLE, 21.025, 105.845)).toBe(true);
    expect(index.locate(21.025, 105.845)).toBe("00070");
    // Just outside the hole's edge, still in 00070.
    expect(index.locate(21.0335, 105.85)).toBe("00070");
  });

  it("finds either part of a MultiPolygon, and nothing between them", () => {
    expect(index.locate(20.005, 106.005)).toBe("26882");
    expect(index.locate(20.005, 106.105)).toBe("26882");
    expect(index.locate(20.005, 106.05)).toBeNull();
  });

  it("answers null outside every boundary and for nonsense coordinates", () => {
    expect(index.locate(10.77, 106.7)).toBeNull();
    expect(index.locate(Number.NaN, 105.85)).toBeNull();
    expect(createBoundaryIndex([]).locate(21.03, 105.85)).toBeNull();
  });

  it("agrees with the plain point-in-polygon test for random points", () => {
    fc.assert(
      fc.property(fc.double({ min: 21.01, max: 21.05, noNaN: true }), fc.double({ min: 105.83, max: 105.89, noNaN: true }), (lat, lng) => {
        const located = index.locate(lat, lng);
        if (located === "00070") expect(containsPoint(WITH_HOLE, lat, lng)).toBe(true);
        if (located === null) {
          for (const b of boundaries) expect(containsPoint(b.geometry, lat, lng)).toBe(false);
        }
      }),
      { numRuns: 1_000 },
    );
  });
});

describe("centroid", () => {
  it("is the centre of a square", () => {
    expect(centroid({ type: "Polygon", coordinates: [square(105, 21, 2)] })).toEqual({ lat: 22, lng: 106 });
  });

  it("weights the parts of a MultiPolygon by area", () => {
    // A 2×2 square at lng 0–2 and a 1×1 square at lng 10–11: (4·1 + 1·10.5) / 5 = 2.9.
    const c = centroid({ type: "MultiPolygon", coordinates: [[square(0, 0, 2)], [square(10, 0, 1)]] });
    expect(c.lng).toBeCloseTo(2.9, 9);
    expect(c.lat).toBeCloseTo((4 * 1 + 1 * 0.5) / 5, 9);
  });

  it("moves away from a hole", () => {
    // 4×4 square with a 2×2 hole in its right half: the centroid shifts left of 2.
    const c = centroid({ type: "Polygon", coordinates: [square(0, 0, 4), square(2, 1, 2)] });
    expect(c.lng).toBeCloseTo((16 * 2 - 4 * 3) / 12, 9);
    expect(c.lat).toBeCloseTo(2, 9);
  });

  it("does not depend on the ring's direction", () => {
    const ring = square(105, 21, 1);
    expect(centroid({ type: "Polygon", coordinates: [[...ring].reverse()] })).toEqual(centroid({ type: "Polygon", coordinates: [ring] }));
  });
});

describe("nearest", () => {
  const points = [
    { wardCode: "00004", lat: 21.0341, lng: 105.8372 }, // Ba Đình
    { wardCode: "00070", lat: 21.0288, lng: 105.8525 }, // Hoàn Kiếm
    { wardCode: "26734", lat: 10.7769, lng: 106.7009 }, // Sài Gòn
    { wardCode: "00070", lat: 21.03, lng: 105.85 }, // a second point of the same ward
  ];

  it("lists the closest wards first with their distance in km, each ward once", () => {
    const r = nearest(points, 21.0285, 105.8542, 3); // Hoàn Kiếm lake
    expect(r.map((x) => x.wardCode)).toEqual(["00070", "00004", "26734"]);
    expect(r[0]?.km).toBeLessThan(0.5);
    expect(r[1]?.km).toBeGreaterThan(1.5);
    expect(r[1]?.km).toBeLessThan(2.5);
    expect(r[2]?.km).toBeGreaterThan(1_100); // Hà Nội → Hồ Chí Minh City ≈ 1,140 km
    expect(r[2]?.km).toBeLessThan(1_200);
  });

  it("returns at most n, and nothing for n ≤ 0", () => {
    expect(nearest(points, 21, 105.8, 1)).toHaveLength(1);
    expect(nearest(points, 21, 105.8, 0)).toEqual([]);
    expect(nearest([], 21, 105.8, 5)).toEqual([]);
  });

  it("measures great-circle distance", () => {
    expect(haversineKm(0, 0, 0, 1)).toBeCloseTo(111.195, 2);
    expect(haversineKm(21, 105, 21, 105)).toBe(0);
  });
});
