import { domainToUnicode } from "node:url";
import { onHostingPlatform, registrableDomain, withoutWww } from "./domains.js";
import { editDistance, latinize, skeleton } from "./similarity.js";
import type { Lookalike } from "./types.js";

/**
 * Hosts imitating a protected brand. `of` is the brand's main official domain; `official` lists
 * every domain (and so its subdomains) that is never flagged; `labels` are the names a fake would
 * borrow. Labels of 4 letters or fewer (vcb, bidv, evn) match only whole, never by edit distance:
 * "acd" is not ACB.
 */
type Brand = { of: string; official: string[]; labels: string[] };

export const BRANDS: Brand[] = [
  { of: "vietcombank.com.vn", official: ["vietcombank.com.vn"], labels: ["vietcombank", "vcb", "vcbdigibank"] },
  { of: "techcombank.com.vn", official: ["techcombank.com.vn", "techcombank.com"], labels: ["techcombank", "tcb"] },
  { of: "mbbank.com.vn", official: ["mbbank.com.vn"], labels: ["mbbank"] },
  { of: "bidv.com.vn", official: ["bidv.com.vn"], labels: ["bidv"] },
  { of: "vietinbank.vn", official: ["vietinbank.vn"], labels: ["vietinbank"] },
  { of: "agribank.com.vn", official: ["agribank.com.vn"], labels: ["agribank"] },
  { of: "acb.com.vn", official: ["acb.com.vn"], labels: ["acb"] },
  { of: "tpb.vn", official: ["tpb.vn"], labels: ["tpbank", "tpb"] },
  { of: "vpbank.com.vn", official: ["vpbank.com.vn"], labels: ["vpbank"] },
  { of: "sacombank.com.vn", official: ["sacombank.com.vn"], labels: ["sacombank"] },
  { of: "hdbank.com.vn", official: ["hdbank.com.vn"], labels: ["hdbank"] },
  { of: "shb.com.vn", official: ["shb.com.vn"], labels: ["shb"] },
  { of: "msb.com.vn", official: ["msb.com.vn"], labels: ["msb"] },
  { of: "vib.com.vn", official: ["vib.com.vn"], labels: ["vib"] },
  { of: "seabank.com.vn", official: ["seabank.com.vn"], labels: ["seabank"] },
  { of: "eximbank.com.vn", official: ["eximbank.com.vn"], labels: ["eximbank"] },
  { of: "lpbank.com.vn", official: ["lpbank.com.vn"], labels: ["lpbank"] },
  { of: "momo.vn", official: ["momo.vn"], labels: ["momo"] },
  { of: "zalopay.vn", official: ["zalopay.vn"], labels: ["zalopay"] },
  { of: "zalo.me", official: ["zalo.me", "zalo.vn", "zaloapp.com"], labels: ["zalo"] },
  { of: "chinhphu.vn", official: ["chinhphu.vn", "baochinhphu.vn"], labels: ["chinhphu"] },
  { of: "dichvucong.gov.vn", official: ["dichvucong.gov.vn"], labels: ["dichvucong"] },
  { of: "bocongan.gov.vn", official: ["bocongan.gov.vn", "mps.gov.vn"], labels: ["bocongan"] },
  { of: "vneid.gov.vn", official: ["vneid.gov.vn"], labels: ["vneid"] },
  { of: "csgt.vn", official: ["csgt.vn"], labels: ["csgt"] },
  { of: "gdt.gov.vn", official: ["gdt.gov.vn"], labels: ["gdt", "thuedientu", "tongcucthue"] },
  { of: "baohiemxahoi.gov.vn", official: ["baohiemxahoi.gov.vn", "vss.gov.vn"], labels: ["baohiemxahoi", "bhxh"] },
  {
    of: "evn.com.vn",
    official: ["evn.com.vn", "evnhanoi.vn", "evnhcmc.vn", "evnspc.vn", "evncpc.vn", "evnnpc.vn"],
    labels: ["evn", "evnhanoi", "evnhcmc", "evnspc", "evncpc", "evnnpc"],
  },
  { of: "vnpost.vn", official: ["vnpost.vn", "vietnampost.vn"], labels: ["vnpost", "vietnampost"] },
  { of: "viettelpost.com.vn", official: ["viettelpost.com.vn", "viettelpost.vn"], labels: ["viettelpost"] },
];

export function isOfficial(host: string): boolean {
  return BRANDS.some((b) => b.official.some((o) => host === o || host.endsWith(`.${o}`)));
}

type Match = { brand: Brand; rank: number; how: "exact" | "homoglyph" | "typo" | "words" };
const RANK = { exact: 0, homoglyph: 1, typo: 2, words: 3 } as const;

/** A spelling and its skeleton, computed once. */
type Spelled = { text: string; skel: string };
const spelled = (text: string): Spelled => ({ text, skel: skeleton(text) });

/** Every brand name with its skeleton and the edit distance still counted as a typo: none up to 4 letters, 1 up to 8, 2 beyond. */
const NAMES = BRANDS.flatMap((brand) =>
  brand.labels.map((label) => ({ brand, ...spelled(label), limit: label.length <= 4 ? 0 : label.length <= 8 ? 1 : 2 })),
);
type Name = (typeof NAMES)[number];

function matchWhole(w: Spelled, name: Name): Match["how"] | null {
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
    else if (name.text.length >= 6 && joined.skel.includes(name.skel)) consider(name.brand, "words");
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
  return null;
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
  return BRANDS.find((b) => b.official.some((o) => host === o || host.endsWith(`.${o}`)))?.of ?? host;
}
