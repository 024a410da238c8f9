import { BANK_NAME, BANK_NAME_SOURCE, bankCodeOf } from "./bank-names.js";
import { Clauses, lowerBound, type Scratch } from "./text.js";
import type { Found } from "./types.js";

/**
 * Bank accounts: a digit run (6–19 digits, grouped or not) labelled as an account, either by a
 * cue before it (STK, số tài khoản, TK, account...) or a bank name right before or after it. A
 * labelled number is an account even when it is shaped like a phone (MB and others accept phone
 * numbers as account numbers), so this stage runs, and masks, before phones.
 */

/** "Chủ TK" / "tên tài khoản" introduce the holder's name, not the number. */
const CUE =
  /(?<![a-z0-9])(?<!(?:chu|ten)\s)(?:so\s{0,2}(?:tai\s{0,2}khoan|tk)|stk|tai\s{0,2}khoan|tk|account(?:\s(?:number|no))?|acct|acc|a\/c)(?![a-z0-9])/g;
/** Digit groups joined by a space or two, or a dot or dash with spaces around it ("1903 - 5678 - 9012"). */
const RUN = /\d+(?:(?:[ ]{0,2}[.\-–][ ]{0,2}|[ ]{1,2})\d+)*/g;
/** Words that make the number after them a phone even if an account cue came first ("tài khoản bị khóa, gọi 09..."). */
const PHONE_WORDS =
  /(?<![a-z])(?:goi|lien he|lh|sdt|so dien thoai|dien thoai|dt|hotline|tong dai|cskh|ho tro|zalo|tele(?:gram)?|tel|phone|call|nhan tin|sms)(?![a-z])/;
