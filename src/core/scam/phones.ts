import type { Found } from "./types.js";
import type { Scratch } from "./text.js";

/**
 * Phone numbers. A "run" is digit groups joined by one separator (up to three spaces, a dot or
 * dash with spaces around it, "(0)", a parenthesis, or one line break: forwarded messages wrap
 * numbers), optionally led by "+", "(" or "(+84)". A run is cut into phone numbers group by
 * group: a number must start and end on a group boundary, so "0912 3456 7890 12" (an account)
 * yields nothing, while "0912345678 0987654321" yields two numbers.
 */

const RUN =
  /(?:\(\s?\+?\s?|\+\s?)?\d+(?:(?:[ \t]{0,3}[.\-–][ \t]{0,3}|\s?\(0\)\s?|\)[ \t]?|[ \t]?\(|[ \t]{0,3}\n[ \t]{0,3}|[ \t]{1,3})\d+)*/g;
const GROUP = /\d+/g;
/** A run glued to letters or to these is a code or a reference, not a phone ("VN0912345678", "0912345678k"). */
const GLUE_BEFORE = /[\p{L}\p{N}_#@$&=%*]/u;
const GLUE_AFTER = /[\p{L}\p{N}_@%$]/u;

const MOBILE = /^[35789]\d{8}$/;
const LANDLINE = /^2\d{8,9}$/;
const HOTLINE = /^(?:1800|1900)(?:\d{4}|\d{6})$/;

/**
 * What a digit string means as a phone, or null. `international` is true when the run began with
 * "+": the digits then start with a country code. Vietnamese numbers become E.164 (+84 and the
 * national number without its trunk 0); 1800/1900 hotlines have no E.164 form and keep their digits.
 */
function phoneValue(digits: string, international: boolean): string | null {
  if (international) {
    if (!digits.startsWith("84")) return digits.length >= 8 && digits.length <= 15 ? `+${digits}` : null;
    const national = digits.slice(2).replace(/^0/, "");
    return MOBILE.test(national) || LANDLINE.test(national) ? `+84${national}` : null;
  }
  if (digits.startsWith("0084")) return phoneValue(digits.slice(2), true);
  if (digits.startsWith("0")) {
    const national = digits.slice(1);
    return MOBILE.test(national) || LANDLINE.test(national) ? `+84${national}` : null;
  }
  if (digits.startsWith("84") && MOBILE.test(digits.slice(2))) return `+${digits}`;
  return HOTLINE.test(digits) ? digits : null;
}

/** A phone number written any common way ("+84 (0) 912 345 678", "091-234-5678") to its value, or null. */
export function normalizePhone(written: string): string | null {
  const t = written.trim().replace(/\(0\)/g, "");
  return phoneValue(t.replace(/\D/g, ""), t.replace(/^\(\s*/, "").startsWith("+"));
}

type Group = { digits: string; start: number; end: number; gluedToNext: boolean };

export function findPhones(s: Scratch): Found[] {
  const view = s.foldedView;
  const found: Found[] = [];
  for (const m of view.matchAll(RUN)) {
    const start = m.index;
    const end = start + m[0].length;
    if (start > 0 && GLUE_BEFORE.test(view[start - 1] as string)) continue;
    if (end < view.length && GLUE_AFTER.test(view[end] as string)) continue;
    for (const p of segment(groupsOf(m[0], start), m[0].trimStart().startsWith("+") || /^\(\s?\+/.test(m[0]))) {
      const rawStart = p.first === 0 ? start : p.start;
      found.push({ at: rawStart, indicator: { kind: "phone", value: p.value, raw: s.text.slice(rawStart, p.end) } });
      s.mask(rawStart, p.end);
    }
  }
  return found;
}

function groupsOf(run: string, offset: number): Group[] {
  const blanked = run.replace(/\(0\)/g, "(_)");
  const groups: Group[] = [];
  for (const g of blanked.matchAll(GROUP)) {
    groups.push({ digits: g[0], start: offset + g.index, end: offset + g.index + g[0].length, gluedToNext: false });
  }
  for (let i = 0; i + 1 < groups.length; i++) {
    const between = run.slice((groups[i] as Group).end - offset, (groups[i + 1] as Group).start - offset);
    (groups[i] as Group).gluedToNext = /[.\-–]/.test(between);
  }
  return groups;
}

type Piece = { first: number; start: number; end: number; value: string };

/**
 * Cuts the run into numbers, the longest one at each group. Groups that start no number are
 * skipped; a number joined to such a group by a dot or dash is a slice of a longer number and dropped.
 */
function segment(groups: Group[], international: boolean): Piece[] {
  const pieces: Piece[] = [];
  let afterPhone = false;
  let i = 0;
  while (i < groups.length) {
    const hit = longestAt(groups, i, international && i === 0);
    if (!hit) {
      afterPhone = false;
      i++;
      continue;
    }
    const next = hit.last + 1;
    const gluedBefore: boolean = i > 0 && !afterPhone && (groups[i - 1] as Group).gluedToNext;
    const gluedAfter: boolean = next < groups.length && (groups[hit.last] as Group).gluedToNext && !longestAt(groups, next, false);
    afterPhone = !gluedBefore && !gluedAfter;
    if (afterPhone) pieces.push({ first: i, start: (groups[i] as Group).start, end: (groups[hit.last] as Group).end, value: hit.value });
    i = next;
  }
  return pieces;
}

function longestAt(groups: Group[], i: number, international: boolean): { last: number; value: string } | null {
  let best: { last: number; value: string } | null = null;
  let digits = "";
  for (let j = i; j < groups.length; j++) {
    digits += (groups[j] as Group).digits;
    if (digits.length > 15) break;
    const value = phoneValue(digits, international);
    if (value) best = { last: j, value };
  }
  return best;
}
