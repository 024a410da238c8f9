import { z } from "zod";
import { residentChatId } from "../core/residents.js";
import type { Deps } from "../deps.js";
import { sendOnce } from "../db/sent-once.js";
import { defineJob } from "../queue/job.js";
import { isLocale } from "../i18n.js";
import { sendRelayedQuestion } from "../telegram/resident-messages.js";

/** Relays an officer's question to the tipster through the bot (the job carries only the message id). */
export const relayToTipsterJob = defineJob({
  queue: "outbound",
  name: "relay-to-tipster",
  schema: z.object({ messageId: z.number().int().positive() }),
  async handle(deps: Deps, { messageId }) {
    const message = await deps.db.tipMessage.findUnique({
      where: { id: messageId },
      select: { text: true, relayedAt: true, tip: { select: { code: true, resident: { select: { channel: true, chatRef: true, language: true } } } } },
    });
    if (!message) return { skipped: "no such message" };
    if (message.relayedAt) return { skipped: "already relayed" };
    const resident = message.tip.resident;
    if (resident.channel !== "TELEGRAM" || !deps.bot) throw new Error(`no sender for ${resident.channel}`);
    const chatId = residentChatId(deps.identity, resident.chatRef);
    const locale = isLocale(resident.language) ? resident.language : "vi";
    try {
      await sendOnce(deps.db, `relay-${messageId}`, () => sendRelayedQuestion(deps, deps.bot!.api, chatId, locale, message.tip.code, message.text));
      deps.metrics.inc("wardline_sends_total", { channel: "telegram", result: "ok" });
    } catch (err) {
      deps.metrics.inc("wardline_sends_total", { channel: "telegram", result: (err as Error).name });
      throw err;
    }
    await deps.db.tipMessage.update({ where: { id: messageId }, data: { relayedAt: new Date() } });
    return { relayed: true };
  },
});