/** A label and its number stay within one clause, with no other number (or masked text) between. */
const GAP_BREAK = /[\n,;!?\u0000\d]|\.\s/;
const NAME_AFTER = new RegExp(
  String.raw`^[ \t]{0,2}[:()\-–\/]?[ \t]{0,2}(?:(?:tai|o|thuoc|cua|qua)[ \t]{1,2})?(?:(?:ngan[ \t]?hang|nh)[ \t]{1,2})?\(?` +
    BANK_NAME_SOURCE,
);
/** "0912345678 là STK MB của em": the cue may follow the number. */
const CUE_AFTER = /^[ \t]{0,2}[(\-–:]?[ \t]{0,2}(?:la[ \t]{1,2})?(?:so[ \t]{1,2})?(?:stk|tk|tai[ \t]{1,2}khoan)(?![a-z0-9])/;
const GLUE = /[a-z0-9_]/;
const HOTLINE = /^(?:1800|1900)(?:\d{4}|\d{6})$/;
const CUE_GAP = 40;
const NAME_GAP = 30;

export function findBankAccounts(s: Scratch): Found[] {
  const view = s.foldedView;
  const names = new Names(view);
  const found: Found[] = [];
  for (const m of view.matchAll(RUN)) {
    const start = m.index;
    const end = start + m[0].length;
    if ((start > 0 && GLUE.test(view[start - 1] as string)) || (end < view.length && GLUE.test(view[end] as string))) continue;
    const account = accountPart(m[0], start);
    if (!account) continue;
    const label = labelOf(view, start, end);
    if (!label) continue;
    const bank = label.bank ?? names.nearest(start, account.end);
    found.push({ at: start, indicator: { kind: "bank_account", value: account.digits, bank, raw: s.text.slice(start, account.end) } });
    s.mask(start, account.end);
  }
  return found;
}

/**
 * What marks the run as an account, or null. A bank name right after the number, or between
 * the cue and the number, is the account's bank; with a bare cue the bank is looked up around.
 */
function labelOf(view: string, start: number, end: number): { bank: string | null } | null {
  const following = view.slice(end, end + 60);
  const after = NAME_AFTER.exec(following);
  if (after && !callWordBefore(view, start)) return { bank: bankCodeOf(after) };
  const nameBefore = labelBefore(view, start, BANK_NAME, NAME_GAP);
  if (nameBefore) return { bank: bankCodeOf(nameBefore) };
  if (labelBefore(view, start, CUE, CUE_GAP)) return { bank: null };
  return CUE_AFTER.test(following) && !callWordBefore(view, start) ? { bank: null } : null;
}

/** "Gọi 0912345678 để Vietcombank hỗ trợ": a call word shortly before, in the same clause, makes it a phone. */
function callWordBefore(view: string, start: number): boolean {
  const clause = view.slice(Math.max(0, start - 24), start).split(/[\n!?;]|\.\s/).pop() ?? "";
  return PHONE_WORDS.test(clause);
}

/**
 * The last label before `at`, if only a short clause without numbers separates it from `at`,
 * or if it ends its line and the number starts the next one (labelsNextLine).
 */
function labelBefore(view: string, at: number, label: RegExp, maxGap: number): RegExpMatchArray | null {
  const from = Math.max(0, at - maxGap - 40);
  const slice = view.slice(from, at);
  let last: RegExpMatchArray | null = null;
  for (const m of slice.matchAll(label)) last = m;
  if (!last) return null;
  const gap = slice.slice((last.index as number) + last[0].length);
  if (gap.length > maxGap) return null;
  const sameClause = !GAP_BREAK.test(gap) && !PHONE_WORDS.test(gap);
  return sameClause || labelsNextLine(view, from + (last.index as number), gap) ? last : null;
}

/**
 * "STK:\n0123…", "Số tài khoản\n1903…", "Sacombank\n0601…": a label alone on its line, or one
 * whose line ends with a colon, labels the number that starts the next line. A label in the
 * middle of a sentence that happens to end a line does not ("…khóa tài khoản\n0912…").
 */
function labelsNextLine(view: string, labelStart: number, gap: string): boolean {
  const nl = gap.indexOf("\n");
  if (nl < 0 || gap.includes("\n", nl + 1) || !/^[ \t]*$/.test(gap.slice(nl + 1))) return false;
  const rest = gap.slice(0, nl);
  if (GAP_BREAK.test(rest) || PHONE_WORDS.test(rest)) return false;
  if (/:[ \t]*$/.test(rest)) return true;
  const lineStart = view.lastIndexOf("\n", labelStart - 1) + 1;
  return /^[ \t\-–]*$/.test(rest) && /^[ \t\-–•*+]*$/.test(view.slice(lineStart, labelStart));
}

/**
 * The account digits at the start of a run. A run longer than 19 digits is an account followed by
 * another number ("STK 0123456789 0912345678"): keep leading groups while they fit, stopping at a
 * group long enough to be a number of its own.
 */
function accountPart(run: string, offset: number): { digits: string; end: number } | null {
  let digits = "";
  let end = offset;
  const whole = run.replace(/\D/g, "");
  for (const g of run.matchAll(/\d+/g)) {
    const longAlone = digits.length > 0 && g[0].length >= 6;
    if (whole.length > 19 && (longAlone || digits.length + g[0].length > 19)) break;
    digits += g[0];
    end = offset + g.index + g[0].length;
  }
  if (digits.length < 6 || digits.length > 19 || HOTLINE.test(digits)) return null;
  return { digits, end };
}

/** Bank names in a text, for naming accounts that only a cue labelled. */
class Names {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly codes: Array<string | null> = [];
  private readonly clauses: Clauses;

  constructor(view: string) {
    for (const m of view.matchAll(BANK_NAME)) {
      this.starts.push(m.index);
      this.ends.push(m.index + m[0].length);
      this.codes.push(bankCodeOf(m));
    }
    this.clauses = new Clauses(view);
  }

  /** The name closest to the account in its sentence, else within 120 characters in its paragraph (details often come one per line). */
  nearest(start: number, end: number): string | null {
    return this.closest(start, end, this.clauses.sentence(start), Infinity) ?? this.closest(start, end, this.clauses.paragraph(start), 120);
  }

  /** Only the last name before the account and the first after it can be the closest. */
  private closest(start: number, end: number, [from, to]: [number, number], maxDistance: number): string | null {
    const after = lowerBound(this.starts, end);
    let best: { code: string | null; distance: number } | null = null;
    for (const i of [after - 1, after]) {
      if (i < 0 || i >= this.starts.length) continue;
      const [s0, s1] = [this.starts[i] as number, this.ends[i] as number];
      const distance = s1 <= start ? start - s1 : Math.max(0, s0 - end);
      if (s0 < from || s1 > to || distance > maxDistance) continue;
      if (!best || distance < best.distance) best = { code: this.codes[i] ?? null, distance };
    }
    return best?.code ?? null;
  }
}
