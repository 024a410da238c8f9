import { Composer, InlineKeyboard } from "grammy";
import { CATEGORIES, isCategory } from "../../src/core/categories.js";
import { recategorizeByTipster } from "../../src/core/tips/recategorize.js";
import type { Deps } from "../../src/deps.js";
import type { BotContext } from "./context.js";
import { residentOf } from "./prepare.js";
import { promptStep } from "./report-steps.js";

const CODE = "[0-9A-Z]{4}-[0-9A-Z]{4}";

/** Every category as a button, two a row, each sending `<prefix><category>`. */
export function categoryKeyboard(ctx: BotContext, prefix: string): InlineKeyboard {
  const kb = new InlineKeyboard();
  CATEGORIES.forEach((c, i) => {
    kb.text(ctx.t(`category-${c}`), `${prefix}${c}`);
    if (i % 2 === 1) kb.row();
  });
  return kb;
}

/** Under a sent one-tap tip: a row with the button that lets the tipster correct its guessed category. */
export const withChangeCategory = (kb: InlineKeyboard, ctx: BotContext, code: string): InlineKeyboard =>
  kb.row().text(ctx.t("btn-change-category"), `rc:${code}`);

/**
 * The tipster changes a category: on the report's summary before sending ("f:recat", then
 * "f:recat:<category>", back to the summary), or on a one-tap tip already sent ("rc:<code>", then
 * "rc:<code>:<category>"), which updates the tip and its inbox card.
 */
export function recategorizeFeature(deps: Pick<Deps, "db" | "queues" | "wards">): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const pm = c.chatType("private");

  pm.callbackQuery("f:recat", async (ctx) => {
    await ctx.answerCallbackQuery();
    if (ctx.state.flow?.step !== "confirm") return;
    await ctx.reply(ctx.t("report-ask-category"), { reply_markup: categoryKeyboard(ctx, "f:recat:") });
  });
  pm.callbackQuery(/^f:recat:(\w+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const flow = ctx.state.flow;
    if (flow?.step !== "confirm" || !isCategory(ctx.match[1]!)) return;
    flow.category = ctx.match[1]!;
    ctx.state.flow = flow;
    await promptStep(ctx, flow, flow.wardCode ? deps.wards.getWard(flow.wardCode)?.name ?? null : null);
  });

  pm.callbackQuery(new RegExp(`^rc:(${CODE})$`), async (ctx) => {
    await ctx.answerCallbackQuery();
    const code = ctx.match[1]!;
    await ctx.reply(ctx.t("report-ask-new-category", { code }), { reply_markup: categoryKeyboard(ctx, `rc:${code}:`) });
  });
  pm.callbackQuery(new RegExp(`^rc:(${CODE}):(\\w+)$`), async (ctx) => {
    await ctx.answerCallbackQuery();
    const [code, category] = [ctx.match[1]!, ctx.match[2]!];
    const resident = residentOf(ctx);
    if (!resident || !isCategory(category)) return;
    const r = await recategorizeByTipster(deps, { residentId: resident.id, code, category });
    const label = ctx.t(`category-${category}`);
    if (!r.ok) return void (await ctx.reply(ctx.t(r.reason === "closed" ? "report-category-closed" : "report-category-not-found", { code })));
    await ctx.reply(ctx.t(r.changed ? "report-category-changed" : "report-category-unchanged", { code, category: label }));
  });
  return c;
}
