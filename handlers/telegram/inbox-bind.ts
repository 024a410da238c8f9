import { Composer } from "grammy";
import type { Deps } from "../../src/deps.js";
import { bindInbox } from "../../src/core/officers.js";
import { routeTipJob } from "../../src/jobs/route-tip.js";
import { enqueue, jobId } from "../../src/queue/job.js";
import type { BotContext } from "./context.js";
import { officerOf } from "./inbox-officer.js";

/** `/bind <code>` in a group of officers makes it the inbox of the code's ward. */
export function inboxBindFeature(deps: Pick<Deps, "db" | "queues">): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.chatType(["group", "supergroup"]).command(["bind", "ganket"], async (ctx) => {
    const code = ctx.match.trim();
    if (!code) return void (await ctx.reply(ctx.t("bind-usage")));
    const result = await bindInbox(deps.db, {
      code,
      officer: await officerOf(deps, ctx),
      channel: "TELEGRAM",
      chatId: String(ctx.chat.id),
      title: ctx.chat.title,
    });
    await ctx.reply(result.ok ? ctx.t("bind-done", { ward: result.wardName }) : ctx.t(`bind-${result.reason}`));
    if (!result.ok) return;
    // Tips sent while the ward had no inbox have waited for this moment.
    const waiting = await deps.db.tip.findMany({ where: { ward: { code: result.wardCode }, routedAt: null }, select: { id: true } });
    for (const { id } of waiting) await enqueue(deps.queues, routeTipJob, { tipId: id }, jobId("route", id, "bind", result.wardCode));
  });
  return c;
}
