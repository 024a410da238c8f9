import type { Db } from "../../db/client.js";
import type { CampaignStatus } from "../../generated/prisma/enums.js";
import type { OfficerRef } from "../officers.js";
import { firstCursor } from "./audience.js";
import type { Target } from "./target.js";

export type NewCampaign = {
  officerId: number;
  title: string;
  templateKey: string | null;
  /** The prepared message(s) in the officer's chat that recipients get a copy of; none for a
   *  warning composed on the dashboard, whose plain text is then sent on every channel. */
  sourceChatId: string;
  sourceMessageIds: number[];
  /** The warning as plain text, for channels that cannot copy a Telegram message (Zalo). */
  plainText?: string | null;
  /** Unique per submission (a dashboard form's nonce), so a resubmitted form launches nothing. */
  requestKey?: string | null;
  target: Target;
  scheduledAt: Date | null;
  locale: string;
};

/** Records a campaign, scheduled or running from now. */
export async function createCampaign(db: Db, c: NewCampaign): Promise<{ id: number; status: CampaignStatus }> {
  const scheduled = c.scheduledAt !== null && c.scheduledAt.getTime() > Date.now();
  return db.campaign.create({
    data: {
      ...c,
      status: scheduled ? "SCHEDULED" : "RUNNING",
      startedAt: scheduled ? null : new Date(),
      fanoutCursor: firstCursor(c.target),
      fanoutDone: firstCursor(c.target) === null,
    },
    select: { id: true, status: true },
  });
}

export async function setStatusMessage(db: Db, id: number, chatId: string, messageId: number): Promise<void> {
  await db.campaign.update({ where: { id }, data: { statusChatId: chatId, statusMessageId: messageId } });
}

const summarySelect = { id: true, title: true, status: true, createdAt: true, scheduledAt: true, startedAt: true, finishedAt: true, officerId: true } as const;

/** An officer's latest campaigns (administrators see everyone's). */
export async function listCampaigns(db: Db, officer: OfficerRef, take = 5) {
  return db.campaign.findMany({ where: officer.role === "ADMIN" ? {} : { officerId: officer.id }, orderBy: { id: "desc" }, take, select: summarySelect });
}

/** Whether an officer may pause, resume or cancel a campaign: its sender, or an administrator. */
export function mayControlRow(officer: OfficerRef, campaign: { officerId: number }): boolean {
  return officer.role === "ADMIN" || campaign.officerId === officer.id;
}

/** `mayControlRow` for a campaign known by its id (false if there is none). */
export async function mayControl(db: Db, officer: OfficerRef, campaignId: number): Promise<boolean> {
  if (officer.role === "ADMIN") return true;
  const c = await db.campaign.findUnique({ where: { id: campaignId }, select: { officerId: true } });
  return c !== null && mayControlRow(officer, c);
}

export type Results = {
  id: number;
  title: string;
  status: CampaignStatus;
  fanoutDone: boolean;
  targeted: number;
  sent: number;
  blocked: number;
  pending: number;
  unconfirmed: number;
  skipped: number;
  failed: Record<string, number>;
  reach: number;
  replies: number;
};

/** A campaign's failed deliveries, counted by reason ("unknown" when none was recorded). */
export async function failuresByReason(db: Db, id: number): Promise<Record<string, number>> {
  const failures = await db.campaignDelivery.groupBy({ by: ["reason"], where: { campaignId: id, status: "FAILED" }, _count: { _all: true } });
  return Object.fromEntries(failures.map((f) => [f.reason ?? "unknown", f._count._all]));
}

/** Per-campaign figures for the sender and the dashboard, counted from the delivery rows. */
export async function campaignResults(db: Db, id: number): Promise<Results | null> {
  const c = await db.campaign.findUnique({ where: { id }, select: { id: true, title: true, status: true, fanoutDone: true } });
  if (!c) return null;
  const [byStatus, failed, reach, replies] = await Promise.all([
    db.campaignDelivery.groupBy({ by: ["status"], where: { campaignId: id }, _count: { _all: true } }),
    failuresByReason(db, id),
    db.campaignDelivery.aggregate({ where: { campaignId: id, status: "SENT" }, _sum: { reach: true } }),
    db.campaignReply.count({ where: { campaignId: id } }),
  ]);
  const n = (s: string) => byStatus.find((b) => b.status === s)?._count._all ?? 0;
  return {
    ...c,
    targeted: byStatus.reduce((sum, b) => sum + b._count._all, 0),
    sent: n("SENT"),
    blocked: n("BLOCKED"),
    pending: n("PENDING") + n("SENDING"),
    unconfirmed: n("UNCONFIRMED"),
    skipped: n("SKIPPED"),
    failed,
    reach: reach._sum.reach ?? 0,
    replies,
  };
}

/** Marks a running campaign done once every recipient is recorded and none is left to send. */
export async function finishIfDone(db: Db, id: number): Promise<boolean> {
  const open = await db.campaignDelivery.count({ where: { campaignId: id, status: { in: ["PENDING", "SENDING"] } } });
  if (open > 0) return false;
  const r = await db.campaign.updateMany({ where: { id, status: "RUNNING", fanoutDone: true }, data: { status: "DONE", finishedAt: new Date() } });
  return r.count === 1;
}

/** Counts a message answering a delivered warning (idempotent per message). */
export async function recordReply(db: Db, where: { groupId: number } | { residentId: number }, repliedToMessageId: number, messageId: number): Promise<boolean> {
  const d = await db.campaignDelivery.findFirst({ where: { ...where, messageId: repliedToMessageId, status: "SENT" }, select: { id: true, campaignId: true } });
  if (!d) return false;
  await db.campaignReply.createMany({ data: [{ campaignId: d.campaignId, deliveryId: d.id, key: `d${d.id}-m${messageId}` }], skipDuplicates: true });
  return true;
}
