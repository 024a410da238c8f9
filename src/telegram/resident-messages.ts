import { InlineKeyboard, type Api } from "grammy";
import type { Deps } from "../deps.js";
import type { Locale } from "../i18n.js";
import { telegramCall } from "./errors.js";
import { clip, esc } from "./html.js";

/** "The ward officer asks: …", with a button to answer. */
export async function sendRelayedQuestion(deps: Pick<Deps, "i18n">, api: Api, chatId: string, locale: Locale, code: string, question: string): Promise<string> {
  const t = (k: string, a?: Record<string, string>) => deps.i18n.t(locale, k, a);
  const text = `${esc(t("relay-question", { code }))}\n\n${esc(clip(question, 3500))}\n\n<i>${esc(t("relay-how-to-answer"))}</i>`;
  const kb = new InlineKeyboard().text(t("btn-answer"), `r:ans:${code}`);
  const m = await telegramCall(() => api.sendMessage(chatId, text, { parse_mode: "HTML", reply_markup: kb }));
  return String(m.message_id);
}
