import { z } from "zod";
import { runRetention } from "../core/retention.js";
import type { Deps } from "../deps.js";
import { defineJob, enqueue, jobId } from "../queue/job.js";
import type { Queues } from "../queue/queues.js";
import { syncCardJob } from "./sync-card.js";

/** How often the retention rules run. Erasure is due by the day: a few runs a day keep it on time. */
export const RETENTION_EVERY_MS = 6 * 3_600_000;
const SCHEDULER_ID = "retention";

/** Erases tipster data past its time (src/core/retention.ts); the payload is empty, the rules are in the settings. */
export const retentionJob = defineJob({
  queue: "maintenance",
  name: "retention",
  schema: z.object({}),
  async handle(deps: Deps) {
    const { named, ...done } = await runRetention(deps.db, deps.config.retention.days);
    // Inbox cards that showed the name and phone are edited to show the tip as anonymous (a
    // card never posted is left alone: posting it now would need the erased original files).
    const cards = await deps.db.tipCard.findMany({ where: { tipId: { in: named }, messageId: { not: null } }, distinct: ["tipId"], select: { tipId: true } });
    for (const c of cards) await enqueue(deps.queues, syncCardJob, { tipId: c.tipId }, jobId("card", c.tipId, "erased"));
    // Counts only: which tips and residents were erased is in the tips' audit trails.
    if (done.tips || done.residents) deps.log.info({ ...done, cards: cards.length, retentionDays: deps.config.retention.days }, "retention: tipster data erased");
    return { ...done, cards: cards.length };
  },
});

/**
 * Registers the periodic run with BullMQ (one scheduler for the whole cluster, whichever
 * worker registers it; registering again at each start keeps the run already planned). BullMQ
 * runs the first one at once, then every RETENTION_EVERY_MS, each on one worker.
 */
export async function scheduleRetention(queues: Queues): Promise<void> {
  await queues[retentionJob.queue].upsertJobScheduler(SCHEDULER_ID, { every: RETENTION_EVERY_MS }, { name: retentionJob.name, data: {} });
}
