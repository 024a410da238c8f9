import type { Db } from "../db/client.js";
import { CHAT_STATE_TTL_MS } from "./chat-session.js";
import { BLOB_REF_PREFIX } from "./tips/web.js";

/**
 * What Wardline keeps about tipsters, and for how long (README, "What is kept, and for how
 * long"). A tip resolved more than RETENTION_DAYS ago loses who sent it: the sealed name and
 * phone, the link to the resident (so the chat id and pseudonym behind it), the platforms'
 * references to the original files (which may carry EXIF); its content, cleaned photos and
 * audit trail stay for the reports, with an "erased" event. Residents with no tip left, no
 * active subscription and no message for RETENTION_DAYS lose their pseudonym and chat id.
 * Abandoned conversations go after a day; records of handled updates after RETENTION_DAYS.
 *
 * Every step is a conditional update in small batches: runs may repeat, overlap (several
 * workers) or stop half-way, and each tip is still erased, and audited, once.
 */

const BATCH = 200;
const DAY_MS = 86_400_000;

/** What an erased attachment's `fileRef` becomes: no platform reference to the original is left. */
export const ERASED_FILE_REF = "erased:";
/** Erased residents' pseudonyms start with this; no keyed pseudonym can (those are base64url). */
export const ERASED_PSEUDONYM_PREFIX = "erased-";

export type RetentionResult = {
  tips: number;
  residents: number;
  sessions: number;
  inboundUpdates: number;
  /** Tips erased in this run that showed the tipster's name and phone (their inbox cards need editing). */
  named: number[];
};

/** One pass of the retention rules; safe to repeat and to run on several workers at once. */
export async function runRetention(db: Db, retentionDays: number, now = new Date()): Promise<RetentionResult> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  const { erased: tips, named } = await eraseResolvedTips(db, cutoff, retentionDays, now);
  const residents = await eraseQuietResidents(db, cutoff);
  const sessions = await deleteInBatches((n) => db.$executeRaw`
    DELETE FROM "ChatSession" WHERE "key" IN (
      SELECT "key" FROM "ChatSession" WHERE "updatedAt" < ${new Date(now.getTime() - CHAT_STATE_TTL_MS)} LIMIT ${n})`);
  const inboundUpdates = await deleteInBatches((n) => db.$executeRaw`
    DELETE FROM "InboundUpdate" WHERE ("channel", "externalId") IN (
      SELECT "channel", "externalId" FROM "InboundUpdate" WHERE "receivedAt" < ${cutoff} LIMIT ${n})`);
  return { tips, residents, sessions, inboundUpdates, named };
}

async function eraseResolvedTips(db: Db, cutoff: Date, retentionDays: number, now: Date): Promise<{ erased: number; named: number[] }> {
  let erased = 0;
  const named: number[] = [];
  let after = 0;
  for (;;) {
    const batch = await db.tip.findMany({
      where: { id: { gt: after }, status: "RESOLVED", resolvedAt: { lt: cutoff }, erasedAt: null },
      orderBy: { id: "asc" },
      take: BATCH,
      select: { id: true, identitySealed: true },
    });
    for (const tip of batch) {
      if (!(await eraseTip(db, tip.id, tip.identitySealed !== null, cutoff, retentionDays, now))) continue;
      erased++;
      if (tip.identitySealed !== null) named.push(tip.id);
    }
    if (batch.length < BATCH) return { erased, named };
    after = batch[batch.length - 1]!.id;
  }
}

/** Erases one tip's tipster data with its audit event, in one transaction; false if another run did. */
async function eraseTip(db: Db, tipId: number, hadIdentity: boolean, cutoff: Date, retentionDays: number, now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    // The row lock taken here makes an overlapping run wait, then find erasedAt set and skip.
    const { count } = await tx.tip.updateMany({
      where: { id: tipId, status: "RESOLVED", resolvedAt: { lt: cutoff }, erasedAt: null },
      data: { erasedAt: now, identitySealed: null, residentId: null },
    });
    if (count === 0) return false;
    const files = await tx.attachment.updateMany({
      where: { tipId, NOT: [{ fileRef: { startsWith: BLOB_REF_PREFIX } }, { fileRef: ERASED_FILE_REF }] },
      data: { fileRef: ERASED_FILE_REF },
    });
    await tx.indicatorReport.updateMany({ where: { tipId }, data: { residentId: 0 } });
    await tx.tipEvent.create({ data: { tipId, type: "erased", data: { retentionDays, identity: hadIdentity, files: files.count } } });
    return true;
  });
}

/** Residents nothing needs any more: no tip, no active subscription, quiet since the cutoff. */
const quiet = (cutoff: Date) => ({
  lastSeenAt: { lt: cutoff },
  tips: { none: {} },
  NOT: { pseudonym: { startsWith: ERASED_PSEUDONYM_PREFIX } },
  OR: [{ subscription: { is: null } }, { subscription: { is: { active: false } } }],
});

async function eraseQuietResidents(db: Db, cutoff: Date): Promise<number> {
  let erased = 0;
  let after = 0;
  for (;;) {
    const batch = await db.resident.findMany({ where: { id: { gt: after }, ...quiet(cutoff) }, orderBy: { id: "asc" }, take: BATCH, select: { id: true } });
    for (const r of batch) {
      // Re-checked in the update: a resident who wrote (or sent a tip) meanwhile is kept.
      const { count } = await db.resident.updateMany({
        where: { id: r.id, ...quiet(cutoff) },
        data: { pseudonym: `${ERASED_PSEUDONYM_PREFIX}${r.id}`, chatRef: "", unreachable: true, windowOpenedAt: null, windowReplies: 0 },
      });
      erased += count;
    }
    if (batch.length < BATCH) return erased;
    after = batch[batch.length - 1]!.id;
  }
}

async function deleteInBatches(deleteSome: (n: number) => Promise<number>): Promise<number> {
  let deleted = 0;
  for (;;) {
    const n = await deleteSome(1_000);
    deleted += n;
    if (n < 1_000) return deleted;
  }
}
