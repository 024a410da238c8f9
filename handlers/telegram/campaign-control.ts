import { Composer } from "grammy";
import type { Deps } from "../../src/deps.js";
import { cancelCampaign, pauseCampaign, resumeCampaign } from "../../src/core/campaigns/control.js";
import { campaignResults, listCampaigns, mayControl } from "../../src/core/campaigns/store.js";
import { campaignButtons, campaignText } from "../../src/telegram/campaign-view.js";
import type { BotContext } from "./context.js";
import { officerOf } from "./inbox-officer.js";

const ACTIONS = { pause: pauseCampaign, resume: resumeCampaign, cancel: cancelCampaign } as const;

/** `/campaigns` lists the sender's latest campaigns with their figures; buttons pause, resume or cancel. */
export function campaignControlFeature(deps: Pick<Deps, "db" | "queues" | "i18n">): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const pm = c.chatType("private");

  pm.command(["campaigns", "chiendich"], async (ctx) => {
    const officer = await officerOf(deps, ctx);
    if (!officer?.canBroadcast) return void (await ctx.reply(ctx.t("campaign-not-allowed")));
    const list = await listCampaigns(deps.db, officer);
    if (!list.length) return void (await ctx.reply(ctx.t("campaigns-empty")));
    for (const item of list.reverse()) {
      const r = await campaignResults(deps.db, item.id);
      if (r) await ctx.reply(campaignText(deps.i18n, ctx.locale, r), { reply_markup: campaignButtons(deps.i18n, ctx.locale, r) });
    }
  });

  // The answer to the tap comes only once the change is committed: from then on no send starts.
  c.callbackQuery(/^cc:(pause|resume|cancel):(\d+)$/, async (ctx) => {
    const officer = await officerOf(deps, ctx);
    const id = Number(ctx.match[2]);
    if (!officer || !(await mayControl(deps.db, officer, id))) return void (await ctx.answerCallbackQuery({ text: ctx.t("campaign-not-allowed"), show_alert: true }));
    const action = ctx.match[1] as keyof typeof ACTIONS;
    const r = await ACTIONS[action](deps, id);
    await ctx.answerCallbackQuery({ text: r.ok ? ctx.t(`campaign-${action}-done`) : ctx.t("campaign-wrong-state") });
  });
  return c;
}
