import { z } from "zod";
import { residentChatId } from "../core/residents.js";
import type { Deps } from "../deps.js";
import { sendOnce } from "../db/sent-once.js";
import { defineJob } from "../queue/job.js";
import { isLocale } from "../i18n.js";
import { noticeUnderCard } from "../telegram/inbox-thread.js";
import { sendRelayedQuestion } from "../telegram/resident-messages.js";
import { relayToZalo } from "../zalo/relay.js";
import { LIVE_SELECT, publishTipChange } from "../core/tips/live.js";
import type { Channel } from "../generated/prisma/enums.js";

/** Relays an officer's question to the tipster on the channel the tip came from (the job carries only the message id). */
export const relayToTipsterJob = defineJob({
  queue: "outbound",
  name: "relay-to-tipster",
  schema: z.object({ messageId: z.number().int().positive() }),
  async handle(deps: Deps, { messageId }, job) {
    const message = await deps.db.tipMessage.findUnique({
      where: { id: messageId },
      select: { text: true, relayedAt: true, tip: { select: { id: true, ...LIVE_SELECT, resident: { select: { id: true, channel: true, chatRef: true, language: true } } } } },
    });
    if (!message) return { skipped: "no such message" };
    if (message.relayedAt) return { skipped: "already relayed" };
    // Open dashboards show the question once it is relayed, or at once (as not yet relayed) if the first try fails.
    try {
      const done = await relay(deps, messageId, message);
      await publishTipChange(deps, message.tip, "asked");
      return done;
    } catch (err) {
      if (job.attemptsMade === 0) await publishTipChange(deps, message.tip, "asked");
      throw err;
    }
  },
});

type Question = {
  text: string;
  /** No resident: the retention job erased who sent the tip. */
  tip: { id: number; code: string; resident: { id: number; channel: Channel; chatRef: string; language: string } | null };
};

async function relay(deps: Deps, messageId: number, message: Question) {
  const resident = message.tip.resident;
  if (!resident) return tipsterErased(deps, message.tip);
  if (resident.channel === "WEB") return leaveOnStatusPage(deps, message.tip);
  const locale = isLocale(resident.language) ? resident.language : "vi";
  if (resident.channel === "ZALO_OA" || resident.channel === "ZALO_BOT") {
    return relayToZalo(deps, { id: messageId, text: message.text, tip: message.tip }, resident, locale);
  }
  if (resident.channel !== "TELEGRAM" || !deps.bot) throw new Error(`no sender for ${resident.channel}`);
  const chatId = residentChatId(deps.identity, resident.chatRef);
  try {
    await sendOnce(deps.db, `relay-${messageId}`, () => sendRelayedQuestion(deps, deps.bot!.api, chatId, locale, message.tip.code, message.text));
    deps.metrics.inc("wardline_sends_total", { channel: "telegram", result: "ok" });
  } catch (err) {
    deps.metrics.inc("wardline_sends_total", { channel: "telegram", result: (err as Error).name });
    throw err;
  }
  await deps.db.tipMessage.update({ where: { id: messageId }, data: { relayedAt: new Date() } });
  return { relayed: true };
}

/**
 * A question asked just before the tip's tipster was erased (askTipster refuses after): it
 * cannot go anywhere, so the job ends and the inbox is told once.
 */
async function tipsterErased(deps: Deps, tip: { id: number; code: string }): Promise<{ skipped: "tipster erased" }> {
  await noticeUnderCard(deps, tip.id, `relay-erased-${tip.id}`, deps.i18n.t("vi", "inbox-relay-erased", { code: tip.code }));
  return { skipped: "tipster erased" };
}

/**
 * A web tipster has no chat to send to: the question waits on the status page, and is marked
 * relayed when the tipster opens it there (src/core/web-tips.ts). Nothing here can fail for
 * want of a sender, so the job never loops; the inbox is told once per tip why no answer comes
 * at once.
 */
async function leaveOnStatusPage(deps: Deps, tip: { id: number; code: string }): Promise<{ delivered: "web" }> {
  await noticeUnderCard(deps, tip.id, `relay-web-${tip.id}`, deps.i18n.t("vi", "public-inbox-relay-web", { code: tip.code }));
  return { delivered: "web" };
}
