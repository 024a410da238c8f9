import type { Db } from "./client.js";

/**
 * Sends at most once per key: a retried job (after a crash or a timeout) finds the record and
 * skips. Between a successful send and its record a crash can still repeat one message; the
 * window is one round trip.
 */
export async function sendOnce(db: Db, key: string, send: () => Promise<string | null>): Promise<{ sent: boolean; messageId: string | null }> {
  const done = await db.sentMessage.findUnique({ where: { key }, select: { messageId: true } });
  if (done) return { sent: false, messageId: done.messageId };
  const messageId = await send();
  await db.sentMessage.upsert({ where: { key }, create: { key, messageId }, update: {} });
  return { sent: true, messageId };
}
