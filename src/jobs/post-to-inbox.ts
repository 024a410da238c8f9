import { z } from "zod";
import type { Deps } from "../deps.js";
import { sendOnce } from "../db/sent-once.js";
import { defineJob } from "../queue/job.js";
import { TIP_INBOX_SELECT, inboxOf, postThreadMessage } from "../telegram/inbox-thread.js";
import { LIVE_SELECT, publishTipChange } from "../core/tips/live.js";

/** Posts a tipster's answer under the tip's card in the inbox of the ward that holds it now. */
export const postToInboxJob = defineJob({
  queue: "outbound",
  name: "post-to-inbox",
  schema: z.object({ messageId: z.number().int().positive() }),
  async handle(deps: Deps, { messageId }, job) {
    const message = await deps.db.tipMessage.findUnique({
      where: { id: messageId },
      select: {
        text: true,
        tip: { select: { ...LIVE_SELECT, ...TIP_INBOX_SELECT } },
      },
    });
    if (!message) return { skipped: "no such message" };
    if (job.attemptsMade === 0) await publishTipChange(deps, message.tip, "message");
    const at = inboxOf(message.tip);
    if (!at) return { skipped: "no inbox bound" };
    if (at.group.channel !== "TELEGRAM" || !deps.bot) throw new Error(`no sender for ${at.group.channel}`);
    await sendOnce(deps.db, `inbox-${messageId}`, () => postThreadMessage(deps, deps.bot!.api, at.group.chatId, at.cardMessageId, message.tip.code, message.text));
    deps.metrics.inc("wardline_sends_total", { channel: "telegram", result: "ok" });
    return { posted: true };
  },
});
