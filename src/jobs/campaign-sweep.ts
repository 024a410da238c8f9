import { z } from "zod";
import type { Deps } from "../deps.js";
import { defineJob, enqueue, jobId } from "../queue/job.js";
import { deliverJobId } from "./campaign-fanout.js";

const PAGE = 1_000;

/**
 * After a pause or cancel, takes the campaign's waiting delivery jobs of that generation out
 * of the broadcast queue, a page at a time, so they neither use the queue's rate limit nor
 * delay other campaigns. Jobs already running are stopped by their own state check.
 */
export const campaignSweepJob = defineJob({
  queue: "routing",
  name: "campaign-sweep",
  schema: z.object({ campaignId: z.number().int().positive(), gen: z.number().int().min(0), after: z.number().int().min(0), why: z.enum(["pause", "cancel"]) }),
  async handle(deps: Deps, { campaignId, gen, after, why }) {
    const rows = await deps.db.campaignDelivery.findMany({ where: { campaignId, id: { gt: after } }, orderBy: { id: "asc" }, take: PAGE, select: { id: true } });
    // A job that is running (locked) cannot be removed; its state check skips it.
    const removed = await Promise.all(rows.map((r) => deps.queues.broadcast.remove(deliverJobId(campaignId, r.id, gen)).catch(() => 0)));
    if (rows.length === PAGE) {
      const last = rows[rows.length - 1]!.id;
      await enqueue(deps.queues, campaignSweepJob, { campaignId, gen, after: last, why }, jobId("csw", campaignId, gen, why, last));
    }
    return { removed: removed.filter((n) => n === 1).length };
  },
});
