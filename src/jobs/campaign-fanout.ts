import { DelayedError } from "bullmq";
import { z } from "zod";
import { audiencePage, parseCursor } from "../core/campaigns/audience.js";
import { parseTarget } from "../core/campaigns/target.js";
import type { Deps } from "../deps.js";
import { defineJob, enqueue, jobId } from "../queue/job.js";
import { lockToken } from "../queue/workers.js";
import { campaignDeliverJob } from "./campaign-deliver.js";
import { campaignMonitorJob } from "./campaign-monitor.js";

const PAGE = 500;

/** Deterministic id of a recipient's delivery job in one generation of a campaign. */
export const deliverJobId = (campaignId: number, deliveryId: number, gen: number) => jobId("bc", campaignId, deliveryId, gen);
export const fanoutJobId = (campaignId: number, gen: number, cursor: string) => jobId("cf", campaignId, gen, cursor.replace(":", "-"));

/**
 * Streams a campaign's audience into delivery rows and delivery jobs, one page per job, each
 * page enqueueing the next: no audience is ever held whole in memory, and a crash resumes at
 * the page it was on (rows and job ids are idempotent). While the broadcast queue already
 * holds a large backlog the page waits, so a province-wide campaign does not fill Redis.
 * The first page of a scheduled campaign is what starts it.
 */
export const campaignFanoutJob = defineJob({
  queue: "routing",
  name: "campaign-fanout",
  schema: z.object({ campaignId: z.number().int().positive(), gen: z.number().int().min(0), cursor: z.string() }),
  async handle(deps: Deps, { campaignId, gen, cursor }, job) {
    const c = await deps.db.campaign.findUnique({ where: { id: campaignId }, select: { status: true, generation: true, target: true } });
    if (!c || c.generation !== gen) return { skipped: "stale" };
    if (c.status === "SCHEDULED") {
      await deps.db.campaign.updateMany({ where: { id: campaignId, status: "SCHEDULED" }, data: { status: "RUNNING", startedAt: new Date() } });
      await enqueue(deps.queues, campaignMonitorJob, { campaignId, gen, seq: 0 }, jobId("cm", campaignId, gen, 0), { delay: 1_000 });
    } else if (c.status !== "RUNNING") return { skipped: c.status };

    const backlog = Math.max(2_000, deps.config.workers.sendRatePerSecond * 20);
    if ((await deps.queues.broadcast.getWaitingCount()) > backlog) {
      await job.moveToDelayed(Date.now() + 1_000, lockToken(job));
      throw new DelayedError();
    }
    const at = parseCursor(cursor);
    const page = await audiencePage(deps.db, campaignId, parseTarget(c.target), at, PAGE);
    if (page.deliveryIds.length) {
      await deps.queues.broadcast.addBulk(
        page.deliveryIds.map((deliveryId) => ({
          name: campaignDeliverJob.name,
          data: campaignDeliverJob.schema.parse({ deliveryId, gen }),
          opts: { jobId: deliverJobId(campaignId, deliveryId, gen) },
        })),
      );
    }
    let next = page.next;
    if (at.phase !== "d") {
      await deps.db.campaign.updateMany({ where: { id: campaignId, generation: gen }, data: { fanoutCursor: next, fanoutDone: next === null } });
    } else if (next === null) {
      // Re-queueing after a resume is done: carry on streaming the audience where it stopped.
      const fresh = await deps.db.campaign.findUnique({ where: { id: campaignId }, select: { fanoutDone: true, fanoutCursor: true } });
      next = fresh && !fresh.fanoutDone ? fresh.fanoutCursor : null;
    }
    if (next) await enqueue(deps.queues, campaignFanoutJob, { campaignId, gen, cursor: next }, fanoutJobId(campaignId, gen, next));
    return { queued: page.deliveryIds.length, next };
  },
});
