import { Composer } from "grammy";
import type { Deps } from "../../src/deps.js";
import { setTipNotices } from "../../src/core/tip-notices.js";
import type { BotContext } from "./context.js";
import { residentOf } from "./prepare.js";

/** `/tatthongbao` (`/notify_off`) and `/batthongbao` (`/notify_on`) in private chat: the tipster's notices. */
export function noticesFeature(deps: Pick<Deps, "db">): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const pm = c.chatType("private");
  pm.command(["tatthongbao", "notify_off"], async (ctx) => {
    const resident = residentOf(ctx);
    if (!resident) return;
    await setTipNotices(deps.db, resident.id, false);
    await ctx.reply(ctx.t("notify-off-done"));
  });
  pm.command(["batthongbao", "notify_on"], async (ctx) => {
    const resident = residentOf(ctx);
    if (!resident) return;
    await setTipNotices(deps.db, resident.id, true);
    await ctx.reply(ctx.t("notify-on-done"));
  });
  return c;
}
