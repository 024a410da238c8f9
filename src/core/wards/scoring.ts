import type { UnitKind } from "./normalize.js";
import { EXACT, FUZZY, PREFIX, type Quality } from "./vocabulary.js";

/** Longest query / name / context considered, in words (a query is cut, longer names are not indexed past it). */
export const MAX_QUERY_WORDS = 24;
const MAX_NAME_WORDS = 16;
const MAX_CONTEXT_WORDS = 256;

/** One searchable name: a ward's current name or one of its former names, as word ids. */
export interface ScoredEntry {
  /** Words of the name without its unit word ("Phường Ba Đình" → ba, dinh). */
  readonly name: readonly number[];
  /** Words of the places around it: province, (former) district and province, common abbreviations. */
  readonly context: readonly number[];
  /** Those places, each as its words ("tay ninh", "go vap", "1"): a place is named whole or not at all. */
  readonly places: ReadonlyArray<readonly number[]>;
  readonly kind: UnitKind | undefined;
  readonly current: boolean;
}

export interface QueryWord {
  /** Indexed word id → how well this query word matches it. */
  readonly matches: ReadonlyMap<number, Quality>;
  /** An administrative word ("phuong", "p", "tinh", "thanh pho") before another word: never required, never context. */
  readonly optional: boolean;
}

export interface ParsedQuery {
  readonly words: readonly QueryWord[];
  /** The same matches as flat arrays, filled for this query. */
  readonly table: MatchTable;
  /** The ward-level kind the query names ("phuong" → ward), if any. */
  readonly kind: UnitKind | undefined;
}

/**
 * Vocabulary id → match quality for each query word, in flat typed arrays (filled once per query,
 * read for every candidate: no Map lookups in the scoring loop).
 */
export class MatchTable {
  /** Read directly by the scorer (hot loop): row(id) is `stamp[id] === epoch ? slot[id] : -1`. */
  readonly stamp: Uint32Array;
  readonly slot: Int32Array;
  qual = new Uint8Array(256 * MAX_QUERY_WORDS);
  epoch = 0;
  private slots = 0;

  constructor(vocabularySize: number) {
    this.stamp = new Uint32Array(vocabularySize);
    this.slot = new Int32Array(vocabularySize);
  }

  reset(): void {
    this.epoch = (this.epoch + 1) >>> 0;
    if (this.epoch === 0) {
      this.stamp.fill(0);
      this.epoch = 1;
    }
    this.slots = 0;
  }

  set(id: number, word: number, q: number): void {
    if (id < 0 || id >= this.stamp.length || word >= MAX_QUERY_WORDS) return;
    if (this.stamp[id] !== this.epoch) {
      this.stamp[id] = this.epoch;
      const base = this.slots++ * MAX_QUERY_WORDS;
      if (base + MAX_QUERY_WORDS > this.qual.length) {
        const grown = new Uint8Array(this.qual.length * 2);
        grown.set(this.qual);
        this.qual = grown;
      }
      this.qual.fill(0, base, base + MAX_QUERY_WORDS);
      this.slot[id] = base;
    }
    const k = (this.slot[id] as number) + word;
    if (q > (this.qual[k] as number)) this.qual[k] = q;
  }

  /** Offset of the id's row in `qual` (one byte per query word), or -1 when no query word matches it. */
  row(id: number): number {
    return this.stamp[id] === this.epoch ? (this.slot[id] as number) : -1;
  }
}

/** Tiers: exact name > name prefix > fuzzy (typo, partial name, odd order) > partial (query words unexplained). */
export const TIER_PARTIAL = 0;
export const TIER_FUZZY = 1;
export const TIER_PREFIX = 2;
export const TIER_EXACT = 3;

