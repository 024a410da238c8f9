import { sealJson } from "../crypto/identity.js";
import type { Deps } from "../deps.js";
import { enqueue, jobId } from "../queue/job.js";
import { zaloUpdateJob } from "../jobs/zalo-update.js";
import type { ZaloSurface } from "./inbound.js";

export type ZaloIngestDeps = Pick<Deps, "queues" | "identity" | "metrics">;

/**
 * Queues one Zalo event, sealed (it carries the resident's id and words); the platform's
 * message id is the job id, so a redelivered event is one job.
 */
export async function enqueueZaloEvent(deps: ZaloIngestDeps, surface: ZaloSurface, key: string, event: unknown): Promise<void> {
  await enqueue(deps.queues, zaloUpdateJob, { surface, key, sealed: sealJson(deps.identity, event) }, jobId(surface === "oa" ? "zoa" : "zbot", key));
  deps.metrics.inc("wardline_updates_received_total", { channel: `zalo-${surface}` });
}
