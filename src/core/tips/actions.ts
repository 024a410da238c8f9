import type { Db } from "../../db/client.js";
import type { Prisma } from "../../generated/prisma/client.js";
import type { Deps } from "../../deps.js";
import { enqueue, jobId } from "../../queue/job.js";
import { syncCardJob } from "../../jobs/sync-card.js";
import { relayToTipsterJob } from "../../jobs/relay-to-tipster.js";
import { routeTipJob } from "../../jobs/route-tip.js";
import { postToInboxJob } from "../../jobs/post-to-inbox.js";
import { notifyTipsterJob, type NoticeKind } from "../../jobs/notify-tipster.js";
import { officerCovers, type OfficerRef } from "../officers.js";

export type ActionDeps = Pick<Deps, "db" | "queues">;
export type ActionResult =
  | { ok: true; code: string; tipId: number }
  | { ok: false; reason: "not-found" | "forbidden" | "resolved" | "already-claimed" | "same-ward" | "same-tip" | "not-officer" | "unreachable"; by?: string };

type TipForAction = {
  id: number;
  code: string;
  status: "NEW" | "CLAIMED" | "RESOLVED";
  provinceCode: string | null;
  firstActionAt: Date | null;
  claimedBy: { id: number; displayName: string } | null;
  ward: { id: number; provinceCode: string } | null;
};

export async function loadForOfficer(db: Db, officer: OfficerRef, tipId: number): Promise<TipForAction | ActionResult> {
  const tip = await db.tip.findUnique({
    where: { id: tipId },
    select: {
      id: true, code: true, status: true, provinceCode: true, firstActionAt: true,
      claimedBy: { select: { id: true, displayName: true } },
      ward: { select: { id: true, provinceCode: true } },
    },
  });
  // Outside one's scope a tip does not exist: same answer as a wrong id.
  if (!tip || !officerCovers(officer, tip.ward, tip.provinceCode)) return { ok: false, reason: "not-found" };
  return tip;
}

export const isResult = (x: TipForAction | ActionResult): x is ActionResult => "ok" in x;

/** Thrown when a tip kept changing under an action, round after round; the caller's retry settles it. */
export class TipChangedError extends Error {
  override readonly name = "TipChangedError";
  constructor(readonly tipId: number) {
    super(`tip ${tipId} kept changing while an officer acted on it`);
  }
}

/**
 * Changes the tip only if what the action decided on (status, who has it, its ward) is still
 * what was read: one conditional UPDATE, so of two officers acting at once only one wins.
 * Also marks the first officer action. False when someone else changed the tip meanwhile.
 */
export async function updateIfUnchanged(tx: Prisma.TransactionClient, tip: TipForAction, change: Record<string, unknown>): Promise<boolean> {
  const { count } = await tx.tip.updateMany({
    where: { id: tip.id, status: tip.status, claimedById: tip.claimedBy?.id ?? null, wardId: tip.ward?.id ?? null },
    data: change,
  });
  if (count === 0) return false;
  await tx.tip.updateMany({ where: { id: tip.id, firstActionAt: null }, data: { firstActionAt: new Date() } });
  return true;
}

/**
 * Reads the tip, lets `decide` act on it, and when the tip changed under the action (another
 * officer was faster) reads it again and decides anew: the loser gets the answer the new state
 * gives ("already claimed by ...", "resolved"), never a second effect.
 */
export async function act(
  deps: ActionDeps,
  officer: OfficerRef,
  tipId: number,
  decide: (tip: TipForAction) => Promise<ActionResult | "changed">,
): Promise<ActionResult> {
  for (let round = 0; round < 5; round++) {
    const tip = await loadForOfficer(deps.db, officer, tipId);
    if (isResult(tip)) return tip;
    const r = await decide(tip);
    if (r !== "changed") return r;
  }
  throw new TipChangedError(tipId);
}

/** Records the change and its audit event together (if the tip is as read), and schedules the inbox card's refresh. */
export async function apply(
  deps: ActionDeps,
  tip: TipForAction,
  officer: OfficerRef,
  type: string,
  data: Record<string, string | number | boolean | null>,
  change: Record<string, unknown>,
): Promise<ActionResult | "changed"> {
  const event = await deps.db.$transaction(async (tx) => {
    if (!(await updateIfUnchanged(tx, tip, change))) return null;
    return tx.tipEvent.create({ data: { tipId: tip.id, type, officerId: officer.id, data }, select: { id: true } });
  });
  if (!event) return "changed";
  await enqueue(deps.queues, syncCardJob, { tipId: tip.id }, jobId("card", tip.id, event.id));
  return { ok: true, code: tip.code, tipId: tip.id };
}

/** Claim: the officer takes the tip on. A tip claimed by someone else stays theirs. */
export async function claimTip(deps: ActionDeps, officer: OfficerRef, tipId: number): Promise<ActionResult> {
  return act(deps, officer, tipId, async (tip) => {
    if (tip.status === "RESOLVED") return { ok: false, reason: "resolved" };
    if (tip.claimedBy && tip.claimedBy.id !== officer.id) return { ok: false, reason: "already-claimed", by: tip.claimedBy.displayName };
    if (tip.claimedBy?.id === officer.id) return { ok: true, code: tip.code, tipId: tip.id };
    return apply(deps, tip, officer, "claimed", {}, { status: "CLAIMED", claimedById: officer.id });
  });
}

