import { domainToUnicode } from "node:url";
import { onHostingPlatform, registrableDomain, withoutWww } from "./domains.js";
import { editDistance, latinize, skeleton } from "./similarity.js";
import { BRANDS, GOVERNMENT, type Brand } from "./brands.js";
import type { Lookalike } from "./types.js";

export { BRANDS } from "./brands.js";

/** A brand's own domain or one of its subdomains, or any host under gov.vn. */
export function isOfficial(host: string): boolean {
  return host.endsWith(GOVERNMENT.suffix) || BRANDS.some((b) => b.official.some((o) => host === o || host.endsWith(`.${o}`)));
}

type Match = { brand: Brand; rank: number; how: "exact" | "homoglyph" | "typo" | "words" };
const RANK = { exact: 0, homoglyph: 1, typo: 2, words: 3 } as const;

/** A spelling and its skeleton, computed once. */
type Spelled = { text: string; skel: string };
const spelled = (text: string): Spelled => ({ text, skel: skeleton(text) });

/**
 * Every brand name with its skeleton and the edit distance still counted as a typo: none up to 4
 * letters, 1 up to 8, 2 beyond (or the brand's cap); `inside` if it may be found inside a longer word.
 */
const NAMES = BRANDS.flatMap((brand) =>
  [...brand.labels.map((label) => ({ label, inside: true })), ...(brand.phrases ?? []).map((label) => ({ label, inside: false }))].map(({ label, inside }) => ({
    brand,
    ...spelled(label),
    inside,
    limit: Math.min(label.length <= 4 ? 0 : label.length <= 8 ? 1 : 2, brand.typoLimit ?? 2),
  })),
);
type Name = (typeof NAMES)[number];

function matchWhole(w: Spelled, name: Name): Match["how"] | null {
  // Every match below needs the spelling or the skeleton within `limit` letters of the name's length.
  if (Math.abs(w.text.length - name.text.length) > name.limit && Math.abs(w.skel.length - name.skel.length) > name.limit) return null;
  if (w.text === name.text) return "exact";
  if (w.skel === name.skel) return "homoglyph";
  if (name.limit === 0) return null;
  const distance = Math.min(editDistance(w.text, name.text, name.limit), editDistance(w.skel, name.skel, name.limit));
  return distance <= name.limit ? "typo" : null;
}

/**
 * The brand a label imitates best: whole (exact, homoglyph, typo), else as one of its words.
 * Hyphens inside the name ("bo-cong-an", "viet-com-bank") make it a typo, not other words.
 */
function matchLabel(label: string): Match | null {
  let best: Match | null = null;
  const consider = (brand: Brand, how: Match["how"]): void => {
    if (!best || RANK[how] < best.rank) best = { brand, how, rank: RANK[how] };
  };
  const whole = spelled(label);
  const words = label.split(/[-_]+/).filter(Boolean).map(spelled);
  const joined = spelled(words.map((w) => w.text).join(""));
  for (const name of NAMES) {
    const how = matchWhole(whole, name);
    if (how) consider(name.brand, how);
    else if (words.length > 1 && joined.skel === name.skel) consider(name.brand, "typo");
    else if (words.length > 1 && words.some((w) => matchWhole(w, name))) consider(name.brand, "words");
    else if (name.inside && name.text.length >= 6 && joined.skel.includes(name.skel)) consider(name.brand, "words");
  }
  return best;
}

/**
 * Whether an ASCII host imitates a protected brand. The registrable label decides first; the
 * subdomain labels only when it is clean ("vietcombank.com.vn.secure-login.xyz"). A host with
 * punycode labels is read as the Unicode it displays, and any resemblance is reported as "punycode".
 */
export function lookalikeOf(asciiHost: string): Lookalike | null {
  const host = withoutWww(asciiHost);
  if (isOfficial(host)) return null;
  const punycode = host.split(".").some((l) => l.startsWith("xn--"));
  const shown = punycode ? latinize(domainToUnicode(host)) : host;
  if (shown === "") return null;
  if (punycode && isOfficial(shown)) return { of: officialOf(shown), reason: "punycode" };
  const registrable = registrableDomain(shown);
  const regLabel = registrable.split(".")[0] as string;
  const hit = matchLabel(regLabel);
  if (hit) return { of: hit.brand.of, reason: punycode ? "punycode" : reasonFor(hit, registrable) };
  const sub = shown.slice(0, Math.max(0, shown.length - registrable.length - 1));
  for (const label of sub.split(".").filter(Boolean)) {
    const inSub = matchLabel(label);
    if (inSub) return { of: inSub.brand.of, reason: punycode ? "punycode" : "brand-in-subdomain" };
  }
  return governmentLookalike(shown, registrable, punycode);
}

/** "x.gov.vn.<tld>", "cccd-gov-vn.online", "govvn.net": a gov.vn site that is not under gov.vn (GOVERNMENT). */
function governmentLookalike(host: string, registrable: string, punycode: boolean): Lookalike | null {
  const words = (name: string) => name.split(/[-_.]+/).filter(Boolean);
  const govIn = (ws: string[]) => ws.some((w, i) => GOVERNMENT.glued.has(w) || (w === "gov" && ws[i + 1] === "vn"));
  const flag = (r: Lookalike["reason"]): Lookalike => ({ of: GOVERNMENT.of, reason: punycode ? "punycode" : r });
  const label = registrable.split(".")[0] as string;
  if (govIn(words(registrable))) return flag(GOVERNMENT.glued.has(label) ? "typo" : "brand-with-extra-words");
  // Hosts under gov.vn are official and never get here, so "gov" then "vn" is never the real suffix.
  return govIn(words(host)) ? flag("brand-in-subdomain") : null;
}

/**
 * The brand's own name on another TLD ("vietcombank.com") counts as a typo of the official
 * domain; on a hosting platform ("vietcombank.web.app") it is the brand in a subdomain.
 */
function reasonFor(hit: Match, registrable: string): Lookalike["reason"] {
  if (hit.how === "exact") return onHostingPlatform(registrable) ? "brand-in-subdomain" : "typo";
  if (hit.how === "homoglyph") return "homoglyph";
  return hit.how === "typo" ? "typo" : "brand-with-extra-words";
}

function officialOf(host: string): string {
  const brand = BRANDS.find((b) => b.official.some((o) => host === o || host.endsWith(`.${o}`)));
  return brand?.of ?? (host.endsWith(GOVERNMENT.suffix) ? GOVERNMENT.of : host);
}
