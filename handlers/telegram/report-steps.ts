import { InlineKeyboard } from "grammy";
import { CATEGORIES } from "../../src/core/categories.js";
import { reportSummary, type Flow } from "../../src/core/report-flow.js";
import type { BotContext } from "./context.js";

const cancelRow = (ctx: BotContext, kb: InlineKeyboard) => kb.row().text(ctx.t("btn-cancel"), "f:cancel");

/** Asks for what the current step of the report flow needs. */
export async function promptStep(ctx: BotContext, flow: Flow, wardName: string | null): Promise<void> {
  switch (flow.step) {
    case "ward":
    case "ward-pick":
      await ctx.reply(ctx.t("report-ask-ward"), {
        reply_markup: { keyboard: [[{ text: ctx.t("btn-share-location"), request_location: true }]], one_time_keyboard: true, resize_keyboard: true },
      });
      await ctx.reply(ctx.t("report-ask-ward-hint"), { reply_markup: cancelRow(ctx, new InlineKeyboard()) });
      return;
    case "category": {
      const kb = new InlineKeyboard();
      CATEGORIES.forEach((c, i) => {
        kb.text(ctx.t(`category-${c}`), `f:cat:${c}`);
        if (i % 2 === 1) kb.row();
      });
      await ctx.reply(ctx.t("report-ask-category", { ward: wardName ?? "" }), { reply_markup: cancelRow(ctx, kb) });
      return;
    }
    case "what":
      await ctx.reply(ctx.t("report-ask-what"), { reply_markup: cancelRow(ctx, new InlineKeyboard()) });
      return;
    case "where":
      await ctx.reply(ctx.t("report-ask-where"), {
        reply_markup: cancelRow(ctx, new InlineKeyboard().text(ctx.t("btn-skip"), "f:skip")),
      });
      return;
    case "when":
      await ctx.reply(ctx.t("report-ask-when"), {
        reply_markup: cancelRow(
          ctx,
          new InlineKeyboard().text(ctx.t("when-now"), "f:when:now").text(ctx.t("when-today"), "f:when:today").row().text(ctx.t("when-earlier"), "f:when:earlier"),
        ),
      });
      return;
    case "media":
      await ctx.reply(ctx.t("report-ask-media"), {
        reply_markup: cancelRow(ctx, new InlineKeyboard().text(ctx.t("btn-media-done"), "f:media-done")),
      });
      return;
    case "anonymous":
      await ctx.reply(ctx.t("report-ask-anonymous"), {
        reply_markup: cancelRow(ctx, new InlineKeyboard().text(ctx.t("btn-stay-anonymous"), "f:anon:1").row().text(ctx.t("btn-give-identity"), "f:anon:0")),
      });
      return;
    case "identity":
      await ctx.reply(ctx.t("report-ask-identity"), { reply_markup: cancelRow(ctx, new InlineKeyboard()) });
      return;
    case "confirm":
      await ctx.reply(reportSummary(ctx.t, flow, wardName), {
        reply_markup: new InlineKeyboard().text(ctx.t("btn-send"), "f:send").text(ctx.t("btn-cancel"), "f:cancel").row().text(ctx.t("btn-change-category"), "f:recat"),
      });
      return;
  }
}