const TIER_POINTS = 100;
/** Points for a query word explaining a word of the name / of the context, by quality (index = Quality). */
const NAME_POINTS = [0, 5, 6, 10] as const;
const CONTEXT_POINTS = [0, 2, 2, 4] as const;
/** An administrative word that is also a word of the name ("Phượng Mao", "Nghĩa Xá"). */
const OPTIONAL_NAME_POINTS = [0, 4, 5, 8] as const;
const UNEXPLAINED_PENALTY = 15;
const UNCOVERED_NAME_WORD_PENALTY = 2;
/** District/province or administrative words inside the name ("tan [dong thap] thanh", "van [quan] lang"). */
const SPLIT_PENALTY = 6;
/** District/province before the name ("go vap 12"): fine, but "12 go vap" is the usual order. */
const CONTEXT_FIRST_PENALTY = 3;
/**
 * A context word that completes no place ("phuoc vinh tay ninh" is Phước Vinh, Tây Ninh, not
 * Phước Vĩnh Tây plus half a province).
 */
const FRAGMENT_PENALTY = 7;
const IN_ORDER_BONUS = 1;
const KIND_BONUS = 1;
/** Current names rank above former names of equal quality. */
const CURRENT_BONUS = 0.5;
/** Query words a name segment may hold beyond the name's own words (administrative words). */
const SEGMENT_SLACK = 2;

/**
 * Scores entries against a query. The query is read as [context] NAME [context]: every contiguous run
 * of query words is tried as the name (its words aligned to the name's words in order), the words
 * around it as the district/province; the best reading counts. Tiers: every name word matched exactly
 * and nothing unexplained → exact; the query is the start of the name → prefix; a typo, part of the
 * name, words out of place → fuzzy; some query word explained by nothing → partial.
 * Reuses its scratch buffers: one scorer per index, not re-entrant.
 */
