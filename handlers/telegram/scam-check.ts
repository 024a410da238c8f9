import { Composer, InlineKeyboard } from "grammy";
import type { Deps } from "../../src/deps.js";
import { extractIndicators } from "../../src/core/scam/extract.js";
import { askScamQuestion } from "../../src/core/scam/question.js";
import { isMostlyIndicators, scamAnswer } from "../../src/core/scam/answer.js";
import type { BotContext } from "./context.js";
import { residentOf } from "./prepare.js";

export type ScamCheckDeps = Pick<Deps, "db" | "queues" | "identity" | "config" | "metrics">;

/**
 * "Is this a scam?": /check, a forwarded message, or a message that is just a number or a
 * link. The answer comes from one indexed lookup; the question is then recorded as an
 * anonymous tip to the resident's ward, so repeated questions raise the indicator's priority.
 */
export function scamCheckFeature(deps: ScamCheckDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const pm = c.chatType("private");

  const check = async (ctx: BotContext, text: string) => {
    delete ctx.state.checking;
    const resident = residentOf(ctx);
    if (!resident) return;
    const { verdict, code } = await askScamQuestion(deps, { resident, channel: "TELEGRAM", sourceKey: `tg-${ctx.update.update_id}`, text });
    const lines = [scamAnswer(ctx.t, verdict), "", ctx.t("check-recorded", { code })];
    await ctx.reply(lines.join("\n"), {
      link_preview_options: { is_disabled: true },
      reply_markup: new InlineKeyboard().text(ctx.t("btn-guided-report"), "f:start"),
    });
  };

  pm.command(["check", "kiemtra"], async (ctx) => {
    const text = ctx.match.trim();
    if (text) return check(ctx, text);
    ctx.state.checking = true;
    await ctx.reply(ctx.t("check-prompt"));
  });

  pm.on(["message:text", "message:caption"], async (ctx, next) => {
    const text = (ctx.message.text ?? ctx.message.caption ?? "").trim();
    if (!text || text.startsWith("/") || ctx.state.flow || ctx.state.replyingTo || ctx.state.choosingWard) return next();
    if (ctx.state.checking || ctx.message.forward_origin) return check(ctx, text);
    if (isMostlyIndicators(text, extractIndicators(text))) return check(ctx, text);
    return next();
  });
  return c;
}
