import { describe, expect, it } from "vitest";
import { extractIndicators, indicatorKey, type Indicator } from "../src/core/scam/extract.js";

/** What forwarded messages do to numbers and names (issue 17); the labelled classes are in scam.extract.test.ts. */

const keysOf = (text: string): string[] => extractIndicators(text).map(indicatorKey);
const only = (text: string): Indicator => {
  const found = extractIndicators(text);
  expect(found).toHaveLength(1);
  return found[0] as Indicator;
};

describe("forwarded messages (issue 17)", () => {
  it("reads through invisible characters and full-width forms, reporting the number as written", () => {
    const zwsp = "Gọi 0912\u200b345\u2060678 hoặc ＋８４ ９８７ ６５４ ３２１, STK 1903\u00ad5678\u00ad9012 Techcombank";
    const found = extractIndicators(zwsp);
    expect(found.map(indicatorKey)).toEqual(["phone:+84912345678", "phone:+84987654321", "bank:190356789012"]);
    expect(found.map((i) => i.raw)).toEqual(["0912\u200b345\u2060678", "＋８４ ９８７ ６５４ ３２１", "1903\u00ad5678\u00ad9012"]);
  });

  it("reads digits spelled in Vietnamese words, with or without diacritics, but not ordinary counting or years", () => {
    expect(only("gọi không chín một hai ba bốn năm sáu bảy tám nhé")).toMatchObject({ value: "+84912345678", raw: "không chín một hai ba bốn năm sáu bảy tám" });
    expect(keysOf("sdt: khong ba tam bay, bon nam mot, hai khong chin")).toEqual(["phone:+84387451209"]);
    expect(keysOf("Bé đếm một hai ba bốn năm sáu bảy tám chín, sinh năm hai nghìn không trăm hai mươi")).toEqual([]);
    // "bà" and "tạm" are words, not digits.
    expect(keysOf("bà năm sáu bảy tám chín không một")).toEqual([]);
  });

  it("joins a number broken across lines or spread with dashes, and keeps two lines' numbers apart", () => {
    expect(keysOf("Liên hệ 0912 345\n678")).toEqual(["phone:+84912345678"]);
    expect(keysOf("Gọi 0936 — 214 — 587")).toEqual(["phone:+84936214587"]);
    expect(keysOf("A: 0912345678\nB: 0987654321")).toEqual(["phone:+84912345678", "phone:+84987654321"]);
    expect(only("STK 1903 - 5678 - 9012 - 34 Techcombank")).toMatchObject({ value: "19035678901234", bank: "TCB" });
  });

  it("reads a label on one line and its number on the next, for accounts and for the IDs that are not indicators", () => {
    expect(only("Ngân hàng MB\nSTK:\n0987666321")).toMatchObject({ kind: "bank_account", value: "0987666321", bank: "MB" });
    expect(keysOf("MST:\n0312345678")).toEqual([]);
    expect(keysOf("Mã đơn hàng:\n0387451209")).toEqual([]);
    // A cue word that only happens to end a sentence's line does not label the next line.
    expect(keysOf("Tôi vừa bị khóa tài khoản\n0912345678 là số đã gọi tôi")).toEqual(["phone:+84912345678"]);
  });

  it.each([
    ["tracuuphatnguoi.gov.vn.com", "gov.vn", "brand-in-subdomain"],
    ["dichvucong.gov.vn.cc", "dichvucong.gov.vn", "brand-in-subdomain"],
    ["cccd-gov-vn.online", "gov.vn", "brand-with-extra-words"],
    ["govvn.net", "gov.vn", "typo"],
    ["shopee-trian.vip", "shopee.vn", "brand-with-extra-words"],
    ["lazadda.com", "lazada.vn", "typo"],
    ["tlki.vn", "tiki.vn", "homoglyph"],
    ["ghn-express.top", "ghn.vn", "brand-with-extra-words"],
    ["jtexpress-vn.xyz", "jtexpress.vn", "brand-with-extra-words"],
    ["grab-khuyenmai.com", "grab.com", "brand-with-extra-words"],
    ["vnpay-uudai.online", "vnpay.vn", "brand-with-extra-words"],
  ])("flags %s as imitating %s (%s)", (link, of, reason) => {
    expect(only(`Truy cập ${link} ngay`)).toMatchObject({ kind: "domain", lookalike: { of, reason } });
  });

  it("never flags a host under gov.vn, a shop's own site, or a shop whose name only contains a common phrase", () => {
    for (const host of ["dichvucong.hanoi.gov.vn", "csgt.bocongan.gov.vn", "xuatnhapcanh.gov.vn", "food.grab.com", "vnexpress.net", "giaohangnhanh24h.vn", "vksndtc-gov.top"]) {
      expect(only(`xem ${host}`), host).toMatchObject({ lookalike: null });
    }
  });
});
