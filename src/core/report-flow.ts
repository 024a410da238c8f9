import type { Db } from "../db/client.js";
import type { ChatState } from "./chat-state.js";
import type { Translate } from "../i18n.js";
import { guessCategory } from "./category-guess.js";

/** A report's text is clipped to this many characters (any channel). */
export const MAX_REPORT_TEXT = 4000;
/** Files a report may carry. */
export const MAX_REPORT_MEDIA = 10;
/** The other answers are clipped to these (any channel); the web form refuses longer ones. */
export const MAX_PLACE = 500;
export const MAX_WHEN = 200;
export const MAX_IDENTITY = 300;

/** The guided report's answers so far and the step it is at (any channel). */
export type Flow = NonNullable<ChatState["flow"]>;

/**
 * Keeps a typed answer where the flow's current step keeps it, clipped to its limit: the text
 * (typed early at the category step, or added at the media step), place, time or identity.
 * Returns whether the text was clipped. Replying and moving on is the channel's part.
 */
export function recordAnswer(flow: Flow, text: string): { clipped: boolean } {
  switch (flow.step) {
    case "category":
    case "what":
      flow.text = text.slice(0, MAX_REPORT_TEXT);
      return { clipped: text.length > MAX_REPORT_TEXT };
    case "media":
      flow.text = `${flow.text ?? ""}\n${text}`.slice(0, MAX_REPORT_TEXT);
      break;
    case "where":
      flow.place = text.slice(0, MAX_PLACE);
      break;
    case "when":
      flow.when = text.slice(0, MAX_WHEN);
      break;
    case "identity":
      flow.identity = text.slice(0, MAX_IDENTITY);
      break;
  }
  return { clipped: false };
}

/**
 * A new report for a resident: at the category step when their ward is remembered, else at the
 * ward step. With `prefill` (the one-tap "send this as a tip") the text is already there and the
 * category is guessed from it (the tipster can change it once it is sent).
 */
export async function newFlow(db: Db, resident: { wardId: number | null }, startedBy: number | string, prefill?: { text: string; updateId: number | string }): Promise<Flow> {
  const wardCode = resident.wardId ? (await db.ward.findUnique({ where: { id: resident.wardId }, select: { code: true } }))?.code : undefined;
  return {
    step: wardCode ? "category" : "ward",
    ...(wardCode ? { wardCode } : {}),
    ...(prefill ? { text: prefill.text.slice(0, MAX_REPORT_TEXT), category: guessCategory(prefill.text), quick: true } : {}),
    media: [],
    startedBy: prefill?.updateId ?? startedBy,
  };
}

/** The step after `flow.step`, given what was answered. */
export function nextStep(flow: Flow): Flow["step"] {
  switch (flow.step) {
    case "ward":
    case "ward-pick":
      return flow.category ? (flow.text ? "where" : "what") : "category";
    case "category":
      return flow.text ? "where" : "what";
    case "what":
      return "where";
    case "where":
      return "when";
    case "when":
      return "media";
    case "media":
      return "anonymous";
    case "anonymous":
      return flow.anonymous === false ? "identity" : "confirm";
    case "identity":
    case "confirm":
      return "confirm";
  }
}

/** The report as the resident will send it, for the confirm step. */
export function reportSummary(t: Translate, flow: Flow, wardName: string | null): string {
  const lines = [t("report-summary-title")];
  lines.push(`${t("summary-ward")}: ${wardName ?? t("summary-none")}`);
  lines.push(`${t("summary-category")}: ${t(`category-${flow.category ?? "other"}`)}`);
  lines.push(`${t("summary-what")}: ${(flow.text ?? "").slice(0, 500)}`);
  if (flow.place) lines.push(`${t("summary-where")}: ${flow.place}`);
  if (flow.lat !== undefined) lines.push(t("summary-location"));
  if (flow.when) lines.push(`${t("summary-when")}: ${flow.when}`);
  if (flow.media.length) lines.push(t("summary-media", { count: flow.media.length }));
  lines.push(flow.anonymous === false ? t("summary-identified") : t("summary-anonymous"));
  return lines.join("\n");
}
