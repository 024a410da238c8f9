import type { Deps } from "../../deps.js";
import { campaignFanoutJob, fanoutJobId } from "../../jobs/campaign-fanout.js";
import { campaignMonitorJob } from "../../jobs/campaign-monitor.js";
import { campaignSweepJob } from "../../jobs/campaign-sweep.js";
import { enqueue, jobId } from "../../queue/job.js";
import type { CampaignStatus } from "../../generated/prisma/enums.js";
import { firstCursor } from "./audience.js";
import { createCampaign, type NewCampaign } from "./store.js";
import { parseTarget } from "./target.js";

type ControlDeps = Pick<Deps, "db" | "queues">;

/** Records a campaign and queues its first audience page (delayed until the scheduled time). */
export async function launchCampaign(deps: ControlDeps, c: NewCampaign): Promise<{ id: number; status: string }> {
  const created = await createCampaign(deps.db, c);
  const row = await deps.db.campaign.findUniqueOrThrow({ where: { id: created.id }, select: { fanoutCursor: true } });
  await queueStart(deps, created.id, created.status, row.fanoutCursor, c.scheduledAt);
  return created;
}

/** The launch's jobs: by their fixed ids, queueing them again while they exist adds nothing. */
async function queueStart(deps: ControlDeps, id: number, status: CampaignStatus, cursor: string | null, scheduledAt: Date | null): Promise<void> {
  const delay = scheduledAt ? Math.max(0, scheduledAt.getTime() - Date.now()) : 0;
  if (cursor) await enqueue(deps.queues, campaignFanoutJob, { campaignId: id, gen: 0, cursor }, fanoutJobId(id, 0, cursor), { delay });
  if (status === "RUNNING") await enqueue(deps.queues, campaignMonitorJob, { campaignId: id, gen: 0, seq: 0 }, jobId("cm", id, 0, 0), { delay: 1_000 });
}

/**
 * Queues the start of a campaign again while its audience has not begun streaming: a launch
 * that recorded the campaign but stopped before queueing it (a crash, Redis gone) is finished
 * by its retry, which finds the campaign by its launch key.
 */
export async function ensureStarted(deps: ControlDeps, id: number): Promise<void> {
  const c = await deps.db.campaign.findUnique({ where: { id }, select: { status: true, generation: true, fanoutCursor: true, fanoutDone: true, target: true, scheduledAt: true } });
  if (!c || c.generation !== 0 || c.fanoutDone || (c.status !== "RUNNING" && c.status !== "SCHEDULED")) return;
  if (c.fanoutCursor !== firstCursor(parseTarget(c.target))) return;
  await queueStart(deps, id, c.status, c.fanoutCursor, c.scheduledAt);
}

export type ControlResult = { ok: true } | { ok: false; reason: "not-found" | "wrong-state" };

/** One last status refresh after a state change, so the sender's message shows it at once. */
const refresh = (deps: ControlDeps, id: number, gen: number, tag: string) =>
  enqueue(deps.queues, campaignMonitorJob, { campaignId: id, gen, seq: 0 }, jobId("cm", id, gen, tag, Date.now()));

/**
 * Brings a status message recorded after launch up to date: a small campaign can finish
 * before the sender's chat took the message, and the monitor stops once it is done.
 */
export async function showCampaignStatus(deps: ControlDeps, id: number): Promise<void> {
  const c = await deps.db.campaign.findUnique({ where: { id }, select: { generation: true } });
  if (c) await refresh(deps, id, c.generation, "shown");
}

/**
 * Pauses a running campaign. Delivery jobs claim a recipient only while the campaign runs, so
 * no send starts after this returns; waiting jobs are then swept out of the queue.
 */
export async function pauseCampaign(deps: ControlDeps, id: number): Promise<ControlResult> {
  const r = await deps.db.campaign.updateMany({ where: { id, status: "RUNNING" }, data: { status: "PAUSED" } });
  if (r.count === 0) return stateError(deps, id);
  const { generation } = await deps.db.campaign.findUniqueOrThrow({ where: { id }, select: { generation: true } });
  await enqueue(deps.queues, campaignSweepJob, { campaignId: id, gen: generation, after: 0, why: "pause" }, jobId("csw", id, generation, "pause", 0));
  await refresh(deps, id, generation, "pause");
  return { ok: true };
}

/** Resumes a paused campaign: a new generation re-queues every pending recipient, then streams the rest. */
export async function resumeCampaign(deps: ControlDeps, id: number): Promise<ControlResult> {
  const c = await deps.db.campaign.findUnique({ where: { id }, select: { status: true, generation: true } });
  if (!c) return { ok: false, reason: "not-found" };
  const gen = c.generation + 1;
  const r = await deps.db.campaign.updateMany({ where: { id, status: "PAUSED", generation: c.generation }, data: { status: "RUNNING", generation: gen } });
  if (r.count === 0) return { ok: false, reason: "wrong-state" };
  await enqueue(deps.queues, campaignFanoutJob, { campaignId: id, gen, cursor: "d:0" }, fanoutJobId(id, gen, "d:0"));
  await enqueue(deps.queues, campaignMonitorJob, { campaignId: id, gen, seq: 0 }, jobId("cm", id, gen, 0), { delay: 500 });
  return { ok: true };
}

/**
 * Cancels a campaign for good: in one transaction the campaign stops and every recipient not
 * yet claimed is skipped, so no send starts after this returns.
 */
export async function cancelCampaign(deps: ControlDeps, id: number): Promise<ControlResult> {
  const done = await deps.db.$transaction(async (tx) => {
    const r = await tx.campaign.updateMany({ where: { id, status: { in: ["SCHEDULED", "RUNNING", "PAUSED"] } }, data: { status: "CANCELLED", finishedAt: new Date() } });
    if (r.count === 0) return false;
    await tx.campaignDelivery.updateMany({ where: { campaignId: id, status: "PENDING" }, data: { status: "SKIPPED", reason: "cancelled" } });
    return true;
  });
  if (!done) return stateError(deps, id);
  const { generation } = await deps.db.campaign.findUniqueOrThrow({ where: { id }, select: { generation: true } });
  await enqueue(deps.queues, campaignSweepJob, { campaignId: id, gen: generation, after: 0, why: "cancel" }, jobId("csw", id, generation, "cancel", 0));
  await refresh(deps, id, generation, "cancel");
  return { ok: true };
}

async function stateError(deps: ControlDeps, id: number): Promise<ControlResult> {
  const exists = await deps.db.campaign.count({ where: { id } });
  return { ok: false, reason: exists ? "wrong-state" : "not-found" };
}
