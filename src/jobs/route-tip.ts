import { z } from "zod";
import type { Deps } from "../deps.js";
import { publishTipChange } from "../core/tips/live.js";
import { defineJob, enqueue, jobId } from "../queue/job.js";
import { extractIndicators } from "../core/scam/extract.js";
import { recordIndicators } from "../core/scam/store.js";
import { syncCardJob } from "./sync-card.js";

/**
 * Routes a tip to exactly one inbox: its ward's, else its province's triage inbox. The
 * decision is an audit event. A ward with no inbox yet leaves the tip waiting, recorded.
 * First, the fraud indicators in the tip's text are recorded (idempotently), which raises
 * the priority of every open tip that mentions the same number, account or link.
 */
export const routeTipJob = defineJob({
  queue: "routing",
  name: "route-tip",
  schema: z.object({ tipId: z.number().int().positive() }),
  async handle(deps: Deps, { tipId }, job) {
    const tip = await deps.db.tip.findUnique({
      where: { id: tipId },
      select: {
        routedAt: true,
        text: true,
        code: true,
        provinceCode: true,
        residentId: true,
        wardId: true,
        ward: { select: { code: true, inboxGroupId: true } },
        province: { select: { code: true, inboxGroupId: true } },
      },
    });
    if (!tip) return { skipped: "no such tip" };
    // An erased tipster (retention) is nobody: 0, like the indicator reports the erasure rewrote.
    const raised = await recordIndicators(deps.db, { id: tipId, residentId: tip.residentId ?? 0, wardId: tip.wardId }, extractIndicators(tip.text));
    for (const other of raised) {
      if (other !== tipId) await enqueue(deps.queues, syncCardJob, { tipId: other }, jobId("card", other, "prio", tipId));
    }
    if (tip.routedAt) {
      // A run that committed the routing but died before queueing the card (SIGKILL, a Redis
      // error) is retried here: queue the card again, under that run's job id, so at most once.
      const routed = await deps.db.tipEvent.findFirst({ where: { tipId, type: "routed" }, orderBy: { id: "desc" }, select: { id: true } });
      if (routed) await enqueue(deps.queues, syncCardJob, { tipId }, jobId("card", tipId, routed.id));
      return { skipped: "already routed" };
    }
    const groupId = tip.ward?.inboxGroupId ?? tip.province?.inboxGroupId ?? null;
    const via = tip.ward?.inboxGroupId ? "ward" : groupId ? "province-triage" : null;
    if (!groupId || !via) {
      await deps.db.tipEvent.create({ data: { tipId, type: "unrouted", data: { wardCode: tip.ward?.code ?? null, provinceCode: tip.province?.code ?? null, reason: "no inbox bound" } } });
      deps.log.warn({ tipId }, "tip has no inbox to go to: bind one (README, 'Binding inboxes')");
      // A routed tip is announced by its card job; an unrouted one only shows in the dashboard.
      if (job.attemptsMade === 0) await publishTipChange(deps, tip, "received");
      return { routed: false };
    }
    const event = await deps.db.$transaction(async (tx) => {
      await tx.tip.update({ where: { id: tipId }, data: { routedAt: new Date() } });
      return tx.tipEvent.create({ data: { tipId, type: "routed", data: { via, groupId, wardCode: tip.ward?.code ?? null } }, select: { id: true } });
    });
    await enqueue(deps.queues, syncCardJob, { tipId }, jobId("card", tipId, event.id));
    return { routed: true, via };
  },
});
