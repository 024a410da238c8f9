import { InlineKeyboard } from "grammy";
import type { CardData } from "../core/card.js";
import type { I18n } from "../i18n.js";
import { clip, esc, vnTime } from "./html.js";

const CHANNEL_NAMES: Record<string, string> = { TELEGRAM: "Telegram", ZALO_OA: "Zalo OA", ZALO_BOT: "Zalo Bot", WEB: "Web" };

/** Officers work in Vietnamese. */
const L = "vi" as const;

export type CardView = { text: string; keyboard: InlineKeyboard | undefined };

/** Renders a tip card; `readOnly` is the trace a ward keeps after transferring a tip away. */
export function renderCard(i18n: I18n, card: CardData, readOnly: boolean): CardView {
  const t = (k: string, a?: Record<string, string | number>) => i18n.t(L, k, a);
  const lines: string[] = [];
  lines.push(`<b>${esc(t("card-title", { code: card.code }))}</b> · ${esc(t(`category-${card.category}`))}`);
  lines.push(esc([card.wardName, card.provinceName].filter(Boolean).join(", ") || t("card-no-ward")));
  if (card.place) lines.push(`${esc(t("card-place"))}: ${esc(card.place)}`);
  if (card.happenedAt) lines.push(`${esc(t("card-when"))}: ${esc(card.happenedAt)}`);
  lines.push(`${esc(t("card-received"))}: ${vnTime(card.createdAt)} · ${esc(t("card-channel", { channel: CHANNEL_NAMES[card.channel] ?? card.channel }))}`);
  if (card.priority > 0) lines.push(`<b>${esc(t("card-priority", { count: card.priority }))}</b>`);
  lines.push("", esc(clip(card.text, 2500)), "");
  if (card.indicators.length) {
    lines.push(esc(t("card-indicators")));
    for (const i of card.indicators.slice(0, 10)) {
      const status = t(`indicator-status-${i.status.toLowerCase()}`, { tactic: i.tactic ? t(`tactic-${i.tactic}`) : "" });
      lines.push(esc(t("card-indicator-line", { value: i.value, status, count: i.reportCount })));
    }
    lines.push("");
  }
  const extras: string[] = [];
  if (card.attachments.length) extras.push(t("card-attachments", { count: card.attachments.length }));
  if (card.lat !== null && card.lng !== null) extras.push(t("card-location"));
  if (extras.length) lines.push(esc(extras.join(" · ")));
  lines.push(esc(card.identity ? t("card-tipster-identified", { identity: card.identity }) : t("card-tipster-anonymous")));
  const state: string[] = [t(`card-status-${card.status.toLowerCase()}`, { officer: card.claimedBy ?? "" })];
  if (card.valuable !== null) state.push(t(card.valuable ? "card-valuable" : "card-not-valuable"));
  lines.push(`<b>${esc(state.join(" · "))}</b>`);
  const last = card.history.filter((h) => h.officer).at(-1);
  if (last) lines.push(`<i>${esc(t("card-last-action", { officer: last.officer!, action: t(`event-${last.type}`), time: vnTime(last.at) }))}</i>`);
  if (readOnly) {
    lines.push("", `<i>${esc(t("card-transferred-away", { ward: card.wardName ?? "" }))}</i>`);
    return { text: lines.join("\n"), keyboard: undefined };
  }
  const kb = new InlineKeyboard();
  if (card.status !== "RESOLVED") {
    if (card.status === "NEW") kb.text(t("btn-claim"), `t:claim:${card.tipId}`);
    kb.text(t("btn-ask"), `t:ask:${card.tipId}`).row();
  }
  kb.text(t("btn-valuable"), `t:v1:${card.tipId}`).text(t("btn-not-valuable"), `t:v0:${card.tipId}`).row();
  if (card.status !== "RESOLVED") kb.text(t("btn-resolve"), `t:res:${card.tipId}`).text(t("btn-transfer"), `t:tr:${card.tipId}`);
  if (card.indicators.length) kb.row().text(t("btn-indicators"), `i:list:${card.tipId}`);
  return { text: lines.join("\n"), keyboard: kb };
}
