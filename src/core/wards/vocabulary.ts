import { deletions, isWord, oneEdit, type Edit } from "./tokens.js";

/** Match quality of a query word against an indexed word. */
export const EXACT = 3;
export const PREFIX = 2;
export const FUZZY = 1;
export type Quality = typeof EXACT | typeof PREFIX | typeof FUZZY;

/** A short prefix ("t") would expand to most of the vocabulary. */
const MIN_PREFIX_LENGTH = 2;
const MAX_PREFIX_EXPANSION = 400;
/** "One wrong/missing/extra/swapped letter in a word of 4+ letters": "dnh" still finds "dinh". */
const MIN_FUZZY_QUERY_LENGTH = 3;
const MIN_FUZZY_WORD_LENGTH = 4;
/** Short words (2–3 letters) are indexed for typos too, but matched only by what was typed that is no word at all. */
const MIN_SHORT_WORD_LENGTH = 2;
const CACHE_SIZE = 20_000;

/** "ann" → "an": `q` is `w` with one letter typed twice. */
function doubled(q: string, w: string): boolean {
  for (let i = 0; i + 1 < q.length; i++) if (q[i] === q[i + 1] && q.slice(0, i) + q.slice(i + 1) === w) return true;
  return false;
}

/**
 * Whether `q` may be a typo of the indexed word `w`, one edit apart. Words of 4+ letters: any edit
 * ("dnh" → "dinh"). A short word ("hue", "an") has one-edit neighbours by the dozen, so only a query
 * word that is no word of the index is read as a typo of one: "heu", "hye", "hueh" → "hue"; two-letter
 * words only by swapped or doubled letters ("na", "ann" → "an"), never by a wrong or added one ("ba" is
 * not "ha", "dag" is "dang" rather than "da"). `strict` is false for a second, looser reading, when
 * nothing explained the query: then a short word is also read as a typo of another ("na" → "an").
 */
function typoOf(q: string, w: string, edit: Edit, strict: boolean): boolean {
  if (q.length >= MIN_FUZZY_QUERY_LENGTH && w.length >= MIN_FUZZY_WORD_LENGTH) return true;
  if (strict || w.length < MIN_SHORT_WORD_LENGTH || q.length < MIN_SHORT_WORD_LENGTH) return false;
  if (Math.min(q.length, w.length) === 2) return edit === "transposition" || (edit === "extra" && doubled(q, w));
  return edit !== "missing";
}

/**
 * Every distinct folded word of the index, with an id, and the lookups a query word needs: exact,
 * prefix (sorted words, binary search) and one-edit typos (deletion neighbourhood: each word of 2+
 * letters is filed under each of its one-letter deletions, so a typo is found with a handful of
 * hash lookups instead of comparing against every word).
 */
export class Vocabulary {
  private readonly ids = new Map<string, number>();
  private readonly words: string[] = [];
  private sorted: Array<{ w: string; id: number }> = [];
  private readonly deletionIndex = new Map<string, number[]>();
  private readonly cache = new Map<string, ReadonlyMap<number, Quality>>();
  private frozen = false;

  /** Id of a word, adding it while the vocabulary is being built. */
  idOf(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      if (this.frozen) throw new Error("vocabulary is frozen");
      id = this.words.length;
      this.words.push(word);
      this.ids.set(word, id);
    }
    return id;
  }

  get size(): number {
    return this.words.length;
  }

  word(id: number): string | undefined {
    return this.words[id];
  }

  /** Whether the word is in the index, exactly. */
  has(word: string): boolean {
    return this.ids.has(word);
  }

  /** Id of a word of the index, if it is one. */
  find(word: string): number | undefined {
    return this.ids.get(word);
  }

  /** Builds the prefix and typo indexes; no words can be added afterwards. */
  freeze(): void {
    if (this.frozen) return;
    this.frozen = true;
    this.sorted = this.words.map((w, id) => ({ w, id })).sort((a, b) => (a.w < b.w ? -1 : a.w > b.w ? 1 : 0));
    this.words.forEach((w, id) => {
      if (w.length < MIN_SHORT_WORD_LENGTH || !isWord(w)) return;
      for (const d of deletions(w)) {
        const list = this.deletionIndex.get(d);
        if (list) list.push(id);
        else this.deletionIndex.set(d, [id]);
      }
    });
  }

  /**
   * Indexed words a query word may stand for, with how well: itself (exact), words it starts
   * (prefix, only when allowPrefix: the word being typed), words one typo away (fuzzy; with `loose`,
   * short words that are words themselves too). Memoised.
   */
  match(q: string, allowPrefix: boolean, loose = false): ReadonlyMap<number, Quality> {
    const key = `${allowPrefix ? ">" : ""}${loose ? "~" : ""}${q}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const m = new Map<number, Quality>();
    const exact = this.ids.get(q);
    if (exact !== undefined) m.set(exact, EXACT);
    if (isWord(q)) {
      if (allowPrefix && q.length >= MIN_PREFIX_LENGTH) this.addPrefixMatches(q, m);
      // A word that starts words of the index is being typed ("vin" → vinh), not mistyped.
      const known = exact !== undefined || m.size > 0;
      if (q.length >= MIN_SHORT_WORD_LENGTH) this.addTypoMatches(q, m, known && !loose);
    }
    if (this.cache.size >= CACHE_SIZE) this.cache.clear();
    this.cache.set(key, m);
    return m;
  }

  private addPrefixMatches(q: string, m: Map<number, Quality>): void {
    const s = this.sorted;
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((s[mid]?.w ?? "") < q) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < s.length && i < lo + MAX_PREFIX_EXPANSION; i++) {
      const e = s[i];
      if (!e || !e.w.startsWith(q)) break;
      if (!m.has(e.id)) m.set(e.id, PREFIX);
    }
  }

  private addTypoMatches(q: string, m: Map<number, Quality>, strict: boolean): void {
    const consider = (id: number): void => {
      if (m.has(id)) return;
      const w = this.words[id] ?? "";
      const edit = oneEdit(q, w);
      if (edit && edit !== "same" && typoOf(q, w, edit, strict)) m.set(id, FUZZY);
    };
    // Strict, only words of 4+ letters can be typos: the lookups that find only shorter ones are skipped.
    const reaches = (length: number) => !strict || length >= MIN_FUZZY_WORD_LENGTH;
    if (reaches(q.length + 1)) for (const id of this.deletionIndex.get(q) ?? []) consider(id); // q misses a letter
    for (const d of deletions(q)) {
      const id = reaches(d.length) ? this.ids.get(d) : undefined; // q has an extra letter
      if (id !== undefined) consider(id);
      if (reaches(d.length + 1)) for (const id2 of this.deletionIndex.get(d) ?? []) consider(id2); // one letter wrong, or two swapped
    }
  }
}
