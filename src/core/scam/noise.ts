import type { Scratch } from "./text.js";

/**
 * Numbers that look like phones or accounts but are something else: amounts, dates, times,
 * licence plates, and numbers labelled as an ID, a tax code, an order or an OTP. They are masked
 * before accounts and phones are read. All patterns run on the folded view (lowercase, no
 * diacritics) and are bounded, so they stay linear on hostile input.
 */

/** 500k, 5.000.000 đồng, 50 triệu, 2,5 tỷ, 100 USD, 10%. A bare "k" after a space is teen code for "không", not thousands. */
const AMOUNT_SUFFIXED =
  /(?<![\w.,+])\d+(?:[.,]\d{3}){0,6}(?:[.,]\d{1,2})?(?:k|\s?(?:dong|d|vnd|nghin|ngan(?! hang)|trieu|tr|ty|ti|usd|usdt|btc|eth|do la|\$|%))(?![a-z0-9])/g;
const AMOUNT_PREFIXED = /(?:\$|(?<![a-z])(?:usd|usdt|vnd)\s?)\d+(?:[.,]\d+){0,6}/g;
/** 5.000.000 or 1,500,000 with no unit: dot/comma thousands never start a phone or an account number. */
const AMOUNT_GROUPED = /(?<![\w.,+])[1-9]\d{0,2}([.,])\d{3}(?:\1\d{3}){0,5}(?![\w]|[.,]\d)/g;
const DATE =
  /(?<![\w.\/-])(?:(?:0?[1-9]|[12]\d|3[01])[\/.\-](?:0?[1-9]|1[0-2])(?:[\/.\-](?:19|20)?\d{2})?|(?:19|20)\d{2}[\/.\-](?:0?[1-9]|1[0-2])[\/.\-](?:0?[1-9]|[12]\d|3[01]))(?![\w]|[\/.\-]\d)/g;
const TIME = /(?<![\w.:])(?:[01]?\d|2[0-3])(?:\s?[:h]\s?|g)[0-5]\d(?::[0-5]\d)?(?![\w])/g;
/** 29A-123.45, 51G 12345, 59X1-234.56, 29-B1 123.45. */
const PLATE = /(?<![\w])\d{2}\s?-?\s?[a-z]{1,2}\d?\s?[-.]?\s?\d{3}\.?\d{1,2}(?![\w])/g;
/** #123456 order references. */
const HASH_NUMBER = /#\s?\d[\d\-]*/g;

/** A label followed by its number: CCCD/CMND, tax code, social insurance, order, waybill, OTP... (folded, as regex fragments). */
const ID_LABELS = [
  "cccd", "cmnd", "cmt", "can cuoc(?: cong dan)?", "chung minh(?: nhan dan| thu)?", "(?:ma |so )?dinh danh(?: ca nhan)?",
  "ho chieu", "passport", "ma so thue", "mst", "(?:ma |so )?bhxh", "don hang", "van don", "otp", "order(?: id| no)?",
  "ma (?:don(?: hang)?|van don|giao dich|gd|ho so|tra cuu|xac nhan|xac thuc|otp|bao mat|khach hang|kh|buu chinh|hop dong|the)",
  "tracking(?: number)?", "zip(?: code)?", "postal code", "bien so(?: xe)?", "bien kiem soat", "hop dong so", "so hop dong",
  "so hieu", "so ho so",
];
const ID_LABEL = new RegExp(`(?<![a-z0-9])(?:${ID_LABELS.join("|")})(?![a-z0-9])`, "g");
/** What may sit between such a label and its number: "CCCD số: ", "mã OTP là ", "Order #". */
const ID_GAP = /^[ \t:#.\-–]{0,4}(?:(?:so|la|cua (?:ban|ong|ba|quy khach))[ \t:#]{0,3})?$/;
/** Space-joined groups stay short (CCCD "0012 0300 4567"), so a phone written right after the ID is left alone. */
const ID_NUMBER = /^[a-z]{0,4}\d+(?:[.\-]\d+|[ ]\d{1,4}(?!\d))*[a-z0-9]*/;

/**
 * "CCCD 0012…", "MST: 0312…", or the label on a line of its own or ending its line with a colon
 * and the number on the next ("Mã đơn hàng:\n0387…"), as forms and invoices print them.
 */
function idGap(view: string, labelStart: number, gap: string): boolean {
  if (ID_GAP.test(gap)) return true;
  const next = /^([ \t:#.\-–]{0,4})\n[ \t]{0,4}$/.exec(gap);
  if (!next) return false;
  if ((next[1] as string).includes(":")) return true;
  return /^[ \t\-–•*+]*$/.test(view.slice(view.lastIndexOf("\n", labelStart - 1) + 1, labelStart));
}

export function maskNoise(s: Scratch): void {
  for (const re of [AMOUNT_SUFFIXED, AMOUNT_PREFIXED, AMOUNT_GROUPED, DATE, TIME, PLATE, HASH_NUMBER]) {
    for (const m of s.foldedView.matchAll(re)) s.mask(m.index, m.index + m[0].length);
  }
  maskLabelledIds(s);
}

function maskLabelledIds(s: Scratch): void {
  const view = s.foldedView;
  for (const m of view.matchAll(ID_LABEL)) {
    const after = m.index + m[0].length;
    const window = view.slice(after, after + 24);
    const firstDigit = window.search(/[a-z]{0,4}\d/);
    if (firstDigit < 0 || !idGap(view, m.index, window.slice(0, firstDigit))) continue;
    const num = ID_NUMBER.exec(view.slice(after + firstDigit, after + firstDigit + 40));
    if (num) s.mask(after + firstDigit, after + firstDigit + num[0].length);
  }
}
