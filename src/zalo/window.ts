import type { Db } from "../db/client.js";

/**
 * Zalo OA's reply window: free consultation replies within `windowMs` of the resident's last
 * message (opened in handle.ts), at most `freeReplies` of them. Takes one free reply if the
 * window is open and not used up; one conditional UPDATE, so concurrent workers never spend
 * more than the allowance.
 */
export async function claimFreeReply(db: Db, residentId: number, window: { windowMs: number; freeReplies: number }, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - window.windowMs);
  const n = await db.resident.updateMany({
    where: { id: residentId, windowOpenedAt: { gt: since }, windowReplies: { lt: window.freeReplies } },
    data: { windowReplies: { increment: 1 } },
  });
  return n.count === 1;
}

/** Gives back a reply claimed for a send that certainly did not happen. */
export async function returnFreeReply(db: Db, residentId: number): Promise<void> {
  await db.resident.updateMany({ where: { id: residentId, windowReplies: { gt: 0 } }, data: { windowReplies: { decrement: 1 } } });
}

/** Takes one proactive message from this month's quota; false when it is used up (or zero). */
export async function claimQuota(db: Db, monthlyQuota: number, now = new Date()): Promise<boolean> {
  if (monthlyQuota <= 0) return false;
  const month = now.toISOString().slice(0, 7);
  const rows = await db.$queryRaw<Array<{ used: number }>>`
    INSERT INTO "ZaloQuota" (month, used) VALUES (${month}, 1)
    ON CONFLICT (month) DO UPDATE SET used = "ZaloQuota".used + 1 WHERE "ZaloQuota".used < ${monthlyQuota}
    RETURNING used`;
  return rows.length === 1;
}

/** Gives back a quota unit claimed for a send that certainly did not happen (same month as the claim). */
export async function returnQuota(db: Db, claimedAt: Date): Promise<void> {
  const month = claimedAt.toISOString().slice(0, 7);
  await db.$executeRaw`UPDATE "ZaloQuota" SET used = used - 1 WHERE month = ${month} AND used > 0`;
}

/** Vietnam has no daylight saving: UTC+7 all year. */
const VN_OFFSET_MS = 7 * 3600_000;

/** The Vietnam calendar day of `now` (YYYY-MM-DD): Zalo's "one promotion per user per day". */
export const vnDay = (now: Date): string => new Date(now.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);

/** Promotion messages may go only from 06:00 to 21:59 Vietnam time (see README's Zalo table). */
export const inPromotionHours = (now: Date): boolean => {
  const h = new Date(now.getTime() + VN_OFFSET_MS).getUTCHours();
  return h >= 6 && h < 22;
};

/** The next 06:00 Vietnam time after `now`: when a promotion that had to wait may go. */
export function nextPromotionMorning(now: Date): Date {
  const vn = now.getTime() + VN_OFFSET_MS;
  let six = Math.floor(vn / 86_400_000) * 86_400_000 + 6 * 3600_000;
  if (vn >= six) six += 86_400_000;
  return new Date(six - VN_OFFSET_MS);
}
