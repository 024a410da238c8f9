import { tipsterReply } from "../../src/core/tips/actions.js";
import type { Deps } from "../../src/deps.js";
import { sourceKey, type ZaloContext } from "./context.js";

/** The tip whose officer's question (relayed in the last week) the resident has not answered yet. */
export async function openQuestion(db: Deps["db"], residentId: number): Promise<string | null> {
  const m = await db.tipMessage.findFirst({
    where: { author: "OFFICER", relayedAt: { gt: new Date(Date.now() - 7 * 86_400_000) }, tip: { residentId, status: { not: "RESOLVED" } } },
    orderBy: { id: "desc" },
    select: { tip: { select: { code: true, messages: { orderBy: { id: "desc" }, take: 1, select: { author: true } } } } },
  });
  return m && m.tip.messages[0]?.author === "OFFICER" ? m.tip.code : null;
}

/** The resident's answer joins the tip's thread and goes to the inbox under the card. */
export async function answerQuestion(deps: Pick<Deps, "db" | "queues">, ctx: ZaloContext, code: string, text: string): Promise<void> {
  const r = await tipsterReply(deps, ctx.resident.id, code, text.slice(0, 4000), sourceKey(ctx));
  ctx.reply(r.ok ? ctx.t("answer-sent", { code }) : ctx.t("status-unknown", { code }));
}
