import { Composer } from "grammy";
import type { Deps } from "../../src/deps.js";
import type { BotContext } from "./context.js";

/** Keeps the record of groups the bot is in: added, removed, migrated to a supergroup. */
export function groupsFeature(deps: Pick<Deps, "db">): Composer<BotContext> {
  const c = new Composer<BotContext>();

  c.on("my_chat_member", async (ctx) => {
    const chat = ctx.myChatMember.chat;
    if (chat.type !== "group" && chat.type !== "supergroup") return;
    const status = ctx.myChatMember.new_chat_member.status;
    const active = status === "member" || status === "administrator";
    const where = { channel_chatId: { channel: "TELEGRAM" as const, chatId: String(chat.id) } };
    await deps.db.chatGroup.upsert({
      where,
      create: { channel: "TELEGRAM", chatId: String(chat.id), title: chat.title, active },
      update: { title: chat.title, active },
    });
    const was = ctx.myChatMember.old_chat_member.status;
    if (active && (was === "left" || was === "kicked")) {
      // The member count is the reach of warnings sent here; refreshed on /attach.
      const members = await ctx.api.getChatMemberCount(chat.id).catch(() => null);
      if (members !== null) await deps.db.chatGroup.updateMany({ where: where.channel_chatId, data: { memberCount: members } });
      await ctx.reply(`${ctx.t("group-welcome")}\n${ctx.t("campaign-attach-hint")}`);
    }
  });

  // A group upgraded to a supergroup gets a new id: the inbox follows it.
  c.on("message:migrate_to_chat_id", async (ctx) => {
    await deps.db.chatGroup.updateMany({
      where: { channel: "TELEGRAM", chatId: String(ctx.chat.id) },
      data: { chatId: String(ctx.message.migrate_to_chat_id) },
    });
  });
  c.on("message:new_chat_title", async (ctx) => {
    await deps.db.chatGroup.updateMany({ where: { channel: "TELEGRAM", chatId: String(ctx.chat.id) }, data: { title: ctx.message.new_chat_title } });
  });
  return c;
}
