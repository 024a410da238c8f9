/**
 * Words typed without the spaces between them, split back: "badinh" → ba dinh, "phuong5" → phuong 5,
 * "p16q11" → p 16 q 11, "phuongbadinh" → phuong ba dinh, "hochiminh" → ho chi minh.
 */

const MAX_TOKEN = 40;
const MEMO_SIZE = 20_000;
/**
 * A word costs PIECE_COST and a join of two words that follow each other in some place name earns
 * LINK_GAIN: fewer words first ("tuyen quang", not "tu yen quang"), then more known joins.
 */
const PIECE_COST = 3;
const LINK_GAIN = 2;

/**
 * Splits glued tokens with what the index knows: its words, its administrative words, and which word
 * follows which in a place name ("ba" → "dinh"). Letters and digits always part ("quan3"); a run of
 * letters that is no word is split into words only when at least half of the joins are known ones
 * (a glued name, not a typo that happens to be two short words: "hoam" stays, to be read as "hoan").
 */
export class GluedWords {
  private readonly follows = new Set<string>();
  private readonly memo = new Map<string, readonly string[] | null>();

  /** Words of two-word administrative phrases ("dac khu", "thanh pho"): pieces, but not abbreviations. */
  private readonly phraseWords = new Set<string>();
  /** Last words of those phrases ("khu", "pho"): a name follows them. */
  private readonly phraseEnds = new Set<string>();

  constructor(
    private readonly isWord: (w: string) => boolean,
    private readonly unitWords: ReadonlySet<string>,
  ) {}

  /** Teaches an administrative phrase ("dac khu"): its words may be pieces, and they follow each other. */
  learnPhrase(words: readonly string[]): void {
    for (const w of words) this.phraseWords.add(w);
    const last = words[words.length - 1];
    if (last) this.phraseEnds.add(last);
    this.learn(words);
  }

  /** Teaches the words of one place name, in order. */
  learn(words: readonly string[]): void {
    for (let i = 1; i < words.length; i++) this.follows.add(`${words[i - 1]} ${words[i]}`);
  }

  /** The words a folded token stands for, or null when it is one word (or cannot be split with confidence). */
  split(token: string): readonly string[] | null {
    let r = this.memo.get(token);
    if (r !== undefined) return r;
    r = this.compute(token);
    if (this.memo.size >= MEMO_SIZE) this.memo.clear();
    this.memo.set(token, r);
    return r;
  }

  private compute(token: string): readonly string[] | null {
    if (token.length > MAX_TOKEN) return null;
    const runs = token.match(/\d+|\D+/g) ?? [token];
    if (runs.length === 1) return this.isWord(token) ? null : this.wordBreak(token);
    const out: string[] = [];
    for (const run of runs) {
      const words = /\d/.test(run) || this.isWord(run) || this.unitWords.has(run) ? null : this.wordBreak(run);
      if (words) out.push(...words);
      else out.push(run);
    }
    return out;
  }

  private known(prev: string, next: string): boolean {
    return this.unitWords.has(prev) || this.phraseEnds.has(prev) || this.follows.has(`${prev} ${next}`);
  }

  /**
   * Best split of a run of letters into words (each a word of the index or an administrative word),
   * by dynamic programming over (end position, last word): fewest words, then most known joins.
   */
  private wordBreak(s: string): readonly string[] | null {
    const n = s.length;
    type Cell = { score: number; links: number; pieces: number; start: number; prevStart: number };
    // best[end] maps the last piece (as "start") to the best split of s[0, end) ending with it.
    const best: Array<Map<number, Cell>> = Array.from({ length: n + 1 }, () => new Map());
    // A piece: a word, an administrative word or phrase word; one letter only as a word of a name
    // ("yyen": Ý Yên), never as an abbreviation ("p", "h": "phhinh" is no "p h hinh").
    const isPiece = (p: string) =>
      p.length > 1 ? this.isWord(p) || this.unitWords.has(p) || this.phraseWords.has(p) : this.isWord(p) && !this.unitWords.has(p);
    for (let end = 1; end <= n; end++) {
      for (let start = 0; start < end; start++) {
        const piece = s.slice(start, end);
        if (!isPiece(piece)) continue;
        let cell: Cell | undefined;
        if (start === 0) cell = { score: -PIECE_COST, links: 0, pieces: 1, start, prevStart: -1 };
        else {
          for (const [prevStart, prev] of best[start] as Map<number, Cell>) {
            const link = this.known(s.slice(prevStart, start), piece) ? 1 : 0;
            const score = prev.score - PIECE_COST + LINK_GAIN * link;
            if (!cell || score > cell.score) cell = { score, links: prev.links + link, pieces: prev.pieces + 1, start, prevStart };
          }
        }
        if (cell) (best[end] as Map<number, Cell>).set(start, cell);
      }
    }
    let last: Cell | undefined;
    for (const cell of (best[n] as Map<number, Cell>).values()) if (!last || cell.score > last.score) last = cell;
    if (!last || last.pieces < 2 || last.links * 2 < last.pieces - 1) return null;
    const pieces: string[] = [];
    let end = n;
    let cell: Cell | undefined = last;
    while (cell) {
      pieces.unshift(s.slice(cell.start, end));
      if (cell.prevStart < 0) break;
      end = cell.start;
      cell = (best[end] as Map<number, Cell>).get(cell.prevStart);
    }
    return pieces;
  }
}