export function createScorer(): { score(e: ScoredEntry, q: ParsedQuery, atLeast?: number): number; readonly lastTier: number } {
  const grid = new Uint8Array(MAX_QUERY_WORDS * MAX_NAME_WORDS); // quality of query word i vs name word j
  const rowHasName = new Uint8Array(MAX_QUERY_WORDS); // best quality of query word i vs any name word
  const ctx = new Uint8Array(MAX_QUERY_WORDS); // quality of query word i vs the context
  const ctxAt = new Int16Array(MAX_QUERY_WORDS); // which context word that is
  // A context word explains one query word: "dong noi ha noi" is not Đống Đa + "Nội, Hà Nội".
  const ctxUsed = new Uint32Array(MAX_CONTEXT_WORDS);
  const usedList = new Int16Array(MAX_QUERY_WORDS);
  let usedCount = 0;
  let reading = 0;
  let lastTier = 0;

  function isUsed(e: ScoredEntry, word: number): boolean {
    const k = e.context.indexOf(word);
    return k >= 0 && k < MAX_CONTEXT_WORDS && ctxUsed[k] === reading;
  }

  const dp = new Float64Array((MAX_QUERY_WORDS + 1) * (MAX_NAME_WORDS + 1));
  const matchPos = new Int8Array(MAX_QUERY_WORDS);
  const W = MAX_NAME_WORDS + 1;

  /** Value of leaving query word i of a name segment unmatched. */
  function skipValue(i: number, words: readonly QueryWord[]): number {
    if ((words[i] as QueryWord).optional) return -SPLIT_PENALTY;
    const c = ctx[i] as number;
    return c > 0 ? CONTEXT_POINTS[c as Quality] - SPLIT_PENALTY : -UNEXPLAINED_PENALTY;
  }

  function matchValue(i: number, j: number, words: readonly QueryWord[]): number {
    const g = grid[i * MAX_NAME_WORDS + j] as number;
    if (g === 0) return -Infinity;
    return ((words[i] as QueryWord).optional ? OPTIONAL_NAME_POINTS : NAME_POINTS)[g as Quality] + UNCOVERED_NAME_WORD_PENALTY;
  }

  let alignWords: readonly QueryWord[] = [];
  /**
   * Best in-order alignment of query words a..b to the n name words (each query word to a later name
   * word than the previous, or to none), by dynamic programming; the result is left in matchPos.
   * "trong quang trong" → Trương Quang Trọng: the first "trong" is the typo of "truong".
   */
  function align(a: number, b: number, n: number): void {
    const words = alignWords;
    const len = b - a + 1;
    for (let j = 0; j <= n; j++) dp[len * W + j] = 0;
    for (let k = len - 1; k >= 0; k--) {
      const i = a + k;
      const skip = skipValue(i, words);
      dp[k * W + n] = skip + (dp[(k + 1) * W + n] as number);
      for (let j = n - 1; j >= 0; j--) {
        let v = dp[k * W + j + 1] as number;
        const sk = skip + (dp[(k + 1) * W + j] as number);
        if (sk > v) v = sk;
        const m = matchValue(i, j, words) + (dp[(k + 1) * W + j + 1] as number);
        if (m > v) v = m;
        dp[k * W + j] = v;
      }
    }
    let j = 0;
    for (let k = 0; k < len; ) {
      const i = a + k;
      const here = dp[k * W + j] as number;
      if (j < n && matchValue(i, j, words) + (dp[(k + 1) * W + j + 1] as number) === here) {
        matchPos[i] = j;
        k++;
        j++;
      } else if (skipValue(i, words) + (dp[(k + 1) * W + j] as number) === here) {
        matchPos[i] = -1;
        k++;
      } else j++;
    }
  }

  /** Context words used in this reading that belong to no place named in full. */
  function fragments(e: ScoredEntry): number {
    let count = 0;
    for (let u = 0; u < usedCount; u++) {
      const word = e.context[usedList[u] as number] as number;
      let whole = false;
      for (const place of e.places) {
        if (!place.includes(word)) continue;
        let all = true;
        for (const w of place) {
          if (!isUsed(e, w)) {
            all = false;
            break;
          }
        }
        if (all) {
          whole = true;
          break;
        }
      }
      if (!whole) count++;
    }
    return count;
  }

  /** Points for query word i as context in the current reading, or -1 when it cannot be (none, or word taken). */
  function contextPoints(i: number): number {
    const c = ctx[i] ?? 0;
    if (c === 0) return -1;
    const at = ctxAt[i] ?? -1;
    if (at >= 0 && at < MAX_CONTEXT_WORDS) {
      if (ctxUsed[at] === reading) return -1;
      ctxUsed[at] = reading;
      if (usedCount < usedList.length) usedList[usedCount++] = at;
    }
    return CONTEXT_POINTS[c as Quality];
  }

  /**
   * The entry's score, or -Infinity when it has none (no query word matches its name) or cannot reach
   * `atLeast` (an upper bound is checked before the readings are tried).
   */
  function score(e: ScoredEntry, q: ParsedQuery, atLeast = -Infinity): number {
    const words = q.words;
    const t = Math.min(words.length, MAX_QUERY_WORDS);
    const n = Math.min(e.name.length, MAX_NAME_WORDS);

    const table = q.table;
    const qual = table.qual;
    const stamp = table.stamp;
    const slot = table.slot;
    const epoch = table.epoch;
    for (let i = 0; i < t; i++) {
      rowHasName[i] = 0;
      ctx[i] = 0;
      ctxAt[i] = -1;
    }
    const name = e.name;
    for (let j = 0; j < n; j++) {
      const id = name[j] as number;
      if (stamp[id] !== epoch) {
        for (let i = 0; i < t; i++) grid[i * MAX_NAME_WORDS + j] = 0;
        continue;
      }
      const base = slot[id] as number;
      for (let i = 0; i < t; i++) {
        const m = qual[base + i] as number;
        grid[i * MAX_NAME_WORDS + j] = m;
        if (m > (rowHasName[i] as number)) rowHasName[i] = m;
      }
    }
    const context = e.context;
    for (let j = 0; j < context.length; j++) {
      const id = context[j] as number;
      if (stamp[id] !== epoch) continue;
      const base = slot[id] as number;
      for (let i = 0; i < t; i++) {
        const m = qual[base + i] as number;
        if (m > (ctx[i] as number) && !(words[i] as QueryWord).optional) {
          ctx[i] = m;
          ctxAt[i] = j;
        }
      }
    }

    // Upper bound: every word at its best, no penalty but for words nothing explains.
    let bound = IN_ORDER_BONUS + KIND_BONUS + CURRENT_BONUS;
    let hasName = false;
    let missing = 0;
    for (let i = 0; i < t; i++) {
      const w = words[i] as QueryWord;
      const nq = rowHasName[i] as number;
      if (nq) hasName = true;
      const np = (w.optional ? OPTIONAL_NAME_POINTS : NAME_POINTS)[nq as Quality | 0];
      const cp = CONTEXT_POINTS[ctx[i] as Quality | 0];
      bound += np > cp ? np : cp;
      if (!nq && !ctx[i] && !w.optional) missing++;
    }
    if (!hasName) return -Infinity;
    bound += (missing > 0 ? TIER_PARTIAL : TIER_EXACT) * TIER_POINTS - UNEXPLAINED_PENALTY * missing;
    if (bound < atLeast) return -Infinity;

    let best = -Infinity;
    let bestTier = TIER_PARTIAL;
    alignWords = words;
    for (let a = 0; a < t; a++) {
      if (!rowHasName[a]) continue;
      const bMax = Math.min(t - 1, a + n + SEGMENT_SLACK - 1);
      for (let b = a; b <= bMax; b++) {
        if (!rowHasName[b]) continue;
        // Name segment a..b: its words matched to the name's words in order (best alignment).
        align(a, b, n);
        reading = (reading + 1) >>> 0 || 1;
        usedCount = 0;
        let points = 0;
        let worst: number = EXACT;
        let covered = 0;
        let coveredMask = 0;
        let exactWords = 0;
        let fuzzy = false;
        let split = 0;
        let unexplained = 0;
        for (let i = a; i <= b; i++) {
          const w = words[i] as QueryWord;
          const j = matchPos[i] as number;
          const bq = j >= 0 ? (grid[i * MAX_NAME_WORDS + j] as number) : 0;
          if (bq > 0) {
            covered++;
            coveredMask |= 1 << j;
            if (bq === EXACT) exactWords++;
            if (bq === FUZZY) fuzzy = true;
            if (bq < worst) worst = bq;
            points += (w.optional ? OPTIONAL_NAME_POINTS : NAME_POINTS)[bq as Quality];
          } else if (w.optional) {
            split++;
          } else {
            const p = contextPoints(i);
            if (p >= 0) {
              split++;
              points += p;
              if ((ctx[i] ?? 0) < worst) worst = ctx[i] ?? 0;
            } else unexplained++;
          }
        }
        // Words around the segment: district / province, or unexplained.
        let contextFirst = false;
        for (let i = 0; i < t; i++) {
          if (i === a) {
            i = b;
            continue;
          }
          const w = words[i] as QueryWord;
          if (w.optional) continue;
          const p = contextPoints(i);
          if (p >= 0) {
            const c = ctx[i] ?? 0;
            points += p;
            if (c < worst) worst = c;
            if (i < a) contextFirst = true;
          } else unexplained++;
        }

        let tier: number;
        if (unexplained > 0) tier = TIER_PARTIAL;
        else if (exactWords === n && worst === EXACT && split === 0) tier = TIER_EXACT;
        else if (coveredMask === (1 << covered) - 1 && !fuzzy && worst >= PREFIX && split === 0 && !contextFirst) tier = TIER_PREFIX;
        else tier = TIER_FUZZY;

        const s =
          tier * TIER_POINTS +
          points -
          UNCOVERED_NAME_WORD_PENALTY * (n - covered) -
          UNEXPLAINED_PENALTY * unexplained -
          SPLIT_PENALTY * split -
          (usedCount > 0 ? FRAGMENT_PENALTY * fragments(e) : 0) -
          (contextFirst ? CONTEXT_FIRST_PENALTY : 0) +
          (split === 0 && !contextFirst ? IN_ORDER_BONUS : 0) +
          (q.kind !== undefined && q.kind === e.kind ? KIND_BONUS : 0) +
          (e.current ? CURRENT_BONUS : 0);
        if (s > best) {
          best = s;
          bestTier = tier;
        }
      }
    }
    lastTier = bestTier;
    return best;
  }

  return {
    score,
    get lastTier() {
      return lastTier;
    },
  };
}
