import { Composer, InlineKeyboard } from "grammy";
import type { Deps } from "../../src/deps.js";
import { wardOfInbox } from "../../src/core/officers.js";
import { decideIndicator, indicatorsOfTip, type Decision } from "../../src/core/scam/decide.js";
import { topIndicators } from "../../src/core/scam/store.js";
import { TACTICS } from "../../src/core/scam/tactics.js";
import type { BotContext } from "./context.js";
import { officerFor, officerOf } from "./inbox-officer.js";

const WEEK_MS = 7 * 24 * 3_600_000;

/**
 * Officers judge the numbers, accounts and links found in a tip: confirm one as fraud (with
 * the tactic residents will be warned about) or clear it. `/scams` lists the ward's most
 * reported indicators of the week.
 */
export function inboxIndicatorsFeature(deps: Pick<Deps, "db" | "queues">): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const groups = c.chatType(["group", "supergroup"]);

  groups.callbackQuery(/^i:list:(\d+)$/, async (ctx) => {
    const officer = await officerOf(deps, ctx);
    const tip = officer ? await indicatorsOfTip(deps.db, officer, Number(ctx.match[1])) : null;
    if (!tip) return void (await ctx.answerCallbackQuery({ text: ctx.t(officer ? "action-fail-not-found" : "action-fail-not-officer"), show_alert: true }));
    await ctx.answerCallbackQuery();
    const kb = new InlineKeyboard();
    for (const i of tip.indicators.slice(0, 10)) {
      kb.text(ctx.t("btn-indicator-confirm", { value: i.value }), `i:c:${ctx.match[1]}:${i.id}`).text(ctx.t("btn-indicator-clear"), `i:x:${ctx.match[1]}:${i.id}`).row();
    }
    await ctx.reply(ctx.t("indicators-title", { code: tip.code }), { reply_markup: kb });
  });

  groups.callbackQuery(/^i:c:(\d+):(\d+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const [, tipId, indicatorId] = ctx.match;
    const kb = new InlineKeyboard();
    TACTICS.forEach((tactic, n) => {
      kb.text(ctx.t(`tactic-${tactic}`), `i:t:${tipId}:${indicatorId}:${n}`);
      if (n % 2 === 1) kb.row();
    });
    await ctx.editMessageText(ctx.t("indicator-pick-tactic"), { reply_markup: kb });
  });

  const decide = async (ctx: BotContext, tipId: number, indicatorId: number, decision: Decision) => {
    const officer = await officerOf(deps, ctx);
    if (!officer) return void (await ctx.answerCallbackQuery({ text: ctx.t("action-fail-not-officer"), show_alert: true }));
    const r = await decideIndicator(deps, officer, tipId, indicatorId, decision);
    if (!r.ok) return void (await ctx.answerCallbackQuery({ text: ctx.t("action-fail-not-found"), show_alert: true }));
    const key = decision.status === "CONFIRMED" ? "indicator-confirmed" : "indicator-cleared";
    const text = ctx.t(key, { value: r.shown, tactic: decision.status === "CONFIRMED" ? ctx.t(`tactic-${decision.tactic}`) : "" });
    await ctx.answerCallbackQuery({ text });
    await ctx.editMessageText(text);
  };

  groups.callbackQuery(/^i:t:(\d+):(\d+):(\d+)$/, async (ctx) => {
    const tactic = TACTICS[Number(ctx.match[3])];
    if (!tactic) return void (await ctx.answerCallbackQuery());
    await decide(ctx, Number(ctx.match[1]), Number(ctx.match[2]), { status: "CONFIRMED", tactic });
  });
  groups.callbackQuery(/^i:x:(\d+):(\d+)$/, (ctx) => decide(ctx, Number(ctx.match[1]), Number(ctx.match[2]), { status: "CLEARED" }));

  groups.command(["scams", "luadao"], async (ctx) => {
    const ward = await wardOfInbox(deps.db, "TELEGRAM", String(ctx.chat.id));
    if (!ward) return void (await ctx.reply(ctx.t("inbox-not-bound")));
    if (!(await officerFor(deps, ctx, ward))) return void (await ctx.reply(ctx.t("action-fail-not-officer")));
    const top = await topIndicators(deps.db, ward.id, new Date(Date.now() - WEEK_MS));
    if (!top.length) return void (await ctx.reply(ctx.t("scams-empty", { ward: ward.name })));
    const lines = top.map((i) =>
      ctx.t("scams-line", { value: i.value, count: i.reportsInPeriod, status: ctx.t(`indicator-status-${i.status.toLowerCase()}`, { tactic: i.tactic ? ctx.t(`tactic-${i.tactic}`) : "" }) }),
    );
    await ctx.reply([ctx.t("scams-title", { ward: ward.name }), ...lines].join("\n"));
  });
  return c;
}
