import { Composer } from "grammy";
import type { Deps } from "../../src/deps.js";
import { subscribe, unsubscribe } from "../../src/core/campaigns/subscriptions.js";
import type { BotContext } from "./context.js";
import { residentOf } from "./prepare.js";

/** `/subscribe` and `/unsubscribe` in private chat: the warnings of the resident's chosen ward. */
export function subscribeFeature(deps: Pick<Deps, "db" | "wards">): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const pm = c.chatType("private");
  pm.command(["subscribe", "dangky"], async (ctx) => {
    const resident = residentOf(ctx);
    if (!resident) return;
    const r = await subscribe(deps.db, resident);
    if (!r.ok) return void (await ctx.reply(ctx.t("subscribe-no-ward")));
    const ward = await deps.db.ward.findUnique({ where: { id: r.wardId }, select: { name: true } });
    await ctx.reply(ctx.t("subscribe-done", { ward: ward?.name ?? "" }));
  });
  pm.command(["unsubscribe", "huydangky"], async (ctx) => {
    const resident = residentOf(ctx);
    if (!resident) return;
    await ctx.reply(ctx.t((await unsubscribe(deps.db, resident.id)) ? "unsubscribe-done" : "unsubscribe-none"));
  });
  return c;
}
