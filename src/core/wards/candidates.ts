import type { ParsedQuery, QueryWord, ScoredEntry } from "./scoring.js";
import { EXACT } from "./vocabulary.js";

/** Coverage bit: some query word is a word of the name itself (query words use bits 0…23). */
const NAME_HIT = 1 << 30;
/**
 * Checking a candidate's own words costs about this many posting steps (a name and the places
 * around it are a dozen words): a word whose postings are longer than this many times the
 * candidates left checks the candidates instead of walking its postings.
 */
const CHECK_COST = 10;

/**
 * Pass 1 of a search: the names for which every required query word is a word of the name or of
 * a place around it (exactly, as a prefix or with a typo), and some query word is a word of the
 * name (an administrative word only exactly). The rarest required word's postings give the
 * candidates; each further word keeps those it explains, by its postings when they are short,
 * else by looking at each candidate's words ("thanh", "binh" are words of thousands of names).
 * Reuses its scratch buffers: one finder per index, not re-entrant.
 */
export function createCandidateFinder(
  entries: readonly ScoredEntry[],
  postings: ReadonlyArray<readonly number[] | undefined>,
  contextPostings: ReadonlyArray<readonly number[] | undefined>,
): (q: ParsedQuery) => Int32Array {
  const seenStamp = new Uint32Array(entries.length);
  const coverage = new Uint32Array(entries.length);
  let epoch = 0;

  /** The bits query word i earns on an entry: its own bit (name or context), NAME_HIT (name). */
  function bitsOn(e: ScoredEntry, q: ParsedQuery, i: number, bit: number, exactOnly: boolean): number {
    const { stamp, slot, qual } = q.table;
    const now = q.table.epoch;
    for (const id of e.name) {
      if (stamp[id] !== now) continue;
      const m = qual[(slot[id] as number) + i] as number;
      if (m > 0 && (!exactOnly || m === EXACT)) return bit | NAME_HIT;
    }
    if (exactOnly) return 0;
    for (const id of e.context) if (stamp[id] === now && (qual[(slot[id] as number) + i] as number) > 0) return bit;
    return 0;
  }

  const alive = new Int32Array(entries.length);
  const order = new Int32Array(32);
  const sizes = new Float64Array(32);

  /** Keeps the first `count` candidates whose coverage has `bits`, in place; returns how many. */
  function keep(count: number, bits: number): number {
    let n = 0;
    for (let k = 0; k < count; k++) {
      const id = alive[k] as number;
      if (((coverage[id] as number) & bits) !== 0) alive[n++] = id;
    }
    return n;
  }

  return (q) => {
    epoch = (epoch + 1) >>> 0;
    if (epoch === 0) {
      seenStamp.fill(0);
      epoch = 1;
    }
    const words = q.words;
    // Required words, rarest first (how many names and places their matches are words of).
    let required = 0;
    for (let i = 0; i < words.length && i < order.length; i++) {
      const w = words[i] as QueryWord;
      if (w.optional) continue;
      let n = 0;
      for (const t of w.matches.keys()) n += (postings[t]?.length ?? 0) + (contextPostings[t]?.length ?? 0);
      let r = required++;
      while (r > 0 && (sizes[r - 1] as number) > n) {
        sizes[r] = sizes[r - 1] as number;
        order[r] = order[r - 1] as number;
        r--;
      }
      sizes[r] = n;
      order[r] = i;
    }
    if (required === 0) return alive.subarray(0, 0);

    // The rarest required word: every name it explains is a candidate.
    let count = 0;
    const first = order[0] as number;
    const bit0 = 1 << first;
    const mark = (id: number, bits: number) => {
      if (seenStamp[id] !== epoch) {
        seenStamp[id] = epoch;
        coverage[id] = 0;
        alive[count++] = id;
      }
      coverage[id] = (coverage[id] as number) | bits;
    };
    for (const t of (words[first] as QueryWord).matches.keys()) {
      const names = postings[t];
      if (names) for (let k = 0; k < names.length; k++) mark(names[k] as number, bit0 | NAME_HIT);
      const around = contextPostings[t];
      if (around) for (let k = 0; k < around.length; k++) mark(around[k] as number, bit0);
    }

    // Each further required word keeps the candidates it explains too.
    const add = (id: number, bits: number) => {
      if (seenStamp[id] === epoch) coverage[id] = (coverage[id] as number) | bits;
    };
    for (let r = 1; r < required && count > 0; r++) {
      const i = order[r] as number;
      const bit = 1 << i;
      if ((sizes[r] as number) <= count * CHECK_COST) {
        for (const t of (words[i] as QueryWord).matches.keys()) {
          const names = postings[t];
          if (names) for (let k = 0; k < names.length; k++) add(names[k] as number, bit | NAME_HIT);
          const around = contextPostings[t];
          if (around) for (let k = 0; k < around.length; k++) add(around[k] as number, bit);
        }
      } else {
        for (let k = 0; k < count; k++) {
          const id = alive[k] as number;
          coverage[id] = (coverage[id] as number) | bitsOn(entries[id] as ScoredEntry, q, i, bit, false);
        }
      }
      count = keep(count, bit);
    }

    // Administrative words ("phuong") explain nothing, but one that is exactly a word of the name counts as naming it.
    for (let i = 0; i < words.length && count > 0; i++) {
      if (!(words[i] as QueryWord).optional) continue;
      for (let k = 0; k < count; k++) {
        const id = alive[k] as number;
        if (!((coverage[id] as number) & NAME_HIT)) coverage[id] = (coverage[id] as number) | bitsOn(entries[id] as ScoredEntry, q, i, 0, true);
      }
    }
    // A view of scratch space: read it before the next call.
    return alive.subarray(0, keep(count, NAME_HIT));
  };
}
