import { Composer } from "grammy";
import type { BotContext } from "./context.js";

/**
 * Last: whatever no feature took. In a private chat the resident gets a hint they can act on
 * (never an error); in groups and channels, and for update kinds we do not use, nothing happens.
 */
export function unhandledFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.on("callback_query", (ctx) => ctx.answerCallbackQuery({ text: ctx.t("button-expired") }));
  c.chatType("private").on("message", (ctx) => ctx.reply(ctx.t(ctx.state.flow ? "report-not-understood" : "unhandled-private")));
  return c;
}
