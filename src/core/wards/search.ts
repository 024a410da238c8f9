import type { Directory, Province, Ward } from "./directory.js";
import { createCandidateFinder } from "./candidates.js";
import { GluedWords } from "./glued.js";
import { UNIT_PHRASES, UNIT_SINGLE_WORDS, fold, stripUnitPrefix, unitKindOf, type UnitKind } from "./normalize.js";
import { createQueryParser } from "./query.js";
import {
  MatchTable,
  TIER_EXACT,
  TIER_FUZZY,
  TIER_PARTIAL,
  TIER_PREFIX,
  createScorer,
  type ParsedQuery,
  type ScoredEntry,
} from "./scoring.js";
import { tokenize } from "./tokens.js";
import { EXACT, FUZZY, Vocabulary } from "./vocabulary.js";

/** How well a match's name fits the query, best first. */
export type MatchQuality = "exact" | "prefix" | "fuzzy" | "partial";

export interface WardMatch {
  wardCode: string;
  /** Current official name, e.g. "Phường An Hội Tây". */
  wardName: string;
  provinceCode: string;
  provinceName: string;
  /** "name": the current name matched; "former": a pre-July-2025 name that now belongs to this ward. */
  via: "name" | "former";
  /** With via "former": the former unit's name, district and province, to ask "which one?" with. */
  formerName?: string;
  formerDistrict?: string;
  formerProvince?: string;
  /**
   * exact: every word of the name, nothing unexplained; prefix: the query is the start of the name;
   * fuzzy: complete with a typo, or some of the name's words; partial: some query words match nothing.
   */
  quality: MatchQuality;
  /** Higher is better; only comparable between matches of one query. */
  score: number;
}

export interface SearchOptions {
  /** Maximum number of matches (default 8). */
  limit?: number;
  /** Only wards of this province ("79"). */
  provinceCode?: string;
  /**
   * Only wards that took in units of this former district (a formerDistrictKey): their former names
   * from that district, and their current names.
   */
  formerDistrict?: string;
}

/** Names a former district unambiguously: "Huyện Châu Thành" was a district of several provinces. */
export const formerDistrictKey = (district: string, province: string): string => `${district}|${province}`;
/** The district's own name in a formerDistrictKey ("Quận Gò Vấp"). */
export const formerDistrictName = (key: string): string => key.split("|")[0] ?? key;

export interface WardIndex {
  /** Wards a resident may mean by what they typed, best first, at most one match per ward. */
  search(query: string, opts?: SearchOptions): WardMatch[];
  /** A current ward by code ("00004"; "4" is padded). */
  getWard(code: string): Ward | undefined;
  /** A province by code ("01"; "1" is padded). */
  getProvince(code: string): Province | undefined;
  /** Number of searchable names (current + former). */
  readonly entryCount: number;
}

export const DEFAULT_LIMIT = 8;

/** Common ways of writing a province that its official name does not contain. */
const PROVINCE_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  "01": ["hn"],
  "79": ["hcm", "tphcm", "sai gon", "saigon", "sg"],
};

/** Below this many names, a query word's typo neighbours also bring in candidates. */
const FEW_POSTINGS = 64;

const QUALITY_BY_TIER: Readonly<Record<number, MatchQuality>> = {
  [TIER_PARTIAL]: "partial",
  [TIER_FUZZY]: "fuzzy",
  [TIER_PREFIX]: "prefix",
  [TIER_EXACT]: "exact",
};

interface Entry extends ScoredEntry {
  wardIdx: number;
  /** -1 for the current name, else the index in dir.aliases. */
  aliasIdx: number;
}

function padCode(code: string, width: number): string {
  const c = code.trim();
  return /^\d+$/.test(c) && c.length < width ? c.padStart(width, "0") : c;
}

/** Appends the ids of `more` not already in `into` (context lists are a handful of words). */
function addAll(into: number[], more: readonly number[]): void {
  for (const t of more) if (!into.includes(t)) into.push(t);
}

