import { z } from "zod";
import type { Deps } from "../deps.js";
import { sendOnce } from "../db/sent-once.js";
import { defineJob } from "../queue/job.js";
import { postThreadMessage } from "../telegram/card-sync.js";
import { publishTipChange } from "../core/tips/live.js";

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
        tipId: true,
        tip: {
          select: {
            code: true,
            ward: { select: { inboxGroup: { select: { id: true, chatId: true, channel: true } } } },
            province: { select: { inboxGroup: { select: { id: true, chatId: true, channel: true } } } },
            cards: { where: { readOnly: false }, select: { groupId: true, messageId: true } },
          },
        },
      },
    });
    if (!message) return { skipped: "no such message" };
    if (job.attemptsMade === 0) await publishTipChange(deps, message.tipId, "message");
    const group = message.tip.ward ? message.tip.ward.inboxGroup : message.tip.province?.inboxGroup ?? null;
    if (!group) return { skipped: "no inbox bound" };
    if (group.channel !== "TELEGRAM" || !deps.bot) throw new Error(`no sender for ${group.channel}`);
    const card = message.tip.cards.find((c) => c.groupId === group.id);
    await sendOnce(deps.db, `inbox-${messageId}`, () =>
      postThreadMessage(deps, deps.bot!.api, group.chatId, card?.messageId ?? null, message.tip.code, message.text),
    );
    deps.metrics.inc("wardline_sends_total", { channel: "telegram", result: "ok" });
    return { posted: true };
  },
});
