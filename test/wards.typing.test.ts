import { beforeAll, describe, expect, it } from "vitest";
import { loadDirectory, type LoadedDirectory } from "../src/core/wards/directory.js";
import { chooseWards } from "../src/core/wards/narrow.js";
import { createWardIndex, formerDistrictKey, type WardIndex } from "../src/core/wards/search.js";
import { untelex } from "../src/core/wards/tokens.js";

let dir: LoadedDirectory;
let index: WardIndex;

beforeAll(() => {
  dir = loadDirectory();
  index = createWardIndex(dir);
});

/** The first ward a resident would see for a query: "name, province". */
const first = (q: string) => {
  const m = index.search(q, { limit: 6 })[0];
  return m ? `${m.wardName}, ${m.provinceName}` : "(nothing)";
};
const BA_DINH = "Phường Ba Đình, Thành phố Hà Nội";
const PHU_XUAN = "Phường Phú Xuân, Thành phố Huế";

describe("words typed together", () => {
  it("splits a ward name typed without its spaces, with or without its unit word or province", () => {
    for (const q of ["badinh", "BaDinh", "phuongbadinh", "BaDinh HaNoi", "badinhhanoi"]) expect(first(q), q).toBe(BA_DINH);
    expect(first("sapa")).toBe("Phường Sa Pa, Lào Cai");
    expect(first("thudaumot")).toBe("Phường Thủ Dầu Một, Thành phố Hồ Chí Minh");
    expect(first("yenminh tuyenquang")).toBe("Xã Yên Minh, Tuyên Quang");
    expect(first("dackhucathai")).toBe("Đặc khu Cát Hải, Thành phố Hải Phòng");
  });

  it("splits numbers glued to any administrative word: 'phuong5 quan3', 'p16q11'", () => {
    // Former Phường 5, Quận 3 is now part of Phường Bàn Cờ.
    for (const q of ["phuong5 quan3", "phuong5quan3", "P5Q3", "phường5 quận3", "phuong 5 quan3"]) {
      expect(index.search(q)[0], q).toMatchObject({ wardName: "Phường Bàn Cờ", formerName: "Phường 5", formerDistrict: "Quận 3", quality: "exact" });
    }
    expect(index.search("p16q11")[0]).toMatchObject({ formerName: "Phường 16", formerDistrict: "Quận 11" });
    expect(index.search("phuong12 quantanbinh")[0]).toMatchObject({ formerName: "Phường 12", formerDistrict: "Quận Tân Bình" });
  });

  it("does not split a typo into two short words", () => {
    // "hoam" could be read "ho am"; it is a typo of "hoan".
    expect(first("hoam kiem")).toBe("Phường Hoàn Kiếm, Thành phố Hà Nội");
  });
});

describe("typos in short words", () => {
  it("finds Huế from a slip in its three letters, or Telex typed with the keyboard off", () => {
    for (const q of ["phu xuan hue", "phu xuan heu", "phu xuan hye", "phu xuan hues", "phú xuân huê"]) expect(first(q), q).toBe(PHU_XUAN);
    expect(first("thuan hoa heu")).toBe("Phường Thuận Hóa, Thành phố Huế");
  });

  it("forgives swapped letters in two-letter words, and Telex keys left on any word", () => {
    // Explained whole (not a "partial" match that happens to sort first).
    expect(index.search("ab dinh ha noi")[0]).toMatchObject({ wardName: "Phường Ba Đình", quality: "fuzzy" });
    expect(index.search("ba ddinhf")[0]).toMatchObject({ wardName: "Phường Ba Đình", quality: "exact" });
    expect(index.search("tay hof")[0]).toMatchObject({ wardName: "Phường Tây Hồ", quality: "exact" });
    expect(untelex("hues")).toBe("hue");
    expect(untelex("truwowngf")).toBe("truong");
    expect(untelex("nguyeenx")).toBe("nguyen");
  });

  it("reads a short word that is a word as itself first", () => {
    // "ba" is exactly the former Xã Ba, not a typo of "bà" or "ab".
    expect(index.search("ba", { limit: 3 })[0]).toMatchObject({ formerName: "Xã Ba", quality: "exact" });
    // Only when nothing explains the whole query is a word read as a typo of another ("na" → "an").
    expect(first("tan na hoi")).toBe("Xã Tân An Hội, Thành phố Hồ Chí Minh");
  });
});

describe("addresses as people write them", () => {
  it("skips the house number and street, named like wards (Lê Lợi, Trần Hưng Đạo)", () => {
    expect(first("123 Lê Lợi, P. Bến Thành, Q.1, TP.HCM")).toBe("Phường Bến Thành, Thành phố Hồ Chí Minh");
    expect(index.search("số 5 ngõ 12 phố huế, hai bà trưng, hà nội")[0]).toMatchObject({ wardName: "Phường Hai Bà Trưng" });
    expect(index.search("so 170 tran hung dao, xã An Thanh, H.Tứ Kỳ, T.Hải Dương")[0]).toMatchObject({ formerName: "Xã An Thanh", formerDistrict: "Huyện Tứ Kỳ" });
  });
});

describe("narrowing a common name", () => {
  it("offers the provinces when more wards are as good as the first than can be listed", () => {
    const r = chooseWards(index, "tan thanh", { limit: 6 });
    expect(r.total).toBeGreaterThan(40);
    expect(r.narrowBy?.kind).toBe("province");
    const options = r.narrowBy?.options ?? [];
    expect(options.reduce((n, o) => n + o.count, 0)).toBe(r.total);
    expect(options.find((o) => o.key === "80")).toMatchObject({ name: "Tây Ninh", count: 5 });
    // Within Tây Ninh the five fit in one list, the current Xã Tân Thành among them.
    const tayNinh = chooseWards(index, "tan thanh", { limit: 6, provinceCode: "80" });
    expect(tayNinh.narrowBy).toBeUndefined();
    expect(tayNinh.matches.map((m) => m.wardName)).toContain("Xã Tân Thành");
    expect(tayNinh.matches.every((m) => m.provinceCode === "80")).toBe(true);
  });

  it("offers the former districts when one province still has too many", () => {
    const hcm = chooseWards(index, "phuong 1", { limit: 6, provinceCode: "79" });
    expect(hcm.narrowBy?.kind).toBe("district");
    const goVap = hcm.narrowBy?.options.find((o) => o.name === "Quận Gò Vấp");
    expect(goVap?.key).toBe(formerDistrictKey("Quận Gò Vấp", "Thành phố Hồ Chí Minh"));
    // Vũng Tàu was in another province: named with it.
    expect(hcm.narrowBy?.options.map((o) => o.name)).toContain("Thành phố Vũng Tàu, Tỉnh Bà Rịa - Vũng Tàu");
    const r = chooseWards(index, "phuong 1", { limit: 6, provinceCode: "79", formerDistrict: goVap?.key ?? "" });
    expect(r.narrowBy).toBeUndefined();
    expect(r.matches).toHaveLength(1);
    expect(r.matches[0]).toMatchObject({ wardName: "Phường Hạnh Thông", formerName: "Phường 1", formerDistrict: "Quận Gò Vấp" });
  });

  it("lists at once a name with few places, or a query that says where", () => {
    for (const q of ["ba dinh", "tan thanh tay ninh", "phuong 1 go vap", "hoan kim"]) expect(chooseWards(index, q, { limit: 6 }).narrowBy, q).toBeUndefined();
  });
});
