import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractIndicators, indicatorKey, type Indicator } from "../src/core/scam/extract.js";
import { BRANDS } from "../src/core/scam/lookalike.js";
import { normalizePhone } from "../src/core/scam/phones.js";
import { scamMessages, type LabelledMessage } from "./fixtures/scam-messages.js";
import { lookalikeClasses } from "./fixtures/scam-lookalikes.js";
import { messyClasses } from "./fixtures/scam-messy.js";
import { negativeClasses } from "./fixtures/scam-negatives.js";
import { evaluate, kindOfKey } from "./fixtures/scam-score.js";

const keysOf = (text: string): string[] => extractIndicators(text).map(indicatorKey);
const only = (text: string): Indicator => {
  const found = extractIndicators(text);
  expect(found).toHaveLength(1);
  return found[0] as Indicator;
};

/** Every labelled class: the original corpus, then the classes of issue 17 (messy numbers, look-alikes, hard negatives). */
const CLASSES: Record<string, LabelledMessage[]> = { original: scamMessages, ...messyClasses, ...lookalikeClasses, ...negativeClasses };
const evaluateAll = (messages: LabelledMessage[]) => evaluate(messages, extractIndicators, indicatorKey);

/** Floors per class, measured after issue 17's fix; the figures before it are in the README. */
const FLOORS: Record<string, { precision: number; recall: number; lookalike?: number }> = {
  original: { precision: 0.95, recall: 0.95, lookalike: 0.95 },
  invisible: { precision: 0.95, recall: 0.95 },
  "full-width": { precision: 0.95, recall: 0.95 },
  "line-broken": { precision: 0.95, recall: 0.95 },
  dashed: { precision: 0.95, recall: 0.95 },
  "label-next-line": { precision: 0.95, recall: 0.9 },
  spelled: { precision: 0.95, recall: 0.9 },
  // Written after the fix and not tuned to (see the fixture): a lower bar, reported as measured.
  "held-out": { precision: 0.9, recall: 0.8 },
  "government-lookalike": { precision: 0.95, recall: 0.95, lookalike: 0.9 },
  "retail-lookalike": { precision: 0.95, recall: 0.95, lookalike: 0.9 },
  "hard-negatives": { precision: 0.95, recall: 0.95, lookalike: 0.95 },
};

