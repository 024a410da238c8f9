import { fold, stripUnitPrefix } from "./normalize.js";
import { formerDistrictKey, type WardIndex, type WardMatch } from "./search.js";

/** Wards compared to count how many are as good as the first. */
const GROUP_SCAN = 300;
/**
 * Wards within this many points of the first are as good: the same name, current or former, with or
 * without a matching unit word ("Xã Tân Thành", "Phường Tân Thành", the former Xã Tân Thành...).
 */
const GROUP_MARGIN = 2;
/** Places offered at most: every province (34); a longer list of districts keeps those with the most wards. */
const MAX_PLACES = 34;

/** A province or former district to narrow the list by, with how many of the wards are there. */
export interface PlaceChoice {
  /** Province code ("79"), or formerDistrictKey for a district. */
  key: string;
  name: string;
  count: number;
}

export interface WardChoices {
  /** The best wards, at most `limit`. */
  matches: WardMatch[];
  /** Wards as good as the first (more than `matches` when the name is a common one). */
  total: number;
  /** When more wards are as good as the first than can be listed: where to narrow them to next. */
  narrowBy?: { kind: "province" | "district"; options: PlaceChoice[] };
}

export interface ChoiceOptions {
  limit: number;
  provinceCode?: string;
  formerDistrict?: string;
}

/** "Thành phố Hồ Chí Minh" and "Tỉnh Bà Rịa - Vũng Tàu" compared by their bare names. */
const bare = (s: string) => stripUnitPrefix(fold(s));

function countBy(matches: WardMatch[], keyOf: (m: WardMatch) => string | undefined, nameOf: (m: WardMatch) => string): PlaceChoice[] {
  const by = new Map<string, PlaceChoice>();
  for (const m of matches) {
    const key = keyOf(m);
    if (key === undefined) continue;
    const c = by.get(key);
    if (c) c.count++;
    else by.set(key, { key, name: nameOf(m), count: 1 });
  }
  return [...by.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, "vi")).slice(0, MAX_PLACES);
}

/**
 * The wards to offer for what a resident typed. When more are as good as the first than `limit`
 * (tens of "Tân Thành", a "Phường 1" in every former town), the next step is to choose the province,
 * then, within one province, the former district: `narrowBy` lists them, most wards first.
 */
export function chooseWards(index: WardIndex, query: string, opts: ChoiceOptions): WardChoices {
  const scan = index.search(query, {
    limit: Math.max(GROUP_SCAN, opts.limit),
    ...(opts.provinceCode ? { provinceCode: opts.provinceCode } : {}),
    ...(opts.formerDistrict ? { formerDistrict: opts.formerDistrict } : {}),
  });
  const matches = scan.slice(0, opts.limit);
  const first = scan[0];
  if (!first) return { matches, total: 0 };
  const group = scan.filter((m) => m.quality === first.quality && m.score >= first.score - GROUP_MARGIN);
  if (group.length <= opts.limit) return { matches, total: group.length };
  if (!opts.provinceCode) {
    const provinces = countBy(group, (m) => m.provinceCode, (m) => m.provinceName);
    if (provinces.length > 1) return { matches, total: group.length, narrowBy: { kind: "province", options: provinces } };
  }
  if (!opts.formerDistrict) {
    const districts = countBy(
      group,
      (m) => (m.formerDistrict && m.formerProvince ? formerDistrictKey(m.formerDistrict, m.formerProvince) : undefined),
      (m) => (bare(m.formerProvince ?? "") === bare(m.provinceName) ? (m.formerDistrict ?? "") : `${m.formerDistrict}, ${m.formerProvince}`),
    );
    if (districts.length > 1) return { matches, total: group.length, narrowBy: { kind: "district", options: districts } };
  }
  return { matches, total: group.length };
}
