import { Composer } from "grammy";
import type { Deps } from "../../src/deps.js";
import { normalizeTag } from "../../src/core/campaigns/target.js";
import { officerCovers } from "../../src/core/officers.js";
import type { BotContext } from "./context.js";
import { officerOf } from "./inbox-officer.js";

/**
 * `/attach <ward-code> [#tag …]` in a neighbourhood group makes it an audience of that ward's
 * warnings, by a registered officer of the ward (province officers: their province). Tags
 * (a market, a school, an apartment block) let campaigns aim at some groups only.
 */
export function audienceAttachFeature(deps: Pick<Deps, "db" | "wards">): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.chatType(["group", "supergroup"]).command(["attach", "ganphuong"], async (ctx) => {
    const [code = "", ...rest] = ctx.match.trim().split(/\s+/);
    if (!/^\d{5}$/.test(code)) return void (await ctx.reply(ctx.t("campaign-attach-usage")));
    const ward = await deps.db.ward.findUnique({ where: { code }, select: { id: true, name: true, provinceCode: true } });
    if (!ward) return void (await ctx.reply(ctx.t("ward-not-found", { query: code })));
    const officer = await officerOf(deps, ctx);
    if (!officer || !officerCovers(officer, ward, null)) return void (await ctx.reply(ctx.t("action-fail-not-officer")));
    const where = { channel_chatId: { channel: "TELEGRAM" as const, chatId: String(ctx.chat.id) } };
    const existing = await deps.db.chatGroup.findUnique({ where, select: { purpose: true } });
    if (existing?.purpose === "INBOX") return void (await ctx.reply(ctx.t("campaign-attach-inbox")));
    const tags = [...new Set(rest.map(normalizeTag).filter(Boolean))].slice(0, 20);
    const memberCount = await ctx.getChatMemberCount().catch(() => null);
    await deps.db.chatGroup.upsert({
      where,
      create: { channel: "TELEGRAM", chatId: String(ctx.chat.id), title: ctx.chat.title, purpose: "AUDIENCE", wardId: ward.id, tags, memberCount },
      update: { title: ctx.chat.title, purpose: "AUDIENCE", wardId: ward.id, tags, active: true, ...(memberCount !== null ? { memberCount } : {}) },
    });
    await ctx.reply(ctx.t("campaign-attached", { ward: ward.name, tags: tags.length ? tags.map((t) => `#${t}`).join(" ") : "–" }));
  });
  return c;
}
