import type { Db } from "../../db/client.js";

/** What a delivery job needs: the recipient, the campaign's state and what to copy. */
export async function loadDelivery(db: Db, id: number) {
  return db.campaignDelivery.findUnique({
    where: { id },
    select: {
      id: true,
      status: true,
      claimedAt: true,
      campaign: { select: { id: true, status: true, generation: true, sourceChatId: true, sourceMessageIds: true, plainText: true } },
      group: { select: { id: true, chatId: true, channel: true, active: true, memberCount: true } },
      resident: { select: { id: true, chatRef: true, channel: true, subscription: { select: { active: true } } } },
    },
  });
}
export type LoadedDelivery = NonNullable<Awaited<ReturnType<typeof loadDelivery>>>;

/**
 * Claims a pending delivery for sending, only while its campaign runs: one conditional
 * update, so a pause or cancel committed before it wins, and two workers never both send.
 */
export async function claimDelivery(db: Db, id: number): Promise<boolean> {
  const r = await db.campaignDelivery.updateMany({
    where: { id, status: "PENDING", campaign: { status: "RUNNING" } },
    data: { status: "SENDING", claimedAt: new Date(), attempts: { increment: 1 } },
  });
  return r.count === 1;
}

/** Hands a claim back when the send certainly did not happen (Telegram answered an error, or no connection). */
export async function releaseDelivery(db: Db, id: number): Promise<void> {
  await db.campaignDelivery.updateMany({ where: { id, status: "SENDING" }, data: { status: "PENDING", claimedAt: null } });
}

export async function markSent(db: Db, id: number, messageId: number | null, reach: number): Promise<void> {
  await db.campaignDelivery.updateMany({ where: { id, status: "SENDING" }, data: { status: "SENT", messageId, reach, sentAt: new Date() } });
}

export async function markOutcome(db: Db, id: number, status: "FAILED" | "SKIPPED" | "UNCONFIRMED", reason: string): Promise<void> {
  await db.campaignDelivery.updateMany({ where: { id, status: { in: ["PENDING", "SENDING"] } }, data: { status, reason: reason.slice(0, 200) } });
}

/**
 * A send failed without reaching the recipient: the last attempt (`attemptsMade` before this
 * one, of `attempts`) records the failure so the campaign can finish; earlier ones hand the claim back.
 */
export async function failOrRelease(db: Db, id: number, error: Error, attemptsMade: number, attempts: number): Promise<void> {
  if (attemptsMade + 1 >= attempts) await markOutcome(db, id, "FAILED", `gave up: ${error.message}`);
  else await releaseDelivery(db, id);
}

/** 403: the chat is gone for us. The delivery is final and the recipient leaves every audience. */
export async function markBlocked(db: Db, d: LoadedDelivery, reason: string): Promise<void> {
  await db.$transaction([
    db.campaignDelivery.updateMany({ where: { id: d.id, status: { in: ["PENDING", "SENDING"] } }, data: { status: "BLOCKED", reason: reason.slice(0, 200) } }),
    ...(d.group ? [db.chatGroup.update({ where: { id: d.group.id }, data: { active: false } })] : []),
    ...(d.resident ? [db.subscription.updateMany({ where: { residentId: d.resident.id }, data: { active: false } })] : []),
  ]);
}

/** A basic group became a supergroup: its record follows the new chat id. */
export async function followMigration(db: Db, groupId: number, newChatId: string): Promise<void> {
  await db.chatGroup.update({ where: { id: groupId }, data: { chatId: newChatId } });
}
