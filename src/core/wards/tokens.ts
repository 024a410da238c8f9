/**
 * Token-level helpers for the ward search: splitting folded text into tokens and deciding whether two
 * tokens are one typo apart.
 */

/** "012" → "12": residents type "Phường 01" and "Phường 1" for the same place. */
function normalizeNumber(t: string): string {
  return t.charCodeAt(0) === 48 && /^\d+$/.test(t) ? t.replace(/^0+(?=\d)/, "") : t;
}

/** Splits already-folded text into tokens, numbers without leading zeros. */
export function tokenize(folded: string): string[] {
  const out: string[] = [];
  for (const t of folded.split(" ")) if (t) out.push(normalizeNumber(t));
  return out;
}

/** True when the token has no digit (typo tolerance and prefix completion apply only to words). */
export function isWord(t: string): boolean {
  return !/\d/.test(t);
}

/** All strings obtained by deleting exactly one character (duplicates removed). */
export function deletions(t: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < t.length; i++) out.add(t.slice(0, i) + t.slice(i + 1));
  return [...out];
}

/** How `a` differs from `b` by one edit: a letter wrong, two adjacent letters swapped, one extra or one missing in `a`. */
export type Edit = "same" | "substitution" | "transposition" | "extra" | "missing";

/** The one edit turning `b` into `a` (optimal string alignment distance ≤ 1), or null when more differ. */
export function oneEdit(a: string, b: string): Edit | null {
  if (a === b) return "same";
  const la = a.length;
  const lb = b.length;
  if (la === lb) {
    let i = 0;
    while (a[i] === b[i]) i++;
    if (a.slice(i + 1) === b.slice(i + 1)) return "substitution";
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2) ? "transposition" : null;
  }
  if (Math.abs(la - lb) !== 1) return null;
  const [short, long] = la < lb ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  if (short.slice(i) !== long.slice(i + 1)) return null;
  return la > lb ? "extra" : "missing";
}

/**
 * Optimal-string-alignment distance ≤ 1: equal, or one letter wrong, missing, extra, or two adjacent
 * letters swapped.
 */
export function withinOneEdit(a: string, b: string): boolean {
  return oneEdit(a, b) !== null;
}

/** Tone keys of Telex: typed after a syllable when the keyboard is not switched to Vietnamese ("hues" for "huế"). */
const TELEX_TONE = /[sfrxj]$/;

/**
 * The folded word a Telex-typed token stands for when the Vietnamese keyboard was off: "hues" → "hue",
 * "ddinhf" → "dinh", "nguyeenx" → "nguyen", "truwowngf" → "truong". No folded Vietnamese syllable ends
 * in s, f, r, x or j, so a final one is a tone key. Returns the token unchanged when it has no Telex keys.
 */
export function untelex(t: string): string {
  if (!isWord(t)) return t;
  return t
    .replace(TELEX_TONE, "")
    .replace(/^dd/, "d")
    .replace(/([aeo])\1/g, "$1")
    .replace(/([auo])w/g, "$1")
    .replace(/w/g, "u");
}
