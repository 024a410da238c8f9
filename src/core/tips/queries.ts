import type { Db } from "../../db/client.js";

export type TipStatusView = {
  code: string;
  status: "NEW" | "CLAIMED" | "RESOLVED";
  valuable: boolean | null;
  wardName: string | null;
  createdAt: Date;
  pendingQuestion: boolean;
};

/** What to select of a tip for a resident's view of it. */
export const STATUS_SELECT = {
  code: true, status: true, valuable: true, createdAt: true,
  ward: { select: { name: true } },
  messages: { orderBy: { id: "desc" }, take: 1, select: { author: true } },
} as const;

type StatusRow = {
  code: string; status: TipStatusView["status"]; valuable: boolean | null; createdAt: Date;
  ward: { name: string } | null; messages: { author: string }[];
};

export const statusView = (tip: StatusRow): TipStatusView => ({
  code: tip.code,
  status: tip.status,
  valuable: tip.valuable,
  wardName: tip.ward?.name ?? null,
  createdAt: tip.createdAt,
  pendingQuestion: tip.messages[0]?.author === "OFFICER",
});

/** A resident's view of one of their own tips; null when the code is not theirs (no oracle for others' codes). */
export async function tipStatusForResident(db: Db, residentId: number, code: string): Promise<TipStatusView | null> {
  const tip = await db.tip.findFirst({ where: { code, residentId }, select: STATUS_SELECT });
  return tip ? statusView(tip) : null;
}

export async function listResidentTips(db: Db, residentId: number, take = 10): Promise<TipStatusView[]> {
  const tips = await db.tip.findMany({
    where: { residentId },
    orderBy: { createdAt: "desc" },
    take,
    select: { code: true, status: true, valuable: true, createdAt: true, ward: { select: { name: true } } },
  });
  return tips.map((t) => ({ code: t.code, status: t.status, valuable: t.valuable, wardName: t.ward?.name ?? null, createdAt: t.createdAt, pendingQuestion: false }));
}

/** Open tips of a ward, oldest first. */
export async function wardQueue(db: Db, wardId: number, take = 20) {
  return db.tip.findMany({
    where: { wardId, status: { not: "RESOLVED" } },
    // Tips whose scam number or link keeps being reported come first; then oldest first.
    orderBy: [{ priority: "desc" }, { createdAt: "asc" }],
    take,
    select: { code: true, category: true, status: true, createdAt: true, priority: true, claimedBy: { select: { displayName: true } } },
  });
}

export type WardStats = { received: number; valuable: number; resolved: number; medianFirstActionMinutes: number | null };

/** The ward's figures since `since`: received, valuable, resolved, median minutes to first action (one query). */
export async function wardStats(db: Db, wardId: number, since: Date): Promise<WardStats> {
  const [row] = await db.$queryRaw<Array<{ received: number; valuable: number; resolved: number; median: number | null }>>`
    SELECT count(*)::int AS "received",
      (count(*) FILTER (WHERE "valuable"))::int AS "valuable",
      (count(*) FILTER (WHERE "status" = 'RESOLVED'))::int AS "resolved",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ("firstActionAt" - "createdAt")) / 60)
        FILTER (WHERE "firstActionAt" IS NOT NULL) AS "median"
    FROM "Tip" WHERE "wardId" = ${wardId} AND "createdAt" >= ${since}`;
  const median = row?.median ?? null;
  return { received: row?.received ?? 0, valuable: row?.valuable ?? 0, resolved: row?.resolved ?? 0, medianFirstActionMinutes: median === null ? null : Math.round(Number(median)) };
}
