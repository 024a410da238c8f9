import { domainToASCII } from "node:url";
import { isIPv4, isPlausibleHost, registrableDomain, withoutWww } from "./domains.js";
import { isOfficial, lookalikeOf } from "./lookalike.js";
import { trimEnd, type Scratch } from "./text.js";
import type { Found } from "./types.js";

/**
 * Links, with or without a scheme. Candidates are whole tokens of host characters (the lookbehind
 * stops a match from starting mid-token, which keeps this linear), validated afterwards: known
 * TLD, well-formed labels, or an IPv4 address when a scheme is written. Hosts go through
 * domainToASCII, so Unicode hosts become punycode. Telegram/Zalo links and e-mail addresses are
 * claimed (masked) by earlier stages and never reach this one.
 */
const CANDIDATE =
  /(?<![\p{L}\p{N}\p{M}._\-@\/\\])(?:(https?:\/\/)([^\s@\/?#\u0000]{1,64}@)?)?([\p{L}\p{N}\p{M}\-.]+)((?::\d{1,5})?(?:[\/?#][^\s<>"'`“”‘’\u0000]*)?)/giu;
const TRAILING = `.,;:!?)]}'"…»`;
const ACCOUNT_HOSTS = new Set(["t.me", "telegram.me", "telegram.dog", "zalo.me", "chat.zalo.me"]);
/**
 * Link shorteners: the indicator is the short link itself ("bit.ly/vcb-tb2025"), not the
 * shortener, or confirming one scam link would brand every bit.ly link a fraud.
 */
const SHORTENERS = new Set([
  "bit.ly", "bitly.com", "tinyurl.com", "s.id", "rb.gy", "t.ly", "cutt.ly", "shorturl.at", "is.gd", "goo.gl",
  "ow.ly", "tiny.cc", "rebrand.ly", "v.gd", "t.co", "lnkd.in", "shorte.st", "bom.so", "surl.li", "tinyurl.is",
]);

/** "bit.ly" + "/vcb-tb2025?x=1" → "bit.ly/vcb-tb2025" (the code is case-sensitive: kept as written). */
function shortLink(host: string, tail: string): string | null {
  if (!SHORTENERS.has(host)) return null;
  const code = /^\/([^\/?#]+)/.exec(tail)?.[1];
  return code ? `${host}/${code}` : null;
}

export function findDomains(s: Scratch): Found[] {
  const found: Found[] = [];
  for (const m of s.view.matchAll(CANDIDATE)) {
    const link = parse(m[1] ?? "", m[2] ?? "", m[3] as string, m[4] as string);
    if (!link) continue;
    const raw = s.text.slice(m.index, m.index + link.length);
    found.push({ at: m.index, indicator: { kind: "domain", value: link.value, url: link.url, lookalike: link.lookalike, raw } });
    s.mask(m.index, m.index + link.length);
  }
  return found;
}

type Link = { value: string; url: string; lookalike: ReturnType<typeof lookalikeOf>; length: number };

function parse(scheme: string, userinfo: string, hostToken: string, rest: string): Link | null {
  const tail = rest === "" ? "" : trimTrailing(rest);
  const hostText = rest === "" ? hostWithoutGluedWord(hostToken) : hostToken;
  if (!hostText.includes(".") || hostText.length > 253) return null;
  const ascii = domainToASCII(hostText.toLowerCase());
  if (ascii === "" || ACCOUNT_HOSTS.has(ascii)) return null;
  const ip = isIPv4(ascii);
  if (ip ? scheme === "" : !isPlausibleHost(ascii)) return null;
  const host = withoutWww(ascii);
  return {
    value: shortLink(host, tail) ?? registrableDomain(host),
    url: `${scheme === "" ? "http://" : scheme.toLowerCase()}${userinfo}${ascii}${tail}`,
    lookalike: ip ? null : (lookalikeOf(host) ?? brandInUserinfo(userinfo, host)),
    length: scheme.length + userinfo.length + hostText.length + tail.length,
  };
}

/** "https://agribank.com.vn@evil.top/" opens evil.top: a brand before the "@" is read as a subdomain would be. */
function brandInUserinfo(userinfo: string, host: string): Link["lookalike"] {
  const labels = trimEnd(userinfo.slice(0, -1).toLowerCase().replace(/[^a-z0-9.\-]+/g, "-"), ".-").replace(/^[.\-]+/, "");
  const hit = labels === "" || isOfficial(host) ? null : lookalikeOf(`${labels}.${host}`);
  return hit ? { of: hit.of, reason: "brand-in-subdomain" } : null;
}

/**
 * Without a path, the token may run on into the next sentence when a space is missing after the
 * full stop ("vcb-login.com.Vui lòng"): drop trailing labels until the rest is a plausible host.
 */
function hostWithoutGluedWord(token: string): string {
  let host = trimEnd(token, ".-");
  if (host.length > 253) return host;
  for (let dot = host.lastIndexOf("."); dot > 0; dot = host.lastIndexOf(".")) {
    if (isPlausibleHost(domainToASCII(host.toLowerCase())) || isIPv4(host)) return host;
    const shorter = host.slice(0, dot);
    if (!shorter.includes(".")) return host;
    host = shorter;
  }
  return host;
}

/** Strips sentence punctuation after a path, keeping a closing parenthesis that closes one in the path. */
function trimTrailing(tail: string): string {
  let t = trimEnd(tail, TRAILING);
  const cut = tail.slice(t.length);
  if (cut.startsWith(")") && t.includes("(")) t += ")";
  return t;
}
