import { enqueue, jobId } from "../../queue/job.js";
import { syncCardJob } from "../../jobs/sync-card.js";
import type { OfficerRef } from "../officers.js";
import { normalizeTrackingCode } from "../tracking-code.js";
import { isResult, loadForOfficer, type ActionDeps, type ActionResult } from "./actions.js";

/**
 * Merges a duplicate into another tip of the officer's scope: the duplicate is resolved with
 * "duplicate of <code>", both audit trails say so, and both inbox cards are refreshed.
 */
export async function mergeTip(deps: ActionDeps, officer: OfficerRef, tipId: number, intoCode: string): Promise<ActionResult> {
  const tip = await loadForOfficer(deps.db, officer, tipId);
  if (isResult(tip)) return tip;
  if (tip.status === "RESOLVED") return { ok: false, reason: "resolved" };
  const code = normalizeTrackingCode(intoCode);
  const target = code ? await deps.db.tip.findUnique({ where: { code }, select: { id: true } }) : null;
  if (!target) return { ok: false, reason: "not-found" };
  const into = await loadForOfficer(deps.db, officer, target.id);
  if (isResult(into)) return into;
  if (into.id === tip.id) return { ok: false, reason: "same-tip" };
  const now = new Date();
  const events = await deps.db.$transaction(async (tx) => {
    await tx.tip.update({
      where: { id: tip.id },
      data: {
        status: "RESOLVED", resolvedAt: now, mergedIntoId: into.id, outcome: `duplicate:${into.code}`,
        claimedById: tip.claimedBy?.id ?? officer.id, ...(tip.firstActionAt ? {} : { firstActionAt: now }),
      },
    });
    const a = await tx.tipEvent.create({ data: { tipId: tip.id, type: "merged", officerId: officer.id, data: { into: into.code } }, select: { id: true } });
    const b = await tx.tipEvent.create({ data: { tipId: into.id, type: "merged-from", officerId: officer.id, data: { from: tip.code } }, select: { id: true } });
    return [a.id, b.id] as const;
  });
  await enqueue(deps.queues, syncCardJob, { tipId: tip.id }, jobId("card", tip.id, events[0]));
  await enqueue(deps.queues, syncCardJob, { tipId: into.id }, jobId("card", into.id, events[1]));
  return { ok: true, code: tip.code, tipId: tip.id };
}
