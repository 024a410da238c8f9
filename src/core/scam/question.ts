import type { Deps } from "../../deps.js";
import type { Channel } from "../../generated/prisma/enums.js";
import { routeTipJob } from "../../jobs/route-tip.js";
import { enqueue, jobId } from "../../queue/job.js";
import { MAX_REPORT_TEXT } from "../report-flow.js";
import { createTip } from "../tips/create.js";
import { extractIndicators, indicatorKey } from "./extract.js";
import { lookupIndicators } from "./store.js";
import { judge, type Verdict } from "./verdict.js";

export type ScamQuestionDeps = Pick<Deps, "db" | "queues" | "identity" | "config" | "metrics">;

/**
 * Answers "is this a scam?" from one indexed lookup, then records the question as an anonymous
 * "scam" tip (origin "check") to the resident's ward, so repeated questions raise priority.
 */
export async function askScamQuestion(
  deps: ScamQuestionDeps,
  input: { resident: { id: number; wardId: number | null }; channel: Channel; sourceKey: string; text: string },
): Promise<{ verdict: Verdict; code: string }> {
  const indicators = extractIndicators(input.text);
  const known = await lookupIndicators(deps.db, indicators.map(indicatorKey), input.resident.id);
  const verdict = judge(indicators, known);
  deps.metrics.inc("wardline_scam_checks_total", { verdict: verdict.level });
  const ward = input.resident.wardId ? await deps.db.ward.findUnique({ where: { id: input.resident.wardId }, select: { code: true } }) : null;
  const tip = await createTip(deps.db, deps.identity, {
    sourceKey: input.sourceKey,
    channel: input.channel,
    residentId: input.resident.id,
    wardCode: ward?.code ?? null,
    provinceCode: ward ? null : deps.config.routing.triageProvinceCode ?? null,
    category: "scam",
    text: input.text.slice(0, MAX_REPORT_TEXT),
    media: [],
    anonymous: true,
    origin: "check",
  });
  await enqueue(deps.queues, routeTipJob, { tipId: tip.id }, jobId("route", tip.id));
  return { verdict, code: tip.code };
}