/**
 * Builds the in-memory index over current and former names (≈14k). Build once at start-up; `search`
 * is synchronous: query words → candidate names through an inverted index of folded words (with
 * prefix and one-typo expansion), each candidate scored, the best name per ward kept.
 */
export function createWardIndex(dir: Directory): WardIndex {
  const provinceByCode = new Map(dir.provinces.map((p) => [p.code, p]));
  const wardByCode = new Map(dir.wards.map((w) => [w.code, w]));
  const wardIdxByCode = new Map(dir.wards.map((w, i) => [w.code, i]));
  const vocab = new Vocabulary();
  const glued = new GluedWords((w) => vocab.has(w), new Set(UNIT_SINGLE_WORDS.keys()));
  for (const phrase of UNIT_PHRASES.keys()) glued.learnPhrase(phrase.split(" "));
  /** Word ids of a folded name, the order of its words learnt for splitting glued queries. */
  const wordIds = (folded: string): number[] => {
    const words = tokenize(stripUnitPrefix(folded));
    glued.learn(words);
    return words.map((w) => vocab.idOf(w));
  };

  const placeMemo = new Map<string, number[]>();
  const placeIds = (name: string): number[] => {
    let ids = placeMemo.get(name);
    if (!ids) {
      ids = wordIds(fold(name));
      placeMemo.set(name, ids);
    }
    return ids;
  };

  const provincePlaces = new Map<string, number[][]>();
  for (const p of dir.provinces) {
    const places = [placeIds(p.name), ...(PROVINCE_SYNONYMS[p.code] ?? []).map(placeIds)];
    provincePlaces.set(p.code, places);
  }

  // Former districts and provinces of each current ward: "di an binh duong" finds Phường Dĩ An (now Hồ Chí Minh).
  const formerPlaces: number[][][] = dir.wards.map(() => []);
  for (const a of dir.aliases) {
    const wardIdx = wardIdxByCode.get(a.wardCode);
    if (wardIdx === undefined) continue;
    const into = formerPlaces[wardIdx] as number[][];
    for (const place of [placeIds(a.oldDistrict), placeIds(a.oldProvince)]) if (!into.includes(place)) into.push(place);
  }

  const nameMemo = new Map<string, { ids: number[]; kind: UnitKind | undefined }>();
  const entries: Entry[] = [];
  const postings: number[][] = [];
  const contextPostings: number[][] = [];
  const addEntry = (wardIdx: number, aliasIdx: number, name: string, places: number[][]): void => {
    const context: number[] = [];
    for (const place of places) addAll(context, place);
    let parsed = nameMemo.get(name);
    if (!parsed) {
      const folded = fold(name);
      parsed = { ids: wordIds(folded), kind: unitKindOf(folded) };
      nameMemo.set(name, parsed);
    }
    const id = entries.length;
    entries.push({ wardIdx, aliasIdx, name: parsed.ids, context, places, kind: parsed.kind, current: aliasIdx < 0 });
    const ids = parsed.ids;
    ids.forEach((t, j) => {
      if (ids.indexOf(t) === j) (postings[t] ??= []).push(id);
    });
    for (const c of context) (contextPostings[c] ??= []).push(id);
  };

  dir.wards.forEach((w, i) => {
    addEntry(i, -1, w.name, [...(provincePlaces.get(w.provinceCode) ?? []), ...(formerPlaces[i] ?? [])]);
  });
  dir.aliases.forEach((a, i) => {
    const wardIdx = wardIdxByCode.get(a.wardCode);
    if (wardIdx === undefined) return; // not in this directory: nothing to point to
    const places = [placeIds(a.oldDistrict), placeIds(a.oldProvince), ...(provincePlaces.get(dir.wards[wardIdx]?.provinceCode ?? "") ?? [])];
    addEntry(wardIdx, i, a.oldName, places.filter((p, k) => places.indexOf(p) === k));
  });
  vocab.freeze();
  const table = new MatchTable(vocab.size);

  const parseQuery = createQueryParser(vocab, table, glued);

  let wardsByDistrict: Map<string, Set<number>> | undefined;
  const inDistrict = (e: Entry, key: string): boolean => {
    const alias = dir.aliases[e.aliasIdx];
    if (alias) return formerDistrictKey(alias.oldDistrict, alias.oldProvince) === key;
    if (!wardsByDistrict) {
      wardsByDistrict = new Map();
      for (const a of dir.aliases) {
        const k = formerDistrictKey(a.oldDistrict, a.oldProvince);
        const wi = wardIdxByCode.get(a.wardCode);
        if (wi !== undefined) (wardsByDistrict.get(k) ?? wardsByDistrict.set(k, new Set()).get(k)!).add(wi);
      }
    }
    return wardsByDistrict.get(key)?.has(e.wardIdx) ?? false;
  };

  // Per-query scratch space, reused across queries (search is synchronous).
  const scorer = createScorer();
  const findCandidates = createCandidateFinder(entries, postings, contextPostings);
  const scoredStamp = new Uint32Array(entries.length);
  const wardStamp = new Uint32Array(dir.wards.length);
  const wardBest = new Float64Array(dir.wards.length);
  const wardBestEntry = new Int32Array(dir.wards.length);
  const wardBestTier = new Uint8Array(dir.wards.length);
  let epoch = 0;

  function search(query: string, opts: SearchOptions = {}): WardMatch[] {
    const limit = Math.max(0, Math.floor(opts.limit ?? DEFAULT_LIMIT));
    if (!(limit > 0) || !query.trim()) return [];
    const strict = parseQuery(query);
    const found = searchParsed(strict, limit, opts);
    if (found[0]?.quality !== "partial") return found;
    // Nothing explains the whole query: a token read as glued words may be a word with a letter
    // missing instead ("cuyen my": not "cu yen my" but Chuyên Mỹ). Only complete names are wanted.
    if (strict.split) {
      const whole = searchParsed(parseQuery(query, false, true), limit, opts, true);
      if (whole[0] && whole[0].quality !== "partial") return whole;
    }
    if (!strict.loosens) return found;
    // Nothing explains the whole query: a short word may be a typo that is also a word ("tan na hoi").
    // Only names that explain every word are wanted from it: pass 1 alone finds those.
    const second = searchParsed(parseQuery(query, true), limit, opts, true);
    return second[0] && second[0].quality !== "partial" ? second : found;
  }

  function searchParsed(parsed: ParsedQuery, limit: number, opts: SearchOptions, completeOnly = false): WardMatch[] {
    if (parsed.words.length === 0) return [];
    const provinceCode = opts.provinceCode === undefined ? undefined : padCode(opts.provinceCode, 2);
    const district = opts.formerDistrict;

    epoch = (epoch + 1) >>> 0;
    if (epoch === 0) {
      scoredStamp.fill(0);
      wardStamp.fill(0);
      epoch = 1;
    }
    const touched: number[] = [];
    const firstScores: number[] = [];
    let threshold = -Infinity;
    const consider = (id: number): void => {
      const e = entries[id] as Entry;
      if (provinceCode !== undefined && dir.wards[e.wardIdx]?.provinceCode !== provinceCode) return;
      if (district !== undefined && !inDistrict(e, district)) return;
      const score = scorer.score(e, parsed, threshold);
      if (score === -Infinity) return;
      const wi = e.wardIdx;
      if (wardStamp[wi] !== epoch) {
        wardStamp[wi] = epoch;
        touched.push(wi);
        // First scores of distinct wards never exceed their best: the limit-th highest of them is a
        // safe bar below which a name cannot make the results.
        if (firstScores.length < limit) firstScores.push(score);
        else {
          let m = 0;
          for (let k = 1; k < limit; k++) if ((firstScores[k] as number) < (firstScores[m] as number)) m = k;
          if (score > (firstScores[m] as number)) firstScores[m] = score;
        }
        if (firstScores.length === limit) threshold = Math.min(...firstScores);
      } else if ((wardBest[wi] as number) >= score) return;
      wardBest[wi] = score;
      wardBestEntry[wi] = id;
      wardBestTier[wi] = scorer.lastTier;
    };

    // Pass 1: the names that may explain every word of the query (usually a handful) are scored.
    const complete = findCandidates(parsed);
    for (const id of complete) {
      if (scoredStamp[id] === epoch) continue;
      scoredStamp[id] = epoch;
      consider(id);
    }

    // Pass 2, only when no name explains the whole query: names some query word is a word of, for
    // the best partial matches ("ba dinh xyz", a whole sentence).
    let explained = false;
    for (const wi of touched) if ((wardBestTier[wi] as number) > TIER_PARTIAL) explained = true;
    if (!explained && !completeOnly) {
      for (const w of parsed.words) {
        // A word that is itself (or starts) many name words brings in those names only, not its
        // one-typo neighbours ("binh" → minh, vinh, ninh…); a rare or unknown word ("dnh") does.
        let direct = 0;
        for (const [t, q] of w.matches) if (q !== FUZZY) direct += postings[t]?.length ?? 0;
        const withTypos = !w.optional && direct < FEW_POSTINGS;
        for (const [t, q] of w.matches) {
          if (q === FUZZY ? !withTypos : w.optional && q !== EXACT) continue;
          const list = postings[t];
          if (!list) continue;
          for (let k = 0; k < list.length; k++) {
            const id = list[k] as number;
            if (scoredStamp[id] === epoch) continue;
            scoredStamp[id] = epoch;
            consider(id);
          }
        }
      }
    }
    // When some name explains the whole query, names that leave words unexplained are noise.
    if (explained) {
      let keep = 0;
      for (const wi of touched) if ((wardBestTier[wi] as number) > TIER_PARTIAL) touched[keep++] = wi;
      touched.length = keep;
    }

    const bestEntry = (wi: number): Entry => entries[wardBestEntry[wi] ?? 0] as Entry;
    const before = (a: number, b: number): number => {
      const d = (wardBest[b] ?? 0) - (wardBest[a] ?? 0);
      if (d !== 0) return d;
      const ea = bestEntry(a);
      const eb = bestEntry(b);
      if (ea.current !== eb.current) return ea.current ? -1 : 1;
      const wa = dir.wards[a] as Ward;
      const wb = dir.wards[b] as Ward;
      return wa.provinceCode < wb.provinceCode ? -1 : wa.provinceCode > wb.provinceCode ? 1 : wa.code < wb.code ? -1 : 1;
    };
    const top = selectTop(touched, limit, before);

    return top.map((wi) => {
      const ward = dir.wards[wi] as Ward;
      const e = bestEntry(wi);
      const m: WardMatch = {
        wardCode: ward.code,
        wardName: ward.name,
        provinceCode: ward.provinceCode,
        provinceName: provinceByCode.get(ward.provinceCode)?.name ?? "",
        via: e.current ? "name" : "former",
        quality: QUALITY_BY_TIER[wardBestTier[wi] ?? TIER_PARTIAL] ?? "partial",
        score: Math.round((wardBest[wi] ?? 0) * 100) / 100,
      };
      const alias = e.current ? undefined : dir.aliases[e.aliasIdx];
      if (alias) {
        m.formerName = alias.oldName;
        m.formerDistrict = alias.oldDistrict;
        m.formerProvince = alias.oldProvince;
      }
      return m;
    });
  }

  return {
    search,
    getWard: (code) => wardByCode.get(padCode(code, 5)),
    getProvince: (code) => provinceByCode.get(padCode(code, 2)),
    entryCount: entries.length,
  };
}

/** The `limit` first items by `cmp`, sorted, without sorting everything (candidates can be thousands). */
function selectTop(items: number[], limit: number, cmp: (a: number, b: number) => number): number[] {
  if (items.length <= limit * 4) return items.sort(cmp).slice(0, limit);
  const top: number[] = [];
  for (const x of items) {
    if (top.length === limit && cmp(x, top[limit - 1] as number) >= 0) continue;
    let i = Math.min(top.length, limit - 1);
    if (top.length < limit) top.push(x);
    while (i > 0 && cmp(x, top[i - 1] as number) < 0) {
      top[i] = top[i - 1] as number;
      i--;
    }
    top[i] = x;
  }
  return top;
}
