/**
 * A working copy of the message. Stages claim spans (a URL, an amount, a bank account) by masking
 * them, so later stages never read the same characters twice: the digits of "bit.ly/3x0912345678"
 * are not a phone, an amount is not an account. The folded copy has exactly the original's
 * length, so every offset found in it is an offset in the original.
 */

/**
 * What masked characters read as: not a letter, digit, space or separator, so it breaks every
 * pattern. Patterns that must stop at a claimed span name it as \u0000.
 */
const MASK = "\u0000";

const foldTable = new Map<number, string>();

/** One UTF-16 unit to one unit: lowercase, Vietnamese diacritics dropped, đ → d; anything else unchanged. */
function foldUnit(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 128) return ch.toLowerCase();
  if (code >= 0xd800 && code <= 0xdfff) return ch;
  const cached = foldTable.get(code);
  if (cached !== undefined) return cached;
  let lower = ch.toLowerCase();
  if (lower.length !== 1) lower = ch;
  const base = lower === "đ" ? "d" : (lower.normalize("NFD")[0] ?? lower);
  const r = base.charCodeAt(0) < 128 && base !== lower ? base : lower;
  foldTable.set(code, r);
  return r;
}

function foldSameLength(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) out += foldUnit(s[i] as string);
  return out;
}

export class Scratch {
  readonly text: string;
  readonly folded: string;
  private readonly masked: Uint8Array;
  private views: { text: string; folded: string } | null = null;

  constructor(text: string) {
    this.text = text;
    this.folded = foldSameLength(text);
    this.masked = new Uint8Array(text.length);
  }

  mask(start: number, end: number): void {
    this.masked.fill(1, Math.max(0, start), Math.min(this.text.length, end));
    this.views = null;
  }

  /** The original text with masked units replaced by MASK. */
  get view(): string {
    return this.build().text;
  }

  /** The folded text with masked units replaced by MASK. */
  get foldedView(): string {
    return this.build().folded;
  }

  private build(): { text: string; folded: string } {
    if (this.views) return this.views;
    const t: string[] = [];
    const f: string[] = [];
    let from = 0;
    for (let i = 0; i <= this.text.length; i++) {
      if (i < this.text.length && this.masked[i] === 0) continue;
      t.push(this.text.slice(from, i));
      f.push(this.folded.slice(from, i));
      if (i < this.text.length) {
        t.push(MASK);
        f.push(MASK);
      }
      from = i + 1;
    }
    this.views = { text: t.join(""), folded: f.join("") };
    return this.views;
  }
}

/**
 * `s` without the trailing characters listed in `chars`. A loop, not /[...]+$/: that pattern is
 * retried from every position of a long run of such characters that is not at the end (quadratic).
 */
export function trimEnd(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && chars.includes(s[end - 1] as string)) end--;
  return s.slice(0, end);
}

const SENTENCE_END = /[\n!?;]|\.(?=\s)/g;
const PARAGRAPH_END = /\n[ \t]*\n/g;

/** Index of the first element of a sorted array that is >= x. */
export function lowerBound(sorted: number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Where a text's breaks are, found once, so any position's enclosing span is a binary search. */
class Breaks {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly length: number;

  constructor(text: string, pattern: RegExp) {
    this.length = text.length;
    for (const m of text.matchAll(pattern)) {
      this.starts.push(m.index);
      this.ends.push(m.index + m[0].length);
    }
  }

  /** [start, end) between the last break before `at` and the first break at or after it. */
  around(at: number): [number, number] {
    const i = lowerBound(this.starts, at);
    return [i > 0 ? (this.ends[i - 1] as number) : 0, i < this.starts.length ? (this.starts[i] as number) : this.length];
  }
}

/**
 * Sentences (split at line ends, "!", "?", ";" and a full stop followed by a space) and
 * paragraphs (split at blank lines) of one text.
 */
export class Clauses {
  private readonly sentences: Breaks;
  private readonly paragraphs: Breaks;

  constructor(text: string) {
    this.sentences = new Breaks(text, SENTENCE_END);
    this.paragraphs = new Breaks(text, PARAGRAPH_END);
  }

  sentence(at: number): [number, number] {
    return this.sentences.around(at);
  }

  paragraph(at: number): [number, number] {
    return this.paragraphs.around(at);
  }
}
