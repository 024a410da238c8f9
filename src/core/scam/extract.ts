import { findAccounts, maskEmails } from "./accounts.js";
import { findBankAccounts } from "./banks.js";
import { maskNoise } from "./noise.js";
import { findPhones } from "./phones.js";
import { Scratch } from "./text.js";
import { originalSpan, tidy } from "./tidy.js";
import type { Found, Indicator } from "./types.js";
import { findDomains } from "./urls.js";

/**
 * Fraud indicators in a resident's message: phone numbers, bank accounts, domains (with a
 * look-alike verdict) and Telegram/Zalo accounts. Pure: no I/O; every pattern is linear-time.
 *
 * The text is NFC-normalised, then tidied (tidy.ts: invisible characters dropped, full-width
 * forms and odd spaces and dashes made plain, digits spelled in words made digits); `raw` is the
 * slice of the NFC form an indicator was read from, as the resident wrote it. Stages run in a
 * fixed order and each masks what it claims, so no characters are read twice:
 *   1. e-mail addresses (masked, never reported), then t.me / zalo.me links and @mentions;
 *   2. links and bare domains;
 *   3. numbers that are something else: amounts, dates, times, plates, labelled IDs;
 *   4. bank accounts (a labelled number is an account even if it is shaped like a phone);
 *   5. phone numbers in what is left.
 *
 * Decisions where the brief left room:
 * - Phones: mobiles (0[35789] + 8 digits) and 02x landlines (10–11 digits) become E.164 (+84…),
 *   from any of 0…, 84… (mobiles), +84…, +84 (0)…, (+84)…, 0084…. 1800/1900 hotlines (8 or 10
 *   digits) have no E.164 form and keep their digits: "phone:19001234". Numbers written with
 *   another country code ("+855 97 612 3480") are kept as E.164 when 8–15 digits. A phone starts
 *   and ends on a digit-group boundary; one glued by a dot or dash to digits that are not a phone
 *   is a slice of something longer and is dropped. Short codes (113, 115) are not indicators.
 *   "84.912.345.678" without "+" has the shape of an amount and is read as one. Groups may be
 *   split by up to three spaces, a dash with spaces around it, or one line break (wrapped text).
 * - Bank accounts: 6–19 digits after a cue (STK, số tài khoản, TK, account), next to a bank or
 *   wallet name (either side), or before "là STK…", within one clause (no comma, line break or
 *   other number between) and not after call words ("gọi", "hotline", "Zalo"); or after a label
 *   alone on the line before, or ending it with a colon ("STK:\n0123…"). "Chủ TK"/"tên TK"
 *   introduce a name, not a number. The bank is the name next to the number, else the nearest in
 *   the sentence, else in the paragraph within 120 characters (details often come one per line).
 *   Card numbers without an account cue are not reported.
 * - Domains: the value is the registrable domain (eTLD+1, with a small public-suffix list that
 *   includes free hosting platforms), so "vietcombank.com.vn.secure-login.xyz" is
 *   "secure-login.xyz" and every shortened link is "bit.ly"; `url` keeps the whole link, host in
 *   punycode, "http://" when no scheme was written. IPv4 hosts count only with a scheme. A brand
 *   before "@" in a link ("https://agribank.com.vn@evil.top") is flagged as brand-in-subdomain.
 *   A sentence glued to a bare domain ("vcb-login.com.Vui lòng") is cut off it. Look-alikes:
 *   lookalike.ts and brands.ts (banks, wallets, government, shops and carriers, "…gov.vn.<tld>").
 * - E-mail addresses are not indicators at all: neither their domain nor their local part.
 * - Telegram: t.me/telegram.me links (4–32 characters) and @mentions (5–32); invite, group and
 *   feature links (t.me/+…, t.me/joinchat/…, zalo.me/g/…) name no account and yield nothing.
 * - Amounts, dates, times, CCCD/CMND and other labelled IDs, plates and "#" references are never
 *   indicators.
 */

export type { Indicator, Lookalike } from "./types.js";

export function extractIndicators(text: string): Indicator[] {
  const original = text.normalize("NFC");
  const tidied = tidy(original);
  const s = new Scratch(tidied?.text ?? original);
  maskEmails(s);
  const found: Found[] = [...findAccounts(s), ...findDomains(s)];
  maskNoise(s);
  found.push(...findBankAccounts(s), ...findPhones(s));
  found.sort((a, b) => a.at - b.at);
  const seen = new Set<string>();
  const out: Indicator[] = [];
  for (const { at, indicator } of found) {
    const key = indicatorKey(indicator);
    if (seen.has(key)) continue;
    seen.add(key);
    const raw = originalSpan(original, tidied, at, at + indicator.raw.length);
    out.push({ ...indicator, raw });
  }
  return out;
}

export function indicatorKey(i: Indicator): string {
  switch (i.kind) {
    case "phone":
      return `phone:${i.value}`;
    case "bank_account":
      return `bank:${i.value}`;
    case "domain":
      return `domain:${i.value}`;
    case "account":
      return `${i.platform === "telegram" ? "tg" : "zalo"}:${i.value}`;
  }
}
