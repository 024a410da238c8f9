import { Composer } from "grammy";
import type { Deps } from "../../src/deps.js";
import { listResidentTips, tipStatusForResident, type TipStatusView } from "../../src/core/tips/queries.js";
import { normalizeTrackingCode } from "../../src/core/tracking-code.js";
import { describeTipStatus } from "../../src/core/tips/describe.js";
import type { BotContext } from "./context.js";
import { residentOf } from "./prepare.js";

export type StatusDeps = Pick<Deps, "db">;

const describe = (ctx: BotContext, s: TipStatusView) => describeTipStatus(ctx.t, s);

/** /status <code> (or the button under a confirmation) and /mytips: a resident's own tips only. */
export function statusFeature(deps: StatusDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const pm = c.chatType("private");

  const show = async (ctx: BotContext, raw: string) => {
    const resident = residentOf(ctx);
    const code = normalizeTrackingCode(raw);
    if (!code) return void (await ctx.reply(ctx.t("status-usage")));
    const s = resident ? await tipStatusForResident(deps.db, resident.id, code) : null;
    await ctx.reply(s ? describe(ctx, s) : ctx.t("status-unknown", { code }));
  };
  pm.command(["status", "trangthai"], (ctx) => show(ctx, ctx.match));
  pm.callbackQuery(/^s:([A-Z0-9-]{9})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await show(ctx, ctx.match[1]!);
  });

  const mine = async (ctx: BotContext) => {
    const resident = residentOf(ctx);
    const tips = resident ? await listResidentTips(deps.db, resident.id) : [];
    await ctx.reply(tips.length ? [ctx.t("mytips-title"), ...tips.map((s) => describe(ctx, s))].join("\n\n") : ctx.t("mytips-none"));
  };
  pm.command(["mytips", "cuatoi"], mine);
  pm.callbackQuery("s:mine", async (ctx) => {
    await ctx.answerCallbackQuery();
    await mine(ctx);
  });
  return c;
}
