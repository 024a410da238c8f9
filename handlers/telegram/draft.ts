import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "./context.js";

/** A resident who just writes, outside any flow, is offered "send this as a tip?" with one tap. */
export function draftFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const pm = c.chatType("private");
  pm.on("message:text", async (ctx, next) => {
    const text = ctx.message.text.trim();
    if (text.startsWith("/") || ctx.state.flow || text.length < 3) return next();
    ctx.state.draft = { text: text.slice(0, 4000), updateId: ctx.update.update_id };
    await ctx.reply(ctx.t("draft-offer"), {
      reply_markup: new InlineKeyboard().text(ctx.t("btn-send-as-tip"), "d:send").row().text(ctx.t("btn-guided-report"), "f:start").text(ctx.t("btn-no"), "d:no"),
    });
  });
  pm.callbackQuery("d:no", async (ctx) => {
    await ctx.answerCallbackQuery();
    delete ctx.state.draft;
    await ctx.reply(ctx.t("draft-dropped"));
  });
  return c;
}
