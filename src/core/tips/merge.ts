import { enqueue, jobId } from "../../queue/job.js";
import { syncCardJob } from "../../jobs/sync-card.js";
import type { OfficerRef } from "../officers.js";
import { normalizeTrackingCode } from "../tracking-code.js";
import { act, isResult, loadForOfficer, notifyTipster, updateIfUnchanged, type ActionDeps, type ActionResult } from "./actions.js";

/**
 * Merges a duplicate into another tip of the officer's scope: the duplicate is resolved with
 * "duplicate of <code>", both audit trails say so, and both inbox cards are refreshed.
 */
export async function mergeTip(deps: ActionDeps, officer: OfficerRef, tipId: number, intoCode: string): Promise<ActionResult> {
  const code = normalizeTrackingCode(intoCode);
  const target = code ? await deps.db.tip.findUnique({ where: { code }, select: { id: true } }) : null;
  return act(deps, officer, tipId, async (tip) => {
    if (tip.status === "RESOLVED") return { ok: false, reason: "resolved" };
    if (!target) return { ok: false, reason: "not-found" };
    const into = await loadForOfficer(deps.db, officer, target.id);
    if (isResult(into)) return into;
    if (into.id === tip.id) return { ok: false, reason: "same-tip" };
    const now = new Date();
    // Merged at most once: of two officers merging the same duplicate at once, one wins.
    const events = await deps.db.$transaction(async (tx) => {
      const merged = await updateIfUnchanged(tx, tip, {
        status: "RESOLVED", resolvedAt: now, mergedIntoId: into.id, outcome: `duplicate:${into.code}`, claimedById: tip.claimedBy?.id ?? officer.id,
      });
      if (!merged) return null;
      const a = await tx.tipEvent.create({ data: { tipId: tip.id, type: "merged", officerId: officer.id, data: { into: into.code } }, select: { id: true } });
      const b = await tx.tipEvent.create({ data: { tipId: into.id, type: "merged-from", officerId: officer.id, data: { from: tip.code } }, select: { id: true } });
      return [a.id, b.id] as const;
    });
    if (!events) return "changed";
    await enqueue(deps.queues, syncCardJob, { tipId: tip.id }, jobId("card", tip.id, events[0]));
    await enqueue(deps.queues, syncCardJob, { tipId: into.id }, jobId("card", into.id, events[1]));
    // A duplicate is closed for its tipster: they hear so, not which tip it joined.
    await notifyTipster(deps, tip.id, "closed");
    return { ok: true, code: tip.code, tipId: tip.id };
  });
}
