import { subscribe, unsubscribe } from "../../src/core/campaigns/subscriptions.js";
import { listResidentTips, tipStatusForResident, type TipStatusView } from "../../src/core/tips/queries.js";
import { normalizeTrackingCode } from "../../src/core/tracking-code.js";
import type { Deps } from "../../src/deps.js";
import { describeTipStatus } from "../../src/core/tips/describe.js";
import type { ZaloContext } from "./context.js";

const describe = (ctx: ZaloContext, s: TipStatusView) => describeTipStatus(ctx.t, s);

/** "trangthai <code>": one of the resident's own tips (another's code is "not found", never an oracle). */
export async function showStatus(deps: Pick<Deps, "db">, ctx: ZaloContext, raw: string): Promise<void> {
  const code = normalizeTrackingCode(raw);
  if (!code) return ctx.reply(ctx.t("zalo-status-usage"));
  const s = await tipStatusForResident(deps.db, ctx.resident.id, code);
  ctx.reply(s ? describe(ctx, s) : ctx.t("status-unknown", { code }));
}

export async function showMyTips(deps: Pick<Deps, "db">, ctx: ZaloContext): Promise<void> {
  const tips = await listResidentTips(deps.db, ctx.resident.id);
  ctx.reply(tips.length ? [ctx.t("mytips-title"), ...tips.map((s) => describe(ctx, s))].join("\n\n") : ctx.t("mytips-none"));
}

export async function subscribeResident(deps: Pick<Deps, "db">, ctx: ZaloContext): Promise<void> {
  const r = await subscribe(deps.db, ctx.resident);
  if (!r.ok) return ctx.reply(ctx.t("zalo-subscribe-no-ward"));
  const ward = await deps.db.ward.findUnique({ where: { id: r.wardId }, select: { name: true } });
  ctx.reply(ctx.t("zalo-subscribe-done", { ward: ward?.name ?? "" }));
}

export async function unsubscribeResident(deps: Pick<Deps, "db">, ctx: ZaloContext): Promise<void> {
  ctx.reply(ctx.t((await unsubscribe(deps.db, ctx.resident.id)) ? "unsubscribe-done" : "unsubscribe-none"));
}
