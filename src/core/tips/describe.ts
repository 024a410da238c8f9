import type { Translate } from "../../i18n.js";
import { vnTime } from "../../telegram/html.js";
import type { TipStatusView } from "./queries.js";

/** One line a resident reads about their tip: code, date, ward, state, and a waiting question. */
export function describeTipStatus(t: Translate, s: TipStatusView): string {
  const parts = [t(`status-${s.status.toLowerCase()}`)];
  if (s.valuable === true) parts.push(t("status-valuable"));
  if (s.pendingQuestion) parts.push(t("status-question-waiting"));
  return t("status-line", { code: s.code, ward: s.wardName ?? t("summary-triage"), date: vnTime(s.createdAt), state: parts.join(" · ") });
}
