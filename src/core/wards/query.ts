import type { GluedWords } from "./glued.js";
import { UNIT_PHRASES, UNIT_SINGLE_WORDS, fold, type UnitKind } from "./normalize.js";
import { MAX_QUERY_WORDS, type MatchTable, type ParsedQuery, type QueryWord } from "./scoring.js";
import { isWord, tokenize, untelex } from "./tokens.js";
import { EXACT, type Quality, type Vocabulary } from "./vocabulary.js";

const WARD_LEVEL_KINDS: ReadonlySet<UnitKind> = new Set(["ward", "commune", "town", "special-zone"]);
const unitWords: ReadonlySet<string> = new Set(UNIT_SINGLE_WORDS.keys());

/** A house number, optionally after "số", "ngõ", "hẻm"...: "12", "45/7", "số 5", "ngõ 12B". */
const HOUSE_NUMBER = /^\s*(?:(?:số nhà|số|so|sn|ngõ|ngo|ngách|ngach|hẻm|hem|kiệt|kiet)\.?\s*)?\d+[\p{L}\d/]*\s/iu;

/**
 * An address starts with the house and street ("123 Lê Lợi, P. Bến Thành, Q.1"), and streets are
 * named like wards (Trần Hưng Đạo, Lê Lợi...): a first part that starts with a house number is no place.
 */
function withoutStreet(query: string): string {
  const comma = query.indexOf(",");
  return comma > 0 && HOUSE_NUMBER.test(query.slice(0, comma)) ? query.slice(comma + 1) : query;
}

const MEMO_SIZE = 20_000;
/** Words shorter than this are typo-matched only when they are no word (see Vocabulary.match). */
const SHORT_WORD = 4;
/** Queries longer than this (sentences) are not read loosely. */
const MAX_LOOSE_WORDS = 6;

export interface LooseParsedQuery extends ParsedQuery {
  /** A looser reading would match more: the query has short words that are words themselves. */
  readonly loosens: boolean;
  /** A typed token was read as glued words ("badinh" → ba dinh): it may instead be a typo ("cuyen" → chuyen). */
  readonly split: boolean;
}

/** "007" → "7", as tokenize does for numbers typed apart. */
const number = (t: string) => (/^\d+$/.test(t) ? t.replace(/^0+(?=\d)/, "") : t);

/**
 * Reads a query into words the index knows, each with its matches filled into `table`: Telex typed
 * with the keyboard off ("hues" → hue), glued words and numbers ("badinh", "phuong5quan3") split,
 * administrative words ("phuong", "p", "thanh pho") marked optional before a name. `loose`: short
 * words are read as possible typos even when they are words ("tan na hoi" → "an").
 */
export function createQueryParser(vocab: Vocabulary, table: MatchTable, glued: GluedWords): (query: string, loose?: boolean, unsplit?: boolean) => LooseParsedQuery {
  /** The words one typed token stands for (`unsplit`: as typed, glued words not split). */
  const read = (t: string, unsplit: boolean): readonly string[] => {
    if (unsplit || vocab.has(t) || unitWords.has(t) || /^\d+$/.test(t)) return [t];
    // Telex ("hues"): kept as typed, matched as typed and as what it spells (matchesOf), not split.
    if (vocab.has(untelex(t))) return [t];
    return glued.split(t)?.map(number) ?? [t];
  };
  /**
   * What a word matches: itself (exact, prefix, typo) and, exactly, the word its Telex keys spell:
   * "hues" is huế, or a slip for "hue" that the typo matches also find ("khanh hos": hòa, not hồ).
   */
  const telexMemo = new Map<string, ReadonlyMap<number, Quality>>();
  const matchesOf = (t: string, last: boolean, loose: boolean): ReadonlyMap<number, Quality> => {
    const own = vocab.match(t, last, loose);
    if (own.get(vocab.find(t) ?? -1) === EXACT) return own;
    const key = `${last ? ">" : ""}${loose ? "~" : ""}${t}`;
    let m = telexMemo.get(key);
    if (!m) {
      const id = vocab.find(untelex(t));
      m = id === undefined || own.get(id) === EXACT ? own : new Map([...own, [id, EXACT]]);
      if (telexMemo.size >= MEMO_SIZE) telexMemo.clear();
      telexMemo.set(key, m);
    }
    return m;
  };

  return (query, loose = false, unsplit = false) => {
    const raw: string[] = [];
    let split = false;
    for (const t of tokenize(fold(withoutStreet(query)))) {
      const words = read(t, unsplit);
      split ||= words.length > 1;
      raw.push(...words);
      if (raw.length >= MAX_QUERY_WORDS) break;
    }
    raw.length = Math.min(raw.length, MAX_QUERY_WORDS);
    // An administrative word names what follows it ("phuong 12", "tinh dong thap"); last, it is part of a
    // name ("Hà Tĩnh", "Nghĩa Xá").
    const optional = raw.map((t, i) => i < raw.length - 1 && unitWords.has(t));
    let kind: UnitKind | undefined;
    for (let i = 0; i < raw.length; i++) {
      const phrase = UNIT_PHRASES.get(`${raw[i]} ${raw[i + 1] ?? ""}`);
      const k = phrase ?? UNIT_SINGLE_WORDS.get(raw[i] ?? "");
      if (phrase && i + 2 < raw.length) optional[i] = optional[i + 1] = true;
      if (k && kind === undefined && WARD_LEVEL_KINDS.has(k)) kind = k;
    }
    const allOptional = optional.every(Boolean);
    table.reset();
    const words: QueryWord[] = raw.map((t, i) => {
      const matches = matchesOf(t, i === raw.length - 1, loose);
      for (const [id, q] of matches) table.set(id, i, q);
      return { matches, optional: !allOptional && (optional[i] ?? false) };
    });
    // A sentence has short words by the dozen ("toi o gan cho"): read loosely, they would match half the index.
    const loosens = raw.length <= MAX_LOOSE_WORDS && raw.some((t, i) => t.length < SHORT_WORD && isWord(t) && vocab.has(t) && !optional[i]);
    return { words, kind, table, loosens, split };
  };
}
