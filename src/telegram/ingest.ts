import { z } from "zod";
import { sealJson } from "../crypto/identity.js";
import type { Deps } from "../deps.js";
import { jobId } from "../queue/job.js";
import { telegramUpdateJob } from "../jobs/telegram-update.js";
import { enqueue } from "../queue/job.js";

export type IngestDeps = Pick<Deps, "queues" | "identity" | "metrics">;

/**
 * Queues one Telegram update. The update is sealed (it carries the tipster's chat id and
 * words, which must not sit in Redis in clear); the job id makes redeliveries one job.
 */
export async function enqueueTelegramUpdate(deps: IngestDeps, update: { update_id: number }): Promise<void> {
  const data: z.infer<typeof telegramUpdateJob.schema> = {
    updateId: update.update_id,
    sealed: sealJson(deps.identity, update),
  };
  await enqueue(deps.queues, telegramUpdateJob, data, jobId("tg", update.update_id));
  deps.metrics.inc("wardline_updates_received_total", { channel: "telegram" });
}
