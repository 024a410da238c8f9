import type { BotContext } from "./context.js";
import { removeButtons } from "./remove-buttons.js";

/**
 * A tap on "Send" of a summary whose report is no longer open (a second tap, an old summary):
 * say what became of it. Only the summary that sent the last tip names it; any other was
 * cancelled or replaced, and saying "sent" would mislead.
 */
export async function answerClosedSummary(ctx: BotContext): Promise<void> {
  const sent = ctx.state.sentSummary;
  const same = sent && sent.messageId === ctx.callbackQuery?.message?.message_id;
  await ctx.answerCallbackQuery({ text: same ? ctx.t("report-already-sent", { code: sent.code }) : ctx.t("report-summary-closed") });
  await removeButtons(ctx);
}
