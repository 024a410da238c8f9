import { InlineKeyboard } from "grammy";
import type { Deps } from "../../src/deps.js";
import { wardLabel } from "../../src/core/wards/label.js";
import type { BotContext } from "./context.js";

export type WardDeps = Pick<Deps, "wards" | "db">;

/** Offers the wards matching what the resident typed, as buttons; returns how many were offered. */
export async function offerWards(ctx: BotContext, deps: WardDeps, query: string): Promise<number> {
  const matches = deps.wards.search(query, { limit: 6 });
  if (matches.length === 0) {
    await ctx.reply(ctx.t("ward-not-found", { query: query.slice(0, 60) }), { reply_markup: new InlineKeyboard().text(ctx.t("btn-cancel"), "f:cancel") });
    return 0;
  }
  const kb = new InlineKeyboard();
  for (const m of matches) kb.text(wardLabel(ctx.t, m), `w:${m.wardCode}`).row();
  kb.text(ctx.t("btn-cancel"), "f:cancel");
  await ctx.reply(ctx.t(matches.length === 1 ? "ward-confirm-one" : "ward-pick"), { reply_markup: kb });
  return matches.length;
}
