import type { Deps } from "../../deps.js";
import { syncCardJob } from "../../jobs/sync-card.js";
import { enqueue, jobId } from "../../queue/job.js";
import type { Category } from "../categories.js";

export type Recategorized = { ok: true; code: string; category: Category; changed: boolean } | { ok: false; reason: "not-found" | "closed" };

/**
 * The tipster corrects the category of a tip they sent (the one-tap shortcut files it under a
 * guessed one). Only their own tip, and only while it is open: once resolved, it is the officers'
 * record. Recorded on the tip's audit trail; the inbox card is refreshed to show the new category.
 */
export async function recategorizeByTipster(
  deps: Pick<Deps, "db" | "queues">,
  input: { residentId: number; code: string; category: Category },
): Promise<Recategorized> {
  const tip = await deps.db.tip.findFirst({ where: { code: input.code, residentId: input.residentId }, select: { id: true, category: true, status: true } });
  if (!tip) return { ok: false, reason: "not-found" };
  if (tip.status === "RESOLVED") return { ok: false, reason: "closed" };
  if (tip.category === input.category) return { ok: true, code: input.code, category: input.category, changed: false };
  const event = await deps.db.$transaction(async (tx) => {
    await tx.tip.update({ where: { id: tip.id }, data: { category: input.category } });
    return tx.tipEvent.create({
      data: { tipId: tip.id, type: "category-changed", data: { from: tip.category, to: input.category, by: "tipster" } },
      select: { id: true },
    });
  });
  await enqueue(deps.queues, syncCardJob, { tipId: tip.id }, jobId("card", tip.id, "cat", event.id));
  return { ok: true, code: input.code, category: input.category, changed: true };
}
