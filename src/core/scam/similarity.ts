/**
 * Spelling similarity for look-alike hosts: a "skeleton" that maps characters people confuse at a
 * glance to one representative, and Damerau–Levenshtein (optimal string alignment) distance.
 */

/** Cyrillic and Greek letters that render like Latin ones in most fonts. */
const CONFUSABLES: Record<string, string> = {
  а: "a", в: "b", е: "e", к: "k", м: "m", н: "h", о: "o", р: "p", с: "c", т: "t", у: "y", х: "x",
  і: "i", ј: "j", ԁ: "d", ѕ: "s", ԛ: "q", ԝ: "w", ı: "i", ł: "l", ɡ: "g", ո: "n", ս: "u",
  α: "a", β: "b", ε: "e", ι: "i", κ: "k", ν: "v", ο: "o", ρ: "p", τ: "t", υ: "u", χ: "x",
};

/** Unicode host text to plain Latin: diacritics dropped (đ → d), confusable letters replaced. */
export function latinize(s: string): string {
  let out = "";
  for (const ch of s.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "")) {
    out += ch === "đ" ? "d" : (CONFUSABLES[ch] ?? ch);
  }
  return out;
}

const SKELETON: Array<[RegExp, string]> = [
  [/rn/g, "m"],
  [/vv/g, "w"],
  [/cl/g, "d"],
  [/0/g, "o"],
  [/[1il|!]/g, "l"],
  [/5/g, "s"],
  [/3/g, "e"],
  [/4/g, "a"],
  [/[86]/g, "b"],
  [/9/g, "g"],
  [/7/g, "t"],
  [/2/g, "z"],
];

/** "vietc0mbank", "vletcombank" and "vietcornbank" share one skeleton. */
export function skeleton(label: string): string {
  let s = latinize(label);
  for (const [re, to] of SKELETON) s = s.replace(re, to);
  return s;
}

/** Rows of the distance table, reused across calls (labels are at most 63 letters). */
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** Optimal-string-alignment distance, giving up (returning limit + 1) once it must exceed `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (b.length + 1 > (rows[0] as Int32Array).length) rows = rows.map(() => new Int32Array(b.length + 1));
  let [prev2, prev, row] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) d = Math.min(d, (prev2[j - 2] as number) + 1);
      row[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    [prev2, prev, row] = [prev, row, prev2];
  }
  return Math.min(prev[b.length] as number, limit + 1);
}