/** Valuable / not valuable: the judgement leaders count in their reports. */
export async function assessTip(deps: ActionDeps, officer: OfficerRef, tipId: number, valuable: boolean): Promise<ActionResult> {
  const r = await act(deps, officer, tipId, (tip) => apply(deps, tip, officer, "assessed", { valuable }, { valuable }));
  if (r.ok) await notifyTipster(deps, r.tipId, "judged");
  return r;
}

/**
 * Queues the tipster's notice of a judgement or closure. The job id is per tip and kind, and
 * the job sends at most once per kind (src/jobs/notify-tipster.ts), so re-judging is silent.
 */
export async function notifyTipster(deps: ActionDeps, tipId: number, kind: NoticeKind): Promise<void> {
  await enqueue(deps.queues, notifyTipsterJob, { tipId, kind }, jobId("notify", tipId, kind));
}

export async function resolveTip(deps: ActionDeps, officer: OfficerRef, tipId: number, outcome: string | null): Promise<ActionResult> {
  const r = await act(deps, officer, tipId, async (tip) => {
    if (tip.status === "RESOLVED") return { ok: false, reason: "resolved" };
    return apply(deps, tip, officer, "resolved", { outcome }, { status: "RESOLVED", resolvedAt: new Date(), outcome, claimedById: tip.claimedBy?.id ?? officer.id });
  });
  if (r.ok) await notifyTipster(deps, r.tipId, "closed");
  return r;
}

/** Moves the tip to another ward's inbox; the first ward keeps a read-only card. */
export async function transferTip(deps: ActionDeps, officer: OfficerRef, tipId: number, toWardCode: string, reason: string): Promise<ActionResult> {
  const target = await deps.db.ward.findUnique({ where: { code: toWardCode }, select: { id: true, provinceCode: true } });
  return act(deps, officer, tipId, async (tip) => {
    if (tip.status === "RESOLVED") return { ok: false, reason: "resolved" };
    if (!target) return { ok: false, reason: "not-found" };
    if (target.id === tip.ward?.id) return { ok: false, reason: "same-ward" };
    const event = await deps.db.$transaction(async (tx) => {
      const moved = await updateIfUnchanged(tx, tip, { wardId: target.id, provinceCode: target.provinceCode, status: "NEW", claimedById: null, routedAt: null });
      if (!moved) return null;
      await tx.tipCard.updateMany({ where: { tipId: tip.id }, data: { readOnly: true } });
      return tx.tipEvent.create({ data: { tipId: tip.id, type: "transferred", officerId: officer.id, data: { toWardCode, reason } }, select: { id: true } });
    });
    if (!event) return "changed";
    await enqueue(deps.queues, syncCardJob, { tipId: tip.id }, jobId("card", tip.id, event.id));
    await enqueue(deps.queues, routeTipJob, { tipId: tip.id }, jobId("route", tip.id, event.id));
    return { ok: true, code: tip.code, tipId: tip.id };
  });
}

/** An officer's question, relayed to the tipster by the bot; neither sees the other's account. */
export async function askTipster(deps: ActionDeps, officer: OfficerRef, tipId: number, text: string, sourceKey: string): Promise<ActionResult> {
  const tip = await loadForOfficer(deps.db, officer, tipId);
  if (isResult(tip)) return tip;
  // Past its retention the tip no longer knows its tipster: nothing to relay to, nothing to store.
  if (await deps.db.tip.count({ where: { id: tip.id, erasedAt: { not: null } } })) return { ok: false, reason: "unreachable" };
  // The same question sent twice (a retried update, a double click) is asked and audited once.
  const existing = await deps.db.tipMessage.findUnique({ where: { sourceKey }, select: { id: true } });
  const message = existing ?? (await deps.db.tipMessage.upsert({
    where: { sourceKey },
    create: { tipId: tip.id, author: "OFFICER", officerId: officer.id, text, sourceKey },
    update: {},
    select: { id: true },
  }));
  if (!existing) {
    await deps.db.tipEvent.create({ data: { tipId: tip.id, type: "asked", officerId: officer.id, data: { messageId: message.id } } });
    if (!tip.firstActionAt) await deps.db.tip.update({ where: { id: tip.id }, data: { firstActionAt: new Date() } });
  }
  await enqueue(deps.queues, relayToTipsterJob, { messageId: message.id }, jobId("relay", message.id));
  return { ok: true, code: tip.code, tipId: tip.id };
}

/** A tipster's answer (or follow-up) joins the tip's thread and is posted under the card. */
export async function tipsterReply(deps: ActionDeps, residentId: number, code: string, text: string, sourceKey: string): Promise<ActionResult> {
  const tip = await deps.db.tip.findFirst({ where: { code, residentId }, select: { id: true, code: true } });
  if (!tip) return { ok: false, reason: "not-found" };
  const message = await deps.db.tipMessage.upsert({
    where: { sourceKey },
    create: { tipId: tip.id, author: "TIPSTER", text, sourceKey },
    update: {},
    select: { id: true },
  });
  await enqueue(deps.queues, postToInboxJob, { messageId: message.id }, jobId("inbox", message.id));
  return { ok: true, code: tip.code, tipId: tip.id };
}
