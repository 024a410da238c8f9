import { spellDigits } from "./spelled.js";
import type { Tidy } from "./types.js";

/**
 * Undoes what forwarding and evasion do to a message before indicators are read: invisible
 * characters dropped (zero-width space and joiners, word joiner, soft hyphen, BOM), full-width
 * forms made ASCII ("０９１２", "＋８４", "．"), exotic spaces made plain, every dash that is
 * not a hyphen made "–", CR LF made LF, and digits spelled in Vietnamese words made digits
 * (spelled.ts). The tidy text keeps, for each of its characters, the span of the original it came
 * from, so an indicator found in it is reported as written (`raw` stays a slice of the original).
 */

const INVISIBLE = new Set([0x00ad, 0x034f, 0x180e, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xfeff]);
/** Hyphens proper become "-"; dashes (which never join a host name) become "–". */
const HYPHENS = new Set([0x2010, 0x2011]);
const DASHES = new Set([0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xfe58, 0xfe63]);
/** Every character tidyUnit changes (en dash aside: it stays), so text without them is left as it is. */
const SPECIAL = /[\u00ad\u034f\u180e\u200b-\u200f\u2060-\u2064\ufeff\uff01-\uff5e\u3000\u00a0\u2000-\u200a\u202f\u205f\u2010-\u2012\u2014\u2015\u2212\ufe58\ufe63\r]/g;

const HAS_SPECIAL = new RegExp(SPECIAL.source);

function tidyUnit(code: number): string | null {
  if (INVISIBLE.has(code)) return null;
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
  if (code === 0x3000 || code === 0x00a0 || (code >= 0x2000 && code <= 0x200a) || code === 0x202f || code === 0x205f) return " ";
  if (HYPHENS.has(code)) return "-";
  if (DASHES.has(code)) return "–";
  return String.fromCharCode(code);
}

/** Character-level clean-up: one original unit to at most one tidy unit. Unchanged stretches are copied whole. */
function tidyCharacters(text: string): Tidy | null {
  if (!HAS_SPECIAL.test(text)) return null;
  const from = new Int32Array(text.length);
  const to = new Int32Array(text.length);
  const parts: string[] = [];
  let n = 0;
  let copied = 0;
  const keep = (end: number): void => {
    parts.push(text.slice(copied, end));
    for (let i = copied; i < end; i++, n++) [from[n], to[n]] = [i, i + 1];
  };
  for (const m of text.matchAll(SPECIAL)) {
    const i = m.index;
    keep(i);
    copied = i + 1;
    // CR LF is one line break; a lone CR is one too.
    const ch = text.charCodeAt(i) === 0x0d ? (text.charCodeAt(i + 1) === 0x0a ? null : "\n") : tidyUnit(text.charCodeAt(i));
    if (ch === null) continue;
    parts.push(ch);
    [from[n], to[n]] = [i, i + 1];
    n++;
  }
  keep(text.length);
  return { text: parts.join(""), from: from.subarray(0, n), to: to.subarray(0, n) };
}

/** `outer` applied to the text `inner` produced: spans of `outer` mapped through `inner` to the original. */
function compose(inner: Tidy, outer: Tidy): Tidy {
  const from = new Int32Array(outer.text.length);
  const to = new Int32Array(outer.text.length);
  for (let i = 0; i < outer.text.length; i++) {
    from[i] = inner.from[outer.from[i] as number] as number;
    to[i] = inner.to[(outer.to[i] as number) - 1] as number;
  }
  return { text: outer.text, from, to };
}

/** The tidy text and its map to the original; null when there is nothing to tidy (most messages). */
export function tidy(text: string): Tidy | null {
  const chars = tidyCharacters(text);
  const spelled = spellDigits(chars?.text ?? text);
  if (!spelled) return chars;
  return chars ? compose(chars, spelled) : spelled;
}

/** The original text behind tidy span [start, end) (the same span when nothing was tidied). */
export function originalSpan(original: string, t: Tidy | null, start: number, end: number): string {
  if (!t) return original.slice(start, end);
  if (end <= start) return "";
  return original.slice(t.from[start] as number, t.to[end - 1] as number);
}
