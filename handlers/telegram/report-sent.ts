import type { Deps } from "../../src/deps.js";
import type { BotContext } from "./context.js";
import { residentOf } from "./prepare.js";
import { removeButtons } from "./remove-buttons.js";

/**
 * A tap on "Send" of a summary whose report is no longer open (a second tap, an old summary):
 * say what became of it. A tip of this resident created after the summary was shown is the one
 * it sent; without one, the report was cancelled or replaced, and saying "sent" would mislead.
 */
export async function answerClosedSummary(ctx: BotContext, deps: Pick<Deps, "db">): Promise<void> {
  const resident = residentOf(ctx);
  const shownAt = ctx.callbackQuery?.message?.date;
  const sent = resident && shownAt
    ? await deps.db.tip.findFirst({ where: { residentId: resident.id, createdAt: { gte: new Date(shownAt * 1000) } }, orderBy: { id: "asc" }, select: { code: true } })
    : null;
  await ctx.answerCallbackQuery({ text: sent ? ctx.t("report-already-sent", { code: sent.code }) : ctx.t("report-summary-closed") });
  await removeButtons(ctx);
}