describe("the labelled corpus", () => {
  it("is large and varied enough to mean something", () => {
    expect(scamMessages.length).toBeGreaterThanOrEqual(120);
    expect(scamMessages.filter((m) => m.expected.length === 0).length).toBeGreaterThanOrEqual(25);
    const everything = Object.values(CLASSES).flat();
    expect(new Set(everything.map((m) => m.id)).size).toBe(everything.length);
    for (const kind of ["phone", "bank_account", "domain", "account"]) {
      expect(scamMessages.flatMap((m) => m.expected).filter((k) => kindOfKey(k) === kind).length).toBeGreaterThanOrEqual(15);
    }
    for (const [name, messages] of Object.entries(CLASSES)) expect(messages.length, name).toBeGreaterThanOrEqual(10);
    expect(CLASSES["hard-negatives"]!.filter((m) => m.expected.length === 0).length).toBeGreaterThanOrEqual(15);
  });

  it("is extracted with precision and recall above each class's floor, per kind and per class", () => {
    const perClass = Object.fromEntries(Object.entries(CLASSES).map(([name, messages]) => [name, evaluateAll(messages)]));
    const all = evaluateAll(Object.values(CLASSES).flat());
    console.log(
      JSON.stringify({
        messages: all.messages,
        withoutIndicators: Object.values(CLASSES).flat().filter((m) => m.expected.length === 0).length,
        perKind: all.perKind,
        overall: all.overall,
        perClass: Object.fromEntries(Object.entries(perClass).map(([name, e]) => [name, { messages: e.messages, overall: e.overall, perKind: e.perKind }])),
        errors: all.errors,
      }),
    );
    const below: string[] = [];
    for (const [name, floor] of Object.entries(FLOORS)) {
      const e = perClass[name]!;
      if (e.overall.precision < floor.precision) below.push(`${name}: precision ${e.overall.precision} < ${floor.precision}`);
      if (e.overall.recall < floor.recall) below.push(`${name}: recall ${e.overall.recall} < ${floor.recall}`);
      const look = e.perKind["lookalike"];
      if (floor.lookalike !== undefined && look && Math.min(look.precision, look.recall) < floor.lookalike) {
        below.push(`${name}: look-alike precision ${look.precision} / recall ${look.recall} < ${floor.lookalike}`);
      }
    }
    expect(below).toEqual([]);
  });

  it("lists indicators in order of first appearance", () => {
    const misordered = Object.values(CLASSES).flat().filter((m) => {
      const got = keysOf(m.text);
      return got.length === m.expected.length && got.every((k) => m.expected.includes(k)) && got.join() !== m.expected.join();
    });
    expect(misordered.map((m) => m.id)).toEqual([]);
  });

  it("names the bank and the imitated site the labels give", () => {
    const wrong: string[] = [];
    for (const m of Object.values(CLASSES).flat()) {
      const found = extractIndicators(m.text);
      for (const [value, bank] of Object.entries(m.banks ?? {})) {
        const got = found.find((i) => i.kind === "bank_account" && i.value === value);
        if (got?.kind === "bank_account" && got.bank !== bank) wrong.push(`${m.id}: ${value} bank ${got.bank} ≠ ${bank}`);
      }
    }
    // Look-alikes of the original corpus must all be right; the new classes are held to their floors above.
    for (const m of scamMessages) {
      const found = extractIndicators(m.text);
      for (const [value, of] of Object.entries(m.lookalike ?? {})) {
        const got = found.find((i) => i.kind === "domain" && i.value === value);
        if (got?.kind === "domain" && (got.lookalike?.of ?? null) !== of) wrong.push(`${m.id}: ${value} of ${got.lookalike?.of} ≠ ${of}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("phone numbers", () => {
  it.each([
    "0912345678",
    "0912 345 678",
    "0912.345.678",
    "091-234-5678",
    "091 234 5678",
    "+84 912 345 678",
    "+84912345678",
    "84912345678",
    "(+84) 912345678",
    "(+84)912 345 678",
    "+84 (0) 912 345 678",
    "+84 0912 345 678",
    "+84-912-345-678",
    "+84.912.345.678",
    "0084 912 345 678",
  ])("reads %s as +84912345678", (written) => {
    expect(keysOf(`Liên hệ ${written} để được hỗ trợ.`)).toEqual(["phone:+84912345678"]);
    expect(normalizePhone(written)).toBe("+84912345678");
  });

  it("reads 02x landlines with their area code, with or without parentheses", () => {
    expect(keysOf("Trực ban: 024 3825 1234")).toEqual(["phone:+842438251234"]);
    expect(keysOf("Trực ban: (028) 3829 5555")).toEqual(["phone:+842838295555"]);
    expect(keysOf("Đà Nẵng 0236 3822 458, quốc tế +84 24 3825 1234")).toEqual(["phone:+842363822458", "phone:+842438251234"]);
  });

  it("keeps 1800/1900 hotlines as their digits, and foreign numbers as E.164", () => {
    expect(keysOf("Gọi 1900 1234 hoặc 1800.5678 hoặc 1900 54 54 13")).toEqual(["phone:19001234", "phone:18005678", "phone:1900545413"]);
    expect(keysOf("Liên hệ chị Mai +855 97 612 3480")).toEqual(["phone:+855976123480"]);
  });

  it("does not cut a phone out of a longer number or a code", () => {
    for (const text of ["Số seri 0912345678901", "0912 3456 7890 12", "Mã VN0912345678", "0912345678k", "#0912345678", "0912.345.678.9.1"]) {
      expect(keysOf(text), text).toEqual([]);
    }
  });

  it("reads two numbers written side by side", () => {
    expect(keysOf("0912345678 0987654321")).toEqual(["phone:+84912345678", "phone:+84987654321"]);
    expect(keysOf("ĐT: 0912345678/0987654321")).toEqual(["phone:+84912345678", "phone:+84987654321"]);
  });
});

describe("numbers that are not indicators", () => {
  it.each([
    ["a date", "Hẹn ngày 12/11/2025, hoặc 12-11-2025, hoặc 2025-11-12"],
    ["a time", "Họp lúc 10:30, tan lúc 17h45"],
    ["amounts", "Chuyển 5.000.000 đồng, 50 triệu, 500k, 19.001.234 đ, 1,500,000 VND, 10%"],
    ["a CCCD number", "CCCD 001203004567 cấp ngày 10/05/2021"],
    ["a CMND number", "số CMND: 025478963"],
    ["a tax code shaped like a phone", "MST: 0312345678"],
    ["plates", "Xe 29A-123.45, 51G 678.90, 59X1-234.56, 30E-12345"],
    ["an order number", "Đơn hàng #5821904, mã vận đơn 0912345678"],
    ["an OTP", "Mã OTP 482913"],
    ["house numbers and postcodes", "Số 12 ngõ 45, mã bưu chính 100000"],
  ])("ignores %s", (_what, text) => {
    expect(keysOf(text)).toEqual([]);
  });
});

describe("bank accounts", () => {
  it.each([
    ["STK 0123456789 Vietcombank", "0123456789", "VCB"],
    ["số tài khoản: 1903 5678 9012 34 Techcombank", "19035678901234", "TCB"],
    ["ngân hàng MB, stk 9704 2291 2345 6789", "9704229123456789", "MB"],
    ["Số TK 19035678901234 ngân hàng Kỹ Thương", "19035678901234", "TCB"],
    ["Nhận qua ngân hàng Quân đội số 0987654321", "0987654321", "MB"],
    ["0123456789 - VCB", "0123456789", "VCB"],
    ["0123456789 (Techcombank)", "0123456789", "TCB"],
    ["Chuyển qua MoMo 0912345678 nhé", "0912345678", "MOMO"],
    ["Account number: 00431 000 997 123 (Vietinbank)", "00431000997123", "VTB"],
    ["STK: 0123456789\nNgân hàng: Agribank\nChủ TK: NGUYEN VAN A", "0123456789", "AGR"],
    ["0912345678 là số tài khoản Sacombank của em", "0912345678", "STB"],
    ["Anh chuyển vào STK 2468013579 giúp em", "2468013579", null],
  ])("%s", (text, value, bank) => {
    expect(only(text)).toEqual({ kind: "bank_account", value, bank, raw: expect.any(String) });
  });

  it("treats a labelled phone-shaped number as an account only", () => {
    expect(keysOf("STK 0912345678 MB Bank")).toEqual(["bank:0912345678"]);
  });

  it("leaves a number after call words to the phones", () => {
    expect(keysOf("Tài khoản của quý khách bị khóa, vui lòng gọi 0912345678")).toEqual(["phone:+84912345678"]);
    expect(keysOf("Gọi 0912345678 để được Vietcombank hỗ trợ")).toEqual(["phone:+84912345678"]);
    expect(keysOf("STK 0123456789 tại VCB. SĐT chủ TK: 0904 111 222")).toEqual(["bank:0123456789", "phone:+84904111222"]);
  });
});

describe("links and domains", () => {
  it("normalises the url and reports the registrable domain", () => {
    expect(only("Xác thực tại www.Vietcombank-XacThuc.com/Login?id=1.")).toEqual({
      kind: "domain",
      value: "vietcombank-xacthuc.com",
      url: "http://www.vietcombank-xacthuc.com/Login?id=1",
      lookalike: { of: "vietcombank.com.vn", reason: "brand-with-extra-words" },
      raw: "www.Vietcombank-XacThuc.com/Login?id=1",
    });
    expect(only("(xem https://portal.vietcombank.com.vn/a)")).toMatchObject({ value: "vietcombank.com.vn", url: "https://portal.vietcombank.com.vn/a" });
  });

  it("reads shorteners, IDN hosts and IP links", () => {
    expect(keysOf("bit.ly/3xYz tinyurl.com/abc s.id/x rb.gy/y t.ly/z")).toEqual([
      "domain:bit.ly/3xYz",
      "domain:tinyurl.com/abc",
      "domain:s.id/x",
      "domain:rb.gy/y",
      "domain:t.ly/z",
    ]);
    expect(only("vào vietcombạnk.com ngay")).toMatchObject({ value: "xn--vietcombnk-lj3e.com", raw: "vietcombạnk.com" });
    expect(keysOf("http://103.45.67.89/login nhưng không phải 103.45.67.89")).toEqual(["domain:103.45.67.89"]);
  });

  it("does not take e-mail addresses, t.me or zalo.me links, or abbreviations for domains", () => {
    expect(keysOf("Gửi hotro@vietcombank.com.vn hoặc admin.vn@gmail.com")).toEqual([]);
    expect(keysOf("TP.HCM, v.v. và Q.1, đã khóa.Vui lòng")).toEqual([]);
    expect(keysOf("t.me/abc_support zalo.me/0912345678")).toEqual(["tg:abc_support", "zalo:+84912345678"]);
  });
});

describe("Telegram and Zalo accounts", () => {
  it("reads usernames from links and mentions, lowercased", () => {
    expect(keysOf("https://t.me/HoTro_VCB, telegram.me/Admin_24h, @CanBo_CongAn")).toEqual([
      "tg:hotro_vcb",
      "tg:admin_24h",
      "tg:canbo_congan",
    ]);
  });

  it("reads Zalo ids and phone-shaped ids", () => {
    expect(keysOf("zalo.me/84972118554 và https://zalo.me/2730158441928375521")).toEqual(["zalo:+84972118554", "zalo:2730158441928375521"]);
  });

  it("ignores invite and group links", () => {
    expect(keysOf("t.me/+AbCdEf123 t.me/joinchat/AAAA zalo.me/g/xyz123")).toEqual([]);
  });
});

describe("look-alike domains", () => {
  it("never flags an official domain or its subdomains", () => {
    // zalo.me links are Zalo accounts, not domains.
    for (const domain of BRANDS.flatMap((b) => b.official).filter((d) => d !== "zalo.me")) {
      for (const host of [domain, `www.${domain}`, `ebanking.${domain}`]) {
        expect(only(`Trang chính thức: https://${host}/`), host).toMatchObject({ kind: "domain", lookalike: null });
      }
    }
  });

  it.each([
    ["vietcombamk.com", "vietcombank.com.vn", "typo"],
    ["mbbamk.com", "mbbank.com.vn", "typo"],
    ["bocongann.com", "bocongan.gov.vn", "typo"],
    ["vietcombank.com", "vietcombank.com.vn", "typo"],
    ["vletcombank.com", "vietcombank.com.vn", "homoglyph"],
    ["vietc0mbank.net", "vietcombank.com.vn", "homoglyph"],
    ["techcornbank.com", "techcombank.com.vn", "homoglyph"],
    ["agrlbank.com", "agribank.com.vn", "homoglyph"],
    ["vietcombank-xacminh.com", "vietcombank.com.vn", "brand-with-extra-words"],
    ["dichvucong-gov.vn", "dichvucong.gov.vn", "brand-with-extra-words"],
    ["bocongan-gov.com", "bocongan.gov.vn", "brand-with-extra-words"],
    ["evn-cskh.com", "evn.com.vn", "brand-with-extra-words"],
    ["vietcombank.com.vn.secure-login.xyz", "vietcombank.com.vn", "brand-in-subdomain"],
    ["chinhphu.vn.gov-portal.xyz", "chinhphu.vn", "brand-in-subdomain"],
    ["techcombank.web.app", "techcombank.com.vn", "brand-in-subdomain"],
    ["https://agribank.com.vn@agri-secure.top/login", "agribank.com.vn", "brand-in-subdomain"],
    ["xn--vietcombnk-lj3e.com", "vietcombank.com.vn", "punycode"],
    ["vietcombạnk.com", "vietcombank.com.vn", "punycode"],
    ["sacombаnk.com", "sacombank.com.vn", "punycode"],
  ])("flags %s as imitating %s (%s)", (link, of, reason) => {
    expect(only(`Truy cập ${link} ngay`)).toMatchObject({ kind: "domain", lookalike: { of, reason } });
  });

  it("leaves unrelated domains alone", () => {
    for (const host of ["shopee.vn", "bit.ly", "google.com", "vnexpress.net", "baochinhphu.vn", "acd.vn", "binance-vn.vip"]) {
      expect(only(`xem ${host}`), host).toMatchObject({ lookalike: null });
    }
  });
});

describe("keys and deduplication", () => {
  it("formats keys by kind", () => {
    expect(keysOf("0912345678, STK 0123456789 VCB, vcb-xacminh.com, @some_user, zalo.me/0987654321")).toEqual([
      "phone:+84912345678",
      "bank:0123456789",
      "domain:vcb-xacminh.com",
      "tg:some_user",
      "zalo:+84987654321",
    ]);
  });

  it("keeps the first of each (kind, value), in order of appearance; each short link is its own", () => {
    const found = extractIndicators("0912 345 678 rồi bit.ly/a, lại 0912.345.678 và bit.ly/b, bit.ly/a?ref=2");
    expect(found.map(indicatorKey)).toEqual(["phone:+84912345678", "domain:bit.ly/a", "domain:bit.ly/b"]);
    expect(found[0]).toMatchObject({ raw: "0912 345 678" });
    expect(found[1]).toMatchObject({ url: "http://bit.ly/a" });
  });
});

const MOBILE_SPELLINGS: Array<(d: string) => string> = [
  (d) => d,
  (d) => `${d.slice(0, 4)} ${d.slice(4, 7)} ${d.slice(7)}`,
  (d) => `${d.slice(0, 4)}.${d.slice(4, 7)}.${d.slice(7)}`,
  (d) => `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`,
  (d) => `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`,
  (d) => `${d.slice(0, 4)} ${d.slice(4, 6)} ${d.slice(6, 8)} ${d.slice(8)}`,
  (d) => `+84 ${d.slice(1, 4)} ${d.slice(4, 7)} ${d.slice(7)}`,
  (d) => `+84${d.slice(1)}`,
  (d) => `84${d.slice(1)}`,
  (d) => `(+84) ${d.slice(1)}`,
  (d) => `+84 (0) ${d.slice(1, 4)} ${d.slice(4, 7)} ${d.slice(7)}`,
];
const BEFORE = ["", "Gọi ", "SĐT: ", "Liên hệ anh Nam ", "Zalo ", "hotline:", "Số mới của em là "];
const AFTER = ["", ".", " nhé", ", cảm ơn!", " (Zalo)", "\nChúc một ngày tốt lành"];

describe("properties", () => {
  it("normalises any Vietnamese mobile number, in any spelling, to one E.164 value", () => {
    const mobile = fc
      .tuple(fc.constantFrom("3", "5", "7", "8", "9"), fc.stringMatching(/^\d{8}$/))
      .map(([p, rest]) => `0${p}${rest}`);
    fc.assert(
      fc.property(
        mobile,
        fc.integer({ min: 0, max: MOBILE_SPELLINGS.length - 1 }),
        fc.constantFrom(...BEFORE),
        fc.constantFrom(...AFTER),
        (digits, spelling, before, after) => {
          const written = (MOBILE_SPELLINGS[spelling] as (d: string) => string)(digits);
          const e164 = `+84${digits.slice(1)}`;
          expect(normalizePhone(written)).toBe(e164);
          expect(keysOf(`${before}${written}${after}`)).toEqual([`phone:${e164}`]);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  const fragments = fc.constantFrom(
    "0912 345 678", "+84", "(0)", "84", "0", "1900", " ", ".", "-", "/", ":", "\n", "STK ", "tài khoản ", "Vietcombank",
    "MB", "@", "@user_name", "t.me/", "zalo.me/", "http://", "www.", "vcb-", ".com", ".vn", "xn--", "ạ", "đ", "5.000.000",
    "12/11/2025", "CCCD ", "29A-123.45", "bit.ly/x", "a", "0".repeat(20), "\u0000", "😀", "(", ")", "#",
  );
  const soup = fc.array(fragments, { maxLength: 600 }).map((parts) => parts.join("").slice(0, 4096));

  it("never throws, and returns unique keys and well-formed values, on any text", () => {
    const check = (text: string): void => {
      const found = extractIndicators(text);
      const keys = found.map(indicatorKey);
      expect(new Set(keys).size).toBe(keys.length);
      for (const i of found) {
        expect(text.normalize("NFC")).toContain(i.raw);
        if (i.kind === "phone") expect(i.value).toMatch(/^(?:\+\d{8,15}|1[89]00\d{4}(?:\d{2})?)$/);
        if (i.kind === "bank_account") expect(i.value).toMatch(/^\d{6,19}$/);
        if (i.kind === "domain") expect(i.value).toMatch(/^(?!www\.)[a-z0-9.-]+(?:\/[^/?#\s]+)?$/);
        if (i.kind === "account") expect(i.value).toMatch(/^[a-z0-9_+.-]+$/);
      }
    };
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 4096 }), check), { numRuns: 150 });
    fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 4096 }), check), { numRuns: 150 });
    fc.assert(fc.property(soup, check), { numRuns: 500 });
  });

  it("stays linear on pathological input", () => {
    const inputs = [
      "0".repeat(5000),
      "0 ".repeat(3000),
      "0.".repeat(3000),
      "a.".repeat(3000),
      "a-".repeat(3000) + ".com",
      "1.".repeat(3000),
      "@".repeat(5000),
      "a@".repeat(3000),
      "STK ".repeat(1500),
      "tài khoản 1 ".repeat(400),
      "http://" + "a.".repeat(2000),
      "vietcombank.".repeat(400),
      "+84 (".repeat(1000),
      "1900 ".repeat(1000),
      "5.000".repeat(1000),
      "t.me/".repeat(1000),
      `x${"-".repeat(4000)}.com`,
      `http://a.com/${"!".repeat(4000)}b`,
      `t.me/a${"!".repeat(4000)}b`,
      `zalo.me/${".".repeat(4000)}b`,
      "STK 1234567\n".repeat(340),
      "vcb 123456 ".repeat(370),
    ];
    for (const text of inputs) expect(Array.isArray(extractIndicators(text))).toBe(true);
  });
});
