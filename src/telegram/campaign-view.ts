import { InlineKeyboard } from "grammy";
import type { Results } from "../core/campaigns/store.js";
import type { I18n, Locale } from "../i18n.js";

/** The campaign's figures as the sender sees them, in their status message and in /campaigns. */
export function campaignText(i18n: I18n, locale: Locale, r: Results): string {
  const t = (key: string, args?: Record<string, string | number>) => i18n.t(locale, key, args);
  const failed = Object.entries(r.failed);
  const lines = [
    t("campaign-status-line", { id: r.id, title: r.title, status: t(`campaign-state-${r.status.toLowerCase()}`) }),
    t("campaign-figures", {
      targeted: r.fanoutDone ? String(r.targeted) : `${r.targeted}+`,
      sent: r.sent,
      pending: r.pending,
      blocked: r.blocked,
      reach: r.reach,
      replies: r.replies,
    }),
  ];
  if (r.skipped) lines.push(t("campaign-skipped", { count: r.skipped }));
  if (r.unconfirmed) lines.push(t("campaign-unconfirmed", { count: r.unconfirmed }));
  if (failed.length) lines.push(t("campaign-failed", { list: failed.map(([why, n]) => `${why.slice(0, 60)}: ${n}`).join("; ") }));
  return lines.join("\n");
}

/** Pause / resume / cancel, as the campaign's state allows. */
export function campaignButtons(i18n: I18n, locale: Locale, r: Pick<Results, "id" | "status">): InlineKeyboard {
  const kb = new InlineKeyboard();
  if (r.status === "RUNNING") kb.text(i18n.t(locale, "btn-campaign-pause", { id: r.id }), `cc:pause:${r.id}`);
  if (r.status === "PAUSED") kb.text(i18n.t(locale, "btn-campaign-resume", { id: r.id }), `cc:resume:${r.id}`);
  if (r.status === "RUNNING" || r.status === "PAUSED" || r.status === "SCHEDULED") kb.text(i18n.t(locale, "btn-campaign-cancel", { id: r.id }), `cc:cancel:${r.id}`);
  return kb;
}
