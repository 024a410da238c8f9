import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fold, stripUnitPrefix, unitKindOf } from "../src/core/wards/normalize.js";

describe("fold", () => {
  it("drops diacritics and case the way residents type without a Vietnamese keyboard", () => {
    expect(fold("Phường Ba Đình")).toBe("phuong ba dinh");
    expect(fold("BA ĐÌNH")).toBe("ba dinh");
    expect(fold("Thành phố Hồ Chí Minh")).toBe("thanh pho ho chi minh");
    expect(fold("Xã Đắk Lắk")).toBe("xa dak lak");
  });

  it("treats old and new tone placement, and NFC and NFD text, alike", () => {
    expect(fold("Hoà Bình")).toBe(fold("Hòa Bình"));
    expect(fold("Phường An Hội Tây".normalize("NFD"))).toBe(fold("Phường An Hội Tây".normalize("NFC")));
  });

  it("turns punctuation into single spaces and keeps digits", () => {
    expect(fold("  P.12,   Q. Gò Vấp  ")).toBe("p 12 q go vap");
    expect(fold("Phường Văn Miếu - Quốc Tử Giám")).toBe("phuong van mieu quoc tu giam");
    expect(fold("Thành phố Phan Rang-Tháp Chàm")).toBe("thanh pho phan rang thap cham");
    expect(fold("")).toBe("");
    expect(fold(" -- ")).toBe("");
  });

  it("joins ethnic-minority names written with an apostrophe", () => {
    expect(fold("Xã Cư M’gar")).toBe("xa cu mgar");
    expect(fold("Xã Ea H'Leo")).toBe("xa ea hleo");
    expect(fold("Xã B' Lá")).toBe("xa bla");
  });

  it("is idempotent, on any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (s) => {
        expect(fold(fold(s))).toBe(fold(s));
      }),
      { numRuns: 2_000 },
    );
  });

  it("returns only lowercase letters, digits and single inner spaces", () => {
    const vietnamese = fc.constantFrom(..."aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ ĐÁ-.,'0123456789");
    fc.assert(
      fc.property(fc.array(vietnamese, { maxLength: 30 }), (chars) => {
        const f = fold(chars.join(""));
        expect(f).toMatch(/^(?:[a-z0-9]+(?: [a-z0-9]+)*)?$/);
      }),
      { numRuns: 1_000 },
    );
  });
});

describe("stripUnitPrefix", () => {
  it("reduces every way of writing a ward to its name", () => {
    for (const s of ["Phường Ba Đình", "phuong ba dinh", "P. Ba Đình", "p ba dinh", "Ba Dinh", "BA ĐÌNH"]) {
      expect(stripUnitPrefix(fold(s))).toBe("ba dinh");
    }
  });

  it("keeps the number of a numbered ward", () => {
    expect(stripUnitPrefix(fold("Phường 12"))).toBe("12");
    expect(stripUnitPrefix(fold("P12"))).toBe("12");
    expect(stripUnitPrefix(fold("Q.1"))).toBe("1");
  });

  it("knows every administrative word and abbreviation", () => {
    const cases: Array<[string, string]> = [
      ["Xã Tân Thành", "tan thanh"],
      ["x. Tân Thành", "tan thanh"],
      ["Thị trấn Đông Anh", "dong anh"],
      ["TT Đông Anh", "dong anh"],
      ["Đặc khu Phú Quốc", "phu quoc"],
      ["Quận Gò Vấp", "go vap"],
      ["Huyện Côn Đảo", "con dao"],
      ["H. Côn Đảo", "con dao"],
      ["Thị xã Kỳ Anh", "ky anh"],
      ["Thành phố Hà Nội", "ha noi"],
      ["TP. Hồ Chí Minh", "ho chi minh"],
      ["Tỉnh Đồng Tháp", "dong thap"],
    ];
    for (const [input, expected] of cases) expect(stripUnitPrefix(fold(input)), input).toBe(expected);
  });

  it("removes one designation only, and never part of a name", () => {
    expect(stripUnitPrefix(fold("Xã Phượng Mao"))).toBe("phuong mao");
    expect(stripUnitPrefix(fold("Hà Tĩnh"))).toBe("ha tinh");
    expect(stripUnitPrefix(fold("Quảng Ninh"))).toBe("quang ninh");
    expect(stripUnitPrefix(fold("Phú Thọ"))).toBe("phu tho");
    expect(stripUnitPrefix(fold("Thanh Hóa"))).toBe("thanh hoa");
    expect(stripUnitPrefix(fold("Phường"))).toBe("phuong");
  });

  it("tells which kind of unit a name starts with", () => {
    expect(unitKindOf(fold("Phường 12"))).toBe("ward");
    expect(unitKindOf(fold("P. Ba Đình"))).toBe("ward");
    expect(unitKindOf(fold("Xã Tân Thành"))).toBe("commune");
    expect(unitKindOf(fold("Đặc khu Côn Đảo"))).toBe("special-zone");
    expect(unitKindOf(fold("Ba Đình"))).toBeUndefined();
  });
});
