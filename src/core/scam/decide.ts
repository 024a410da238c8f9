import type { Deps } from "../../deps.js";
import { syncCardJob } from "../../jobs/sync-card.js";
import { enqueue, jobId } from "../../queue/job.js";
import { officerCovers, type OfficerRef } from "../officers.js";
import type { Tactic } from "./tactics.js";

export type Decision = { status: "CONFIRMED"; tactic: Tactic } | { status: "CLEARED" };
export type DecideResult = { ok: true; shown: string; cards: number } | { ok: false; reason: "not-found" };

/** Open tips refreshed per decision; older ones keep their card as it was. */
const MAX_CARDS = 200;

/**
 * An officer confirms an indicator as fraud (naming the tactic) or clears it, from a tip of
 * their scope that mentions it. Recorded on that tip's audit trail; every open card that
 * shows the indicator is refreshed.
 */
export async function decideIndicator(
  deps: Pick<Deps, "db" | "queues">,
  officer: OfficerRef,
  tipId: number,
  indicatorId: number,
  decision: Decision,
): Promise<DecideResult> {
  const report = await deps.db.indicatorReport.findUnique({
    where: { indicatorId_tipId: { indicatorId, tipId } },
    select: { indicator: { select: { key: true, value: true } }, tip: { select: { provinceCode: true, ward: { select: { id: true, provinceCode: true } } } } },
  });
  if (!report || !officerCovers(officer, report.tip.ward, report.tip.provinceCode)) return { ok: false, reason: "not-found" };
  const tactic = decision.status === "CONFIRMED" ? decision.tactic : null;
  const event = await deps.db.$transaction(async (tx) => {
    await tx.indicator.update({ where: { id: indicatorId }, data: { status: decision.status, tactic, decidedById: officer.id, decidedAt: new Date() } });
    return tx.tipEvent.create({
      data: { tipId, type: decision.status === "CONFIRMED" ? "indicator-confirmed" : "indicator-cleared", officerId: officer.id, data: { key: report.indicator.key, tactic } },
      select: { id: true },
    });
  });
  const open = await deps.db.indicatorReport.findMany({
    where: { indicatorId, tip: { status: { not: "RESOLVED" } } },
    select: { tipId: true },
    orderBy: { tipId: "desc" },
    take: MAX_CARDS,
  });
  const tips = new Set([tipId, ...open.map((o) => o.tipId)]);
  for (const id of tips) await enqueue(deps.queues, syncCardJob, { tipId: id }, jobId("card", id, "ind", event.id));
  return { ok: true, shown: report.indicator.value, cards: tips.size };
}

/** The indicators of a tip, for an officer whose scope covers it (null otherwise: as if absent). */
export async function indicatorsOfTip(db: Deps["db"], officer: OfficerRef, tipId: number) {
  const tip = await db.tip.findUnique({
    where: { id: tipId },
    select: {
      code: true,
      provinceCode: true,
      ward: { select: { id: true, provinceCode: true } },
      indicators: { orderBy: { id: "asc" }, select: { indicator: { select: { id: true, value: true, status: true, tactic: true, reportCount: true } } } },
    },
  });
  if (!tip || !officerCovers(officer, tip.ward, tip.provinceCode)) return null;
  return { code: tip.code, indicators: tip.indicators.map((r) => r.indicator) };
}
