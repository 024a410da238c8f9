import { InlineKeyboard } from "grammy";
import type { Deps } from "../../src/deps.js";
import type { BotContext } from "./context.js";

export type WardDeps = Pick<Deps, "wards" | "db">;

/** A ward as residents recognise it: name and province, and the former name that led there. */
export function wardLabel(ctx: BotContext, m: { wardName: string; provinceName: string; via: string; formerName?: string | undefined; formerDistrict?: string | undefined }): string {
  const base = `${m.wardName}, ${m.provinceName}`;
  if (m.via === "former" && m.formerName) return ctx.t("ward-formerly", { ward: base, former: [m.formerName, m.formerDistrict].filter(Boolean).join(", ") });
  return base;
}

/** Offers the wards matching what the resident typed, as buttons; returns how many were offered. */
export async function offerWards(ctx: BotContext, deps: WardDeps, query: string): Promise<number> {
  const matches = deps.wards.search(query, { limit: 6 });
  if (matches.length === 0) {
    await ctx.reply(ctx.t("ward-not-found", { query: query.slice(0, 60) }), { reply_markup: new InlineKeyboard().text(ctx.t("btn-cancel"), "f:cancel") });
    return 0;
  }
  const kb = new InlineKeyboard();
  for (const m of matches) kb.text(wardLabel(ctx, m), `w:${m.wardCode}`).row();
  kb.text(ctx.t("btn-cancel"), "f:cancel");
  await ctx.reply(ctx.t(matches.length === 1 ? "ward-confirm-one" : "ward-pick"), { reply_markup: kb });
  return matches.length;
}

/** Wards near a shared location: from imported boundaries when there are any, else nearest centroids. */
export async function wardsNear(deps: Pick<Deps, "db">, lat: number, lng: number, limit = 5): Promise<string[]> {
  const rows = await deps.db.$queryRaw<Array<{ code: string }>>`
    SELECT code FROM "Ward"
    WHERE "centroidLat" IS NOT NULL AND "centroidLng" IS NOT NULL
    ORDER BY ("centroidLat" - ${lat}) * ("centroidLat" - ${lat}) + (("centroidLng" - ${lng}) * cos(radians(${lat}))) * (("centroidLng" - ${lng}) * cos(radians(${lat})))
    LIMIT ${limit}`;
  return rows.map((r) => r.code);
}
