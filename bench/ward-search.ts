import { performance } from "node:perf_hooks";
import { loadDirectory, type Directory } from "../src/core/wards/directory.js";
import { fold, stripUnitPrefix } from "../src/core/wards/normalize.js";
import { chooseWards } from "../src/core/wards/narrow.js";
import { createWardIndex, type WardIndex } from "../src/core/wards/search.js";
import { WARD_QUERIES } from "../test/fixtures/ward-queries.js";
import { SHOWN, asPercent, chatChoices, evaluate } from "../test/fixtures/ward-queries-eval.js";
// The labelled set's PRNG (mulberry32): the same query mix on every run.
import { rng } from "../test/fixtures/ward-queries-mangle.js";

/** One typo in a word of 4+ letters: a letter dropped, doubled, replaced, or two swapped. */
function typo(s: string, r: () => number): string {
  const words = s.split(" ");
  const k = words.findIndex((w) => w.length >= 4 && !/\d/.test(w));
  if (k < 0) return s;
  const w = words[k] as string;
  const i = 1 + Math.floor(r() * (w.length - 2));
  const kind = Math.floor(r() * 4);
  words[k] =
    kind === 0
      ? w.slice(0, i) + w.slice(i + 1)
      : kind === 1
        ? w.slice(0, i) + (w[i] ?? "") + w.slice(i)
        : kind === 2
          ? `${w.slice(0, i)}x${w.slice(i + 1)}`
          : w.slice(0, i - 1) + (w[i] ?? "") + (w[i - 1] ?? "") + w.slice(i + 1);
  return words.join(" ");
}

/** What residents type: names with and without diacritics, typos, former names, half-typed names, sentences. */
export function wardQueryMix(dir: Directory, count: number, seed: number): string[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const provinceName = new Map(dir.provinces.map((p) => [p.code, p.name]));
  const out: string[] = [];
  while (out.length < count) {
    const w = pick(dir.wards);
    const a = pick(dir.aliases);
    const folded = fold(w.name);
    const roll = r();
    if (roll < 0.2) out.push(stripUnitPrefix(folded));
    else if (roll < 0.3) out.push(folded);
    else if (roll < 0.45) out.push(w.name);
    else if (roll < 0.6) out.push(typo(stripUnitPrefix(folded), r));
    else if (roll < 0.75) out.push(fold(`${a.oldName} ${stripUnitPrefix(fold(a.oldDistrict))}`));
    else if (roll < 0.85) {
      const s = stripUnitPrefix(folded);
      out.push(s.slice(0, Math.max(2, s.length - 1 - Math.floor(r() * 3))));
    } else if (roll < 0.93) out.push(`${stripUnitPrefix(folded)} ${stripUnitPrefix(fold(provinceName.get(w.provinceCode) ?? ""))}`);
    else if (roll < 0.97) out.push(`phuong ${1 + Math.floor(r() * 15)}`);
    else out.push(`toi muon bao tin o ${a.oldName.toLowerCase()} gan cho`);
  }
  return out;
}

function qps(run: (q: string) => unknown, queries: readonly string[], minMs = 300): number {
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    for (const q of queries) run(q);
    n += queries.length;
    elapsed = performance.now() - start;
  } while (elapsed < minMs);
  return Math.round((n / elapsed) * 1000);
}

/**
 * Quality on the labelled query set (test/fixtures/ward-queries.ts), by kind, in %: hit@1, the right
 * ward among the 6 a chat shows, the narrowing step offered, and the ward meant reached (shown at
 * once, or after choosing its province and then its former district).
 */
export function wardSearchQuality(dir: Directory, index: WardIndex): Record<string, { n: number; hit1: number; shown: number; narrowed: number; reached: number }> {
  const figures = evaluate(dir, WARD_QUERIES, chatChoices(index));
  return Object.fromEntries(
    figures.map((f) => {
      const { kind, ...rest } = asPercent(f);
      return [kind, rest];
    }),
  );
}

/**
 * Ward search benchmark: directory load and index build time (ms, cold, as at start-up), queries per
 * second for a mix of 1,000 resident-style queries, and, as a baseline in the same run, a naive linear
 * scan of every folded name with `includes` (no typo tolerance, no ranking). Then what the chats call
 * (chooseWards: the list and, for a common name, the narrowing step) and the quality figures.
 */
export async function benchWardSearch(): Promise<Record<string, unknown>> {
  let t = performance.now();
  const dir = loadDirectory();
  const loadMs = performance.now() - t;

  t = performance.now();
  const index = createWardIndex(dir);
  const buildMs = performance.now() - t;

  const queries = wardQueryMix(dir, 1_000, 20250701);
  const warmup = wardQueryMix(dir, 1_000, 42);

  // Cold pass: the first time each query is seen (the index's per-word cache is empty for most).
  t = performance.now();
  for (const q of queries) index.search(q);
  const coldAvgMs = (performance.now() - t) / queries.length;

  for (const q of warmup) index.search(q);
  const indexQps = qps((q) => index.search(q), queries);

  let worstMs = 0;
  for (const q of queries) {
    const s = performance.now();
    index.search(q);
    worstMs = Math.max(worstMs, performance.now() - s);
  }

  const names = [
    ...dir.wards.map((w) => ({ code: w.code, folded: fold(w.name) })),
    ...dir.aliases.map((a) => ({ code: a.wardCode, folded: fold(`${a.oldName} ${a.oldDistrict}`) })),
  ];
  const naive = (q: string): string[] => {
    const f = stripUnitPrefix(fold(q));
    if (!f) return [];
    const hits: string[] = [];
    for (const n of names) if (n.folded.includes(f)) hits.push(n.code);
    return hits.slice(0, 8);
  };
  const naiveQps = qps(naive, queries);

  // What a chat calls per message: the list, and how many are as good as the first (a wider search).
  const choicesQps = qps((q) => chooseWards(index, q, { limit: SHOWN }), queries);

  const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;
  return {
    wardDirectoryLoadMs: round(loadMs, 1),
    wardIndexBuildMs: round(buildMs, 1),
    wardIndexEntries: index.entryCount,
    wardSearchQueries: queries.length,
    wardSearchColdAvgMs: round(coldAvgMs, 3),
    wardSearchQps: indexQps,
    wardSearchAvgMs: round(1000 / indexQps, 3),
    wardSearchWorstMs: round(worstMs, 2),
    wardNaiveScanQps: naiveQps,
    wardSearchSpeedupVsNaive: round(indexQps / naiveQps, 1),
    wardChoicesAvgMs: round(1000 / choicesQps, 3),
    wardQueriesLabelled: WARD_QUERIES.length,
    wardQuality: wardSearchQuality(dir, index),
  };
}
