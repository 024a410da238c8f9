import type { Deps } from "../../deps.js";
import type { Channel } from "../../generated/prisma/enums.js";
import { routeTipJob } from "../../jobs/route-tip.js";
import { enqueue, jobId } from "../../queue/job.js";
import { isCategory } from "../categories.js";
import type { Flow } from "../report-flow.js";
import { createTip } from "./create.js";

export type SubmitDeps = Pick<Deps, "db" | "queues" | "identity" | "config" | "metrics">;
export type Submitted = { kind: "limited"; limit: number } | { kind: "sent"; code: string; wardName: string | null };

/**
 * Turns a finished report flow into a tip and queues its routing, from any channel. A resident
 * past the hourly limit keeps the report (the caller leaves it at the confirm step).
 */
export async function submitReport(deps: SubmitDeps, input: { residentId: number; channel: Channel; sourceKey: string; flow: Flow }): Promise<Submitted> {
  const { flow } = input;
  const hourAgo = new Date(Date.now() - 3_600_000);
  const recent = await deps.db.tip.count({ where: { residentId: input.residentId, createdAt: { gte: hourAgo }, NOT: { sourceKey: input.sourceKey } } });
  if (recent >= deps.config.limits.tipsPerHour) return { kind: "limited", limit: deps.config.limits.tipsPerHour };
  const tip = await createTip(deps.db, deps.identity, {
    sourceKey: input.sourceKey,
    channel: input.channel,
    residentId: input.residentId,
    wardCode: flow.wardCode ?? null,
    provinceCode: flow.wardCode ? null : deps.config.routing.triageProvinceCode ?? null,
    category: flow.category && isCategory(flow.category) ? flow.category : "other",
    text: flow.text ?? "",
    place: flow.place,
    happenedAt: flow.when,
    lat: flow.lat,
    lng: flow.lng,
    media: flow.media,
    anonymous: flow.anonymous !== false,
    identity: flow.identity,
  });
  await enqueue(deps.queues, routeTipJob, { tipId: tip.id }, jobId("route", tip.id));
  if (tip.created) deps.metrics.inc("wardline_tips_created_total", { channel: input.channel.toLowerCase() });
  return { kind: "sent", code: tip.code, wardName: tip.wardName };
}
