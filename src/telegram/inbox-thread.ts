import type { Api } from "grammy";
import type { Deps } from "../deps.js";
import { sendOnce } from "../db/sent-once.js";
import { telegramCall } from "./errors.js";
import { clip, esc } from "./html.js";

const GROUP = { select: { inboxGroup: { select: { id: true, chatId: true, channel: true } } } } as const;

/** What to select of a tip to find its thread: the inbox groups that may hold it, and its live cards. */
export const TIP_INBOX_SELECT = {
  ward: GROUP,
  province: GROUP,
  cards: { where: { readOnly: false }, select: { groupId: true, messageId: true } },
} as const;

type Group = { id: number; chatId: string; channel: string };
type TipInbox = {
  ward: { inboxGroup: Group | null } | null;
  province: { inboxGroup: Group | null } | null;
  cards: { groupId: number; messageId: string | null }[];
};

/** The inbox that holds a tip now (its ward's, or its province's while it has no ward) and the tip's card there. */
export function inboxOf(tip: TipInbox): { group: Group; cardMessageId: string | null } | null {
  const group = tip.ward ? tip.ward.inboxGroup : tip.province?.inboxGroup ?? null;
  if (!group) return null;
  return { group, cardMessageId: tip.cards.find((c) => c.groupId === group.id)?.messageId ?? null };
}

/** Sends to the inbox as a reply to the tip's card (plainly when the card has not been posted). */
export async function replyUnderCard(api: Api, chatId: string, cardMessageId: string | null, text: string, other: { parse_mode?: "HTML" } = {}): Promise<string> {
  const m = await telegramCall(() =>
    api.sendMessage(chatId, text, {
      ...other,
      ...(cardMessageId ? { reply_parameters: { message_id: Number(cardMessageId), allow_sending_without_reply: true } } : {}),
    }),
  );
  return String(m.message_id);
}

/** A tipster's words in the tip's thread. */
export function postThreadMessage(deps: Pick<Deps, "i18n">, api: Api, chatId: string, cardMessageId: string | null, code: string, text: string): Promise<string> {
  const body = `<b>${esc(deps.i18n.t("vi", "inbox-tipster-says", { code }))}</b>\n${esc(clip(text, 3500))}`;
  return replyUnderCard(api, chatId, cardMessageId, body, { parse_mode: "HTML" });
}

/**
 * Tells a tip's inbox something once (`onceKey`), under its card. Returns false, sending nothing,
 * when the tip has no inbox on Telegram to tell.
 */
export async function noticeUnderCard(deps: Pick<Deps, "db" | "bot">, tipId: number, onceKey: string, text: string): Promise<boolean> {
  const tip = await deps.db.tip.findUnique({ where: { id: tipId }, select: TIP_INBOX_SELECT });
  const at = tip ? inboxOf(tip) : null;
  const bot = deps.bot;
  if (!at || at.group.channel !== "TELEGRAM" || !bot) return false;
  await sendOnce(deps.db, onceKey, () => replyUnderCard(bot.api, at.group.chatId, at.cardMessageId, text));
  return true;
}
