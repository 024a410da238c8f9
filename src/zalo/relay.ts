import { UnrecoverableError } from "bullmq";
import type { Deps } from "../deps.js";
import type { Locale } from "../i18n.js";
import { sendOnce } from "../db/sent-once.js";
import { telegramCall } from "../telegram/errors.js";
import { sendZaloText, type ZaloRecipient } from "./send.js";

/** Officers work in Vietnamese. */
const L = "vi" as const;

type Question = { id: number; text: string; tip: { id: number; code: string } };

/** Tells the tip's inbox, once per question and reason, why the question has not reached the tipster. */
async function tellInbox(deps: Deps, q: Question, reason: "waiting" | "unreachable"): Promise<void> {
  const tip = await deps.db.tip.findUnique({
    where: { id: q.tip.id },
    select: {
      ward: { select: { inboxGroup: { select: { id: true, chatId: true, channel: true } } } },
      province: { select: { inboxGroup: { select: { id: true, chatId: true, channel: true } } } },
      cards: { where: { readOnly: false }, select: { groupId: true, messageId: true } },
    },
  });
  const group = tip?.ward ? tip.ward.inboxGroup : tip?.province?.inboxGroup ?? null;
  if (!group || group.channel !== "TELEGRAM" || !deps.bot) return;
  const card = tip!.cards.find((c) => c.groupId === group.id);
  const oa = deps.config.zalo.oa;
  const key = reason === "waiting" ? "inbox-relay-waiting" : "inbox-relay-unreachable";
  const text = deps.i18n.t(L, key, { code: q.tip.code, hours: oa.enabled ? Math.round(oa.windowMs / 3_600_000) : 48 });
  await sendOnce(deps.db, `relay-${reason}-${q.id}`, async () => {
    const m = await telegramCall(() =>
      deps.bot!.api.sendMessage(group.chatId, text, card?.messageId ? { reply_parameters: { message_id: Number(card.messageId), allow_sending_without_reply: true } } : {}),
    );
    return String(m.message_id);
  });
  await deps.db.tipEvent.create({ data: { tipId: q.tip.id, type: reason === "waiting" ? "relay-waiting" : "relay-unreachable", data: { messageId: q.id } } });
}

/**
 * Relays an officer's question to a tipster on Zalo. Inside the OA's free window it goes now;
 * outside it, it waits (the officer is told why) and goes when the resident next writes.
 */
export async function relayToZalo(deps: Deps, q: Question, to: ZaloRecipient, locale: Locale): Promise<{ relayed: boolean; waiting?: string }> {
  const done = await deps.db.sentMessage.findUnique({ where: { key: `relay-${q.id}` }, select: { key: true } });
  if (!done) {
    const t = (k: string, a?: Record<string, string>) => deps.i18n.t(locale, k, a);
    const text = `${t("relay-question", { code: q.tip.code })}\n\n${q.text}\n\n${t("zalo-answer-how")}`;
    const r = await sendZaloText(deps, to, text, "relay");
    if (r.kind === "waiting") {
      await tellInbox(deps, q, "waiting");
      return { relayed: false, waiting: r.reason };
    }
    if (r.kind === "gone") {
      await tellInbox(deps, q, "unreachable");
      return { relayed: false, waiting: "unreachable" };
    }
    if (r.kind === "refused") throw new UnrecoverableError(`Zalo refused the question: ${r.reason}`);
    await deps.db.sentMessage.upsert({ where: { key: `relay-${q.id}` }, create: { key: `relay-${q.id}`, messageId: r.messageId }, update: {} });
  }
  await deps.db.tipMessage.update({ where: { id: q.id }, data: { relayedAt: new Date() } });
  return { relayed: true };
}
