import { Composer } from "grammy";
import type { Deps } from "../../src/deps.js";
import { wardOfInbox } from "../../src/core/officers.js";
import { wardQueue, wardStats } from "../../src/core/tips/queries.js";
import { vnTime } from "../../src/telegram/html.js";
import type { BotContext } from "./context.js";
import { officerFor } from "./inbox-officer.js";

/** /queue (open tips, oldest first) and /stats (this month's figures) in a ward's inbox. */
export function inboxCommandsFeature(deps: Pick<Deps, "db">): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const groups = c.chatType(["group", "supergroup"]);

  groups.command(["queue", "hangdoi"], async (ctx) => {
    const ward = await wardOfInbox(deps.db, "TELEGRAM", String(ctx.chat.id));
    if (!ward) return void (await ctx.reply(ctx.t("inbox-not-bound")));
    if (!(await officerFor(deps, ctx, ward))) return void (await ctx.reply(ctx.t("action-fail-not-officer")));
    const tips = await wardQueue(deps.db, ward.id);
    if (!tips.length) return void (await ctx.reply(ctx.t("queue-empty", { ward: ward.name })));
    const lines = tips.map((t) =>
      (t.priority > 0 ? "⚠️ " : "") +
      ctx.t("queue-line", { code: t.code, category: ctx.t(`category-${t.category}`), since: vnTime(t.createdAt), state: ctx.t(`card-status-${t.status.toLowerCase()}`, { officer: t.claimedBy?.displayName ?? "" }) }),
    );
    await ctx.reply([ctx.t("queue-title", { ward: ward.name, count: tips.length }), ...lines].join("\n"));
  });

  groups.command(["stats", "thongke"], async (ctx) => {
    const ward = await wardOfInbox(deps.db, "TELEGRAM", String(ctx.chat.id));
    if (!ward) return void (await ctx.reply(ctx.t("inbox-not-bound")));
    if (!(await officerFor(deps, ctx, ward))) return void (await ctx.reply(ctx.t("action-fail-not-officer")));
    // The month in Vietnam's time zone (UTC+7, no daylight saving).
    const vn = new Date(Date.now() + 7 * 3_600_000);
    const since = new Date(Date.UTC(vn.getUTCFullYear(), vn.getUTCMonth(), 1) - 7 * 3_600_000);
    const s = await wardStats(deps.db, ward.id, since);
    await ctx.reply(
      ctx.t("stats", {
        ward: ward.name,
        received: s.received,
        valuable: s.valuable,
        resolved: s.resolved,
        median: s.medianFirstActionMinutes === null ? "–" : String(s.medianFirstActionMinutes),
      }),
    );
  });
  return c;
}
