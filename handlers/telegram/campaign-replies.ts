import { Composer } from "grammy";
import type { Deps } from "../../src/deps.js";
import { recordReply } from "../../src/core/campaigns/store.js";
import type { BotContext } from "./context.js";
import { residentOf } from "./prepare.js";

/**
 * Counts messages answering a warning: a reply to the delivered warning, in a group or in
 * private. Only counted (never read or kept); the message then goes on to the other features
 * (a resident's answer may well be a tip).
 */
export function campaignRepliesFeature(deps: Pick<Deps, "db">): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.on("message", async (ctx, next) => {
    const replied = ctx.message.reply_to_message;
    if (replied && replied.from?.id === ctx.me.id) {
      if (ctx.chat.type === "group" || ctx.chat.type === "supergroup") {
        const group = await deps.db.chatGroup.findUnique({ where: { channel_chatId: { channel: "TELEGRAM", chatId: String(ctx.chat.id) } }, select: { id: true, purpose: true } });
        if (group?.purpose === "AUDIENCE") await recordReply(deps.db, { groupId: group.id }, replied.message_id, ctx.message.message_id);
      } else if (ctx.chat.type === "private") {
        const resident = residentOf(ctx);
        if (resident) await recordReply(deps.db, { residentId: resident.id }, replied.message_id, ctx.message.message_id);
      }
    }
    return next();
  });
  return c;
}
