/**
 * Text folding for Vietnamese place names, the way residents type them: without diacritics,
 * in any case, with or without the administrative word ("Phường", "P.", "Xã"...).
 */

const COMBINING_MARKS = /\p{M}+/gu;
const NON_ALNUM = /[^\p{L}\p{N}]+/gu;
/** Apostrophes inside ethnic-minority names (Ea H'Leo, Cư M’gar, Xã B' Lá): dropped, with any space after, so they fold to one word. */
const APOSTROPHES = new Set(["'", "’", "ʼ", "‘", "`", "´"]);
const WHITESPACE = /^\s$/;
const APOSTROPHE = "\u0000";
const SEPARATOR = " ";

/** What one character folds to: letters/digits, "" (a mark), SEPARATOR or APOSTROPHE. Memoised: Unicode regexes are slow. */
const charTable: Array<string | undefined> = new Array<string | undefined>(0x3000).fill(undefined);
const charCache = new Map<string, string>();
function foldChar(ch: string): string {
  const code = ch.length === 1 ? ch.charCodeAt(0) : -1;
  const cached = code >= 0 && code < charTable.length ? charTable[code] : charCache.get(ch);
  if (cached !== undefined) return cached;
  let r: string;
  if (APOSTROPHES.has(ch)) r = APOSTROPHE;
  else {
    r = ch.toLowerCase().normalize("NFD").replace(COMBINING_MARKS, "").replace(/[đð]/g, "d");
    r = r.replace(NON_ALNUM, SEPARATOR);
    if (r.trim() === "" && r !== "") r = SEPARATOR;
    else r = r.replace(/ /g, "");
  }
  if (code >= 0 && code < charTable.length) charTable[code] = r;
  else if (charCache.size < 65_536) charCache.set(ch, r);
  return r;
}

/**
 * Lowercase, strip diacritics (NFD + combining marks), đ → d, apostrophes removed (with any spaces
 * after them), every other run of non-letters/digits → one space, trimmed. Idempotent.
 *
 * fold("Phường Ba Đình") === "phuong ba dinh"; fold("Xã Cư M’gar") === "xa cu mgar"; fold("P.12") === "p 12".
 */
export function fold(s: string): string {
  let out = "";
  let pendingSpace = false;
  let afterApostrophe = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let r: string;
    if (c < 128) {
      if (afterApostrophe && (c === 32 || (c >= 9 && c <= 13))) continue;
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) r = s[i] as string;
      else if (c >= 65 && c <= 90) r = String.fromCharCode(c + 32);
      else if (c === 39 || c === 96) r = APOSTROPHE;
      else r = SEPARATOR;
    } else {
      let ch = s[i] as string;
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        ch = s.slice(i, i + 2);
        i++;
      }
      if (afterApostrophe && WHITESPACE.test(ch)) continue;
      r = foldChar(ch);
    }
    afterApostrophe = false;
    if (r === "") continue;
    if (r === APOSTROPHE) {
      afterApostrophe = true;
      continue;
    }
    if (r === SEPARATOR) {
      pendingSpace = out.length > 0;
      continue;
    }
    if (pendingSpace) {
      out += " ";
      pendingSpace = false;
    }
    out += r;
  }
  return out;
}

/** Kinds of administrative unit a leading word can name. */
export type UnitKind = "ward" | "commune" | "town" | "special-zone" | "district" | "city" | "province";

/** Folded administrative words and abbreviations, longest first so "thanh pho" wins over "tp"-like prefixes. */
const UNIT_WORDS: ReadonlyArray<readonly [string, UnitKind]> = [
  ["thanh pho", "city"],
  ["thi tran", "town"],
  ["thi xa", "district"],
  ["dac khu", "special-zone"],
  ["phuong", "ward"],
  ["huyen", "district"],
  ["quan", "district"],
  ["tinh", "province"],
  ["xa", "commune"],
  ["tp", "city"],
  ["tx", "district"],
  ["tt", "town"],
  ["p", "ward"],
  ["f", "ward"],
  ["x", "commune"],
  ["q", "district"],
  ["h", "district"],
  ["t", "province"],
];

const UNIT_PREFIX = new RegExp(`^(?:${UNIT_WORDS.map(([w]) => w.replace(" ", "\\s+")).join("|")})\\s+`);
/** "p12", "q1", "f7": an abbreviation glued to a number. */
const GLUED_NUMBER = /^[pqf](?=\d)/;

/**
 * Removes one leading administrative designation from a folded string:
 * "phuong ba dinh", "p ba dinh" (from "P. Ba Đình") → "ba dinh"; "phuong 12" → "12"; "p12" → "12";
 * "thanh pho ho chi minh" → "ho chi minh". Only one designation is removed ("xa phuong mao" → "phuong mao"),
 * and a string that is nothing but the designation is returned unchanged.
 */
export function stripUnitPrefix(folded: string): string {
  const s = folded.trim();
  const stripped = s.replace(UNIT_PREFIX, "").replace(GLUED_NUMBER, "");
  return stripped.length > 0 ? stripped : s;
}

/** The kind named by a folded string's leading administrative word, if any ("phuong 12" → "ward"). */
export function unitKindOf(folded: string): UnitKind | undefined {
  const s = folded.trim();
  for (const [word, kind] of UNIT_WORDS) {
    if (s === word || s.startsWith(`${word} `)) return kind;
  }
  if (GLUED_NUMBER.test(s)) return s.startsWith("q") ? "district" : "ward";
  return undefined;
}

/** Single-token administrative words, for callers that tokenise (search treats them as optional). */
export const UNIT_SINGLE_WORDS: ReadonlyMap<string, UnitKind> = new Map(
  UNIT_WORDS.filter(([w]) => !w.includes(" ")).map(([w, k]) => [w, k] as const),
);

/** Two-token administrative phrases ("thanh pho", "thi xa", ...), keyed by the folded phrase. */
export const UNIT_PHRASES: ReadonlyMap<string, UnitKind> = new Map(
  UNIT_WORDS.filter(([w]) => w.includes(" ")).map(([w, k]) => [w, k] as const),
);
