import type { Deps } from "../../deps.js";
import { campaignFanoutJob, fanoutJobId } from "../../jobs/campaign-fanout.js";
import { campaignMonitorJob } from "../../jobs/campaign-monitor.js";
import { campaignSweepJob } from "../../jobs/campaign-sweep.js";
import { enqueue, jobId } from "../../queue/job.js";
import { createCampaign, type NewCampaign } from "./store.js";

type ControlDeps = Pick<Deps, "db" | "queues">;

/** Records a campaign and queues its first audience page (delayed until the scheduled time). */
export async function launchCampaign(deps: ControlDeps, c: NewCampaign): Promise<{ id: number; status: string }> {
  const created = await createCampaign(deps.db, c);
  const row = await deps.db.campaign.findUniqueOrThrow({ where: { id: created.id }, select: { fanoutCursor: true } });
  const delay = c.scheduledAt ? Math.max(0, c.scheduledAt.getTime() - Date.now()) : 0;
  if (row.fanoutCursor) await enqueue(deps.queues, campaignFanoutJob, { campaignId: created.id, gen: 0, cursor: row.fanoutCursor }, fanoutJobId(created.id, 0, row.fanoutCursor), { delay });
  if (created.status === "RUNNING") await enqueue(deps.queues, campaignMonitorJob, { campaignId: created.id, gen: 0, seq: 0 }, jobId("cm", created.id, 0, 0), { delay: 1_000 });
  return created;
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
