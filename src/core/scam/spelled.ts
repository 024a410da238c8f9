import type { Tidy } from "./types.js";

/**
 * Digits spelled out in Vietnamese words, as scammers write numbers to slip past filters and as
 * people read them aloud: "không chín một hai ba bốn năm sáu bảy tám", "khong chin tam bay, sau
 * nam bon", "0936 hai một bốn năm tám bảy". A run of digit words (and digit groups) becomes
 * digits when it is long enough to be a phone or an account: at least MIN_WORDS words and
 * MIN_DIGITS digits. Ordinary text never strings that many digit words together ("năm hai nghìn
 * không trăm…" breaks at every "nghìn", "trăm", "mươi"). A word counts only in its own spelling,
 * with its diacritics or with none: "bà" is not "ba", "tạm" is not "tám".
 */

const DIGIT_WORDS: Record<string, string> = {};
for (const [digit, words] of Object.entries({
  "0": "không khong",
  "1": "một mot mốt",
  "2": "hai",
  "3": "ba",
  "4": "bốn bon tư tu",
  "5": "năm nam lăm lam",
  "6": "sáu sau",
  "7": "bảy bẩy bay",
  "8": "tám tam",
  "9": "chín chin",
})) {
  for (const w of words.split(" ")) DIGIT_WORDS[w] = digit;
}

const MIN_WORDS = 5;
const MIN_DIGITS = 8;
/** Digit words and digit groups, whole; other words are never visited (most text has few digit words). */
const TOKEN = new RegExp(`(?<![\\p{L}\\p{M}\\d])(?:${Object.keys(DIGIT_WORDS).join("|")}|\\d+)(?![\\p{L}\\p{M}\\d])`, "giu");
/** What may separate two tokens of one run: spaces, one comma/dot/dash, or one line break. */
const SEPARATOR = /^(?:[ \t]{0,3}|[ \t]{0,2}[,.\-–][ \t]{0,2}|[ \t]{0,3}\n[ \t]{0,3})$/;

type Token = { start: number; end: number; digits: string; word: boolean };

/** The text with spelled digit runs turned into digits, or null when it has none. */
export function spellDigits(text: string): Tidy | null {
  const runs: Token[][] = [];
  let run: Token[] = [];
  const close = (): void => {
    const words = run.filter((t) => t.word).length;
    const digits = run.reduce((n, t) => n + t.digits.length, 0);
    if (words >= MIN_WORDS && digits >= MIN_DIGITS) runs.push(run);
    run = [];
  };
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index;
    const isNumber = /^\d/.test(m[0]);
    // Matching ignores case only ("KHÔNG" is "không"), never diacritics ("bà" is not "ba").
    const digit = isNumber ? m[0] : DIGIT_WORDS[m[0].toLowerCase()];
    const prev = run[run.length - 1];
    // Other words are not matched at all: they show up as a gap that is not a separator.
    if (prev && (start - prev.end > 8 || !SEPARATOR.test(text.slice(prev.end, start)))) close();
    if (digit === undefined) {
      close();
      continue;
    }
    run.push({ start, end: start + m[0].length, digits: digit, word: !isNumber });
  }
  close();
  return runs.length ? rewrite(text, runs) : null;
}

/**
 * Copies the text, writing each run as digits: words joined by spaces are one digit group;
 * a comma, dot or dash between words, or a number next to a word, starts a new group (" ");
 * a line break stays one. Every written character maps back to the word or separator it replaces.
 */
function rewrite(text: string, runs: Token[][]): Tidy {
  let out = "";
  const from: number[] = [];
  const to: number[] = [];
  const emit = (s: string, a: number, b: number): void => {
    out += s;
    for (let k = 0; k < s.length; k++) {
      from.push(a);
      to.push(b);
    }
  };
  let at = 0;
  for (const r of runs) {
    for (let i = at; i < (r[0] as Token).start; i++) emit(text[i] as string, i, i + 1);
    r.forEach((t, k) => {
      const prev = r[k - 1];
      if (prev) {
        const gap = text.slice(prev.end, t.start);
        const joined = prev.word && t.word && /^[ \t]*$/.test(gap);
        if (!joined) emit(gap.includes("\n") ? "\n" : " ", prev.end, Math.max(t.start, prev.end + 1));
      }
      if (t.word) emit(t.digits, t.start, t.end);
      else for (let i = t.start; i < t.end; i++) emit(text[i] as string, i, i + 1);
    });
    at = (r[r.length - 1] as Token).end;
  }
  for (let i = at; i < text.length; i++) emit(text[i] as string, i, i + 1);
  return { text: out, from: Int32Array.from(from), to: Int32Array.from(to) };
}
