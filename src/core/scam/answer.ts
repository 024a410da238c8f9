import type { Translate } from "../../i18n.js";
import type { Indicator } from "./extract.js";
import type { Verdict } from "./verdict.js";

/** Letters left once the indicators are taken out: below this, the message is a question about them. */
const MAX_QUESTION_LETTERS = 40;

/** A message that is little more than a number or a link ("0912 345 678 có phải lừa đảo không?"). */
export function isMostlyIndicators(text: string, indicators: Indicator[]): boolean {
  if (indicators.length === 0) return false;
  let rest = text.normalize("NFC"); // `raw` is a slice of the NFC form
  for (const i of indicators) rest = rest.split(i.raw).join(" ");
  return (rest.match(/\p{L}/gu)?.length ?? 0) <= MAX_QUESTION_LETTERS;
}

/** The answer, in the resident's language: the worst finding first. */
export function scamAnswer(t: Translate, v: Verdict): string {
  if (v.level === "none") return t("check-nothing-found");
  const lines: string[] = [];
  for (const c of v.confirmed) {
    lines.push(t("check-confirmed", { indicator: c.shown, tactic: t(`tactic-${c.tactic ?? "other"}`) }));
    lines.push(t(`tactic-${c.tactic ?? "other"}-advice`));
  }
  if (v.confirmed.length) lines.push(t("check-confirmed-do"));
  for (const r of v.reported) lines.push(t("check-reported", { indicator: r.shown, count: r.count, since: r.since.toISOString().slice(0, 10) }));
  for (const l of v.lookalikes) lines.push(t("check-lookalike", { indicator: l.shown, brand: l.of }));
  if (v.unknown.length && v.level === "unknown") lines.push(t("check-unknown", { indicators: v.unknown.join(", ") }));
  if (v.level !== "confirmed") lines.push("", t("check-signs"));
  return lines.join("\n");
}

