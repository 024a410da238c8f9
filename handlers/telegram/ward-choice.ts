import { Composer, InlineKeyboard } from "grammy";
import type { Deps } from "../../src/deps.js";
import { wardLabel } from "../../src/core/wards/label.js";
import { chooseWards, type ChoiceOptions } from "../../src/core/wards/narrow.js";
import { formerDistrictName } from "../../src/core/wards/search.js";
import type { BotContext } from "./context.js";
import { removeButtons } from "./remove-buttons.js";

export type WardDeps = Pick<Deps, "wards" | "db">;

/** Wards listed as buttons at once. */
const SHOWN = 6;
const MAX_QUERY = 200;

/**
 * Offers the wards matching what the resident typed, as buttons. When more are as good as the first
 * than can be listed (tens of "Tân Thành"), offers the provinces they are in, then the former
 * districts, as buttons instead. Returns how many wards were offered.
 */
export async function offerWards(ctx: BotContext, deps: WardDeps, query: string, narrowed: Omit<ChoiceOptions, "limit"> = {}): Promise<number> {
  const choices = chooseWards(deps.wards, query, { limit: SHOWN, ...narrowed });
  if (choices.matches.length === 0) {
    delete ctx.state.wardSearch;
    await ctx.reply(ctx.t("ward-not-found", { query: query.slice(0, 60) }), { reply_markup: new InlineKeyboard().text(ctx.t("btn-cancel"), "f:cancel") });
    return 0;
  }
  const by = choices.narrowBy;
  if (by) {
    const kb = new InlineKeyboard();
    by.options.forEach((o, i) => {
      kb.text(`${o.name} (${o.count})`, by.kind === "province" ? `wp:${o.key}` : `wd:${i}`);
      // Provinces two to a row; districts (with their former province) one.
      if (by.kind === "district" || i % 2 === 1) kb.row();
    });
    kb.row().text(ctx.t("btn-cancel"), "f:cancel");
    const key = by.kind === "province" ? "ward-narrow-province" : "ward-narrow-district";
    const sent = await ctx.reply(ctx.t(key, { count: choices.total, query: query.slice(0, 60) }), { reply_markup: kb });
    ctx.state.wardSearch = {
      query: query.slice(0, MAX_QUERY),
      ...(narrowed.provinceCode ? { provinceCode: narrowed.provinceCode } : {}),
      ...(by.kind === "district" ? { districts: by.options.map((o) => o.key) } : {}),
      messageId: sent.message_id,
    };
    return 0;
  }
  delete ctx.state.wardSearch;
  const kb = new InlineKeyboard();
  for (const m of choices.matches) kb.text(wardLabel(ctx.t, m), `w:${m.wardCode}`).row();
  kb.text(ctx.t("btn-cancel"), "f:cancel");
  await ctx.reply(ctx.t(choices.matches.length === 1 ? "ward-confirm-one" : "ward-pick"), { reply_markup: kb });
  return choices.matches.length;
}

/** The search a narrowing list belongs to, when the tap is on the latest one. */
const searchOf = (ctx: BotContext) => {
  const search = ctx.state.wardSearch;
  return search && search.messageId === ctx.callbackQuery?.message?.message_id ? search : undefined;
};

/** The narrowing step: a province (`wp:<code>`), then a former district (`wd:<n>`), tapped. */
export function wardChoiceFeature(deps: WardDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const pm = c.chatType("private");

  pm.callbackQuery(/^wp:(\d{2})$/, async (ctx) => {
    const search = searchOf(ctx);
    const province = deps.wards.getProvince(ctx.match[1]!);
    if (!search || !province) {
      await ctx.answerCallbackQuery({ text: ctx.t("ward-narrow-expired") });
      return removeButtons(ctx);
    }
    await ctx.answerCallbackQuery({ text: province.name });
    await removeButtons(ctx);
    await offerWards(ctx, deps, search.query, { provinceCode: province.code });
  });

  pm.callbackQuery(/^wd:(\d{1,2})$/, async (ctx) => {
    const search = searchOf(ctx);
    const district = search?.districts?.[Number(ctx.match[1])];
    if (!search || !district) {
      await ctx.answerCallbackQuery({ text: ctx.t("ward-narrow-expired") });
      return removeButtons(ctx);
    }
    await ctx.answerCallbackQuery({ text: formerDistrictName(district) });
    await removeButtons(ctx);
    await offerWards(ctx, deps, search.query, { ...(search.provinceCode ? { provinceCode: search.provinceCode } : {}), formerDistrict: district });
  });

  return c;
}
