import { Composer, InlineKeyboard } from "grammy";
import type { Deps } from "../../src/deps.js";
import { tipsterReply } from "../../src/core/tips/actions.js";
import { normalizeTrackingCode } from "../../src/core/tracking-code.js";
import type { BotContext } from "./context.js";
import { residentOf } from "./prepare.js";

export type AnswerDeps = Pick<Deps, "db" | "queues">;

const CODE_IN_TEXT = /#?([3-9A-HJKMNPQRTWXY]{4}-[3-9A-HJKMNPQRTWXY]{4})/;

/**
 * The tipster answers an officer's question: with the "Answer" button, or by replying to the
 * bot's message that carried the question. The answer joins the tip's thread.
 */
export function answerFeature(deps: AnswerDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const pm = c.chatType("private");

  pm.callbackQuery(/^r:ans:([A-Z0-9-]{9})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    ctx.state.replyingTo = ctx.match[1]!;
    await ctx.reply(ctx.t("answer-prompt", { code: ctx.match[1]! }), { reply_markup: new InlineKeyboard().text(ctx.t("btn-cancel"), "f:cancel") });
  });

  pm.on("message:text", async (ctx, next) => {
    const text = ctx.message.text;
    if (text.startsWith("/") || ctx.state.flow) return next();
    const quoted = ctx.message.reply_to_message?.from?.id === ctx.me.id ? ctx.message.reply_to_message.text?.match(CODE_IN_TEXT)?.[1] : undefined;
    const code = quoted ? normalizeTrackingCode(quoted) : ctx.state.replyingTo ?? null;
    if (!code) return next();
    const resident = residentOf(ctx);
    if (!resident) return next();
    const result = await tipsterReply(deps, resident.id, code, text.slice(0, 4000), `tg-${ctx.update.update_id}`);
    delete ctx.state.replyingTo;
    await ctx.reply(result.ok ? ctx.t("answer-sent", { code }) : ctx.t("status-unknown", { code }));
  });
  return c;
}
