import type { Db } from "../../db/client.js";
import type { IndicatorKind } from "../../generated/prisma/enums.js";
import { indicatorKey, type Indicator } from "./extract.js";

const KIND: Record<Indicator["kind"], IndicatorKind> = {
  phone: "PHONE",
  bank_account: "BANK_ACCOUNT",
  domain: "DOMAIN",
  account: "ACCOUNT",
};

/** What the extractor found beside the value, kept for officers (bank, look-alike, platform). */
function detailOf(i: Indicator): Record<string, string | null> | undefined {
  switch (i.kind) {
    case "bank_account":
      return { bank: i.bank };
    case "domain":
      return { url: i.url, lookalikeOf: i.lookalike?.of ?? null, lookalikeReason: i.lookalike?.reason ?? null };
    case "account":
      return { platform: i.platform };
    default:
      return undefined;
  }
}

export type TipRef = { id: number; residentId: number; wardId: number | null };

/**
 * Records that a tip mentions these indicators. Idempotent per (indicator, tip): a retried job
 * counts nothing twice. Open tips that share an indicator get their priority raised to the
 * number of other reports of it. Returns the ids of tips whose priority changed.
 */
export async function recordIndicators(db: Db, tip: TipRef, indicators: Indicator[]): Promise<number[]> {
  if (indicators.length === 0) return [];
  const ids: number[] = [];
  for (const i of indicators) {
    const key = indicatorKey(i);
    const detail = detailOf(i);
    const row = await db.indicator.upsert({
      where: { key },
      create: { key, kind: KIND[i.kind], value: i.value, ...(detail ? { detail } : {}) },
      update: {},
      select: { id: true },
    });
    const added = await db.indicatorReport.createMany({
      data: [{ indicatorId: row.id, tipId: tip.id, residentId: tip.residentId, wardId: tip.wardId }],
      skipDuplicates: true,
    });
    if (added.count > 0) {
      await db.indicator.update({ where: { id: row.id }, data: { reportCount: { increment: 1 }, lastReportedAt: new Date() } });
    }
    ids.push(row.id);
  }
  // Priority = reports of the most-reported indicator, beyond the first.
  const raised = await db.$queryRaw<Array<{ id: number }>>`
    UPDATE "Tip" t SET "priority" = p.priority
    FROM (
      SELECT r."tipId", MAX(i."reportCount") - 1 AS priority
      FROM "IndicatorReport" r JOIN "Indicator" i ON i."id" = r."indicatorId"
      WHERE r."tipId" IN (SELECT "tipId" FROM "IndicatorReport" WHERE "indicatorId" = ANY(${ids}))
      GROUP BY r."tipId"
    ) p
    WHERE t."id" = p."tipId" AND t."status" <> 'RESOLVED' AND t."priority" <> p.priority
    RETURNING t."id"`;
  return raised.map((r) => r.id);
}

export type KnownIndicator = {
  key: string;
  status: "REPORTED" | "CONFIRMED" | "CLEARED";
  tactic: string | null;
  /** Reports by residents other than the one asking. */
  othersReports: number;
  firstReportedAt: Date;
};

/**
 * Looks indicators up by key; counts only other residents' reports. Raw SQL: Prisma's
 * filtered relation count groups the whole report table, which is slow with millions of rows;
 * this is one index probe per key.
 */
export async function lookupIndicators(db: Db, keys: string[], askingResidentId: number | null): Promise<KnownIndicator[]> {
  if (keys.length === 0) return [];
  const asker = askingResidentId ?? -1;
  const rows = await db.$queryRaw<Array<{ key: string; status: KnownIndicator["status"]; tactic: string | null; firstReportedAt: Date; others: number }>>`
    SELECT i."key", i."status"::text AS "status", i."tactic", i."firstReportedAt",
      (SELECT count(*) FROM "IndicatorReport" r WHERE r."indicatorId" = i."id" AND r."residentId" <> ${asker})::int AS "others"
    FROM "Indicator" i WHERE i."key" = ANY(${keys})`;
  return rows.map((r) => ({ key: r.key, status: r.status, tactic: r.tactic, othersReports: r.others, firstReportedAt: r.firstReportedAt }));
}

/** The indicators most reported in a ward since a date, for the inbox and the dashboard. */
export async function topIndicators(db: Db, wardId: number, since: Date, limit = 10) {
  const grouped = await db.indicatorReport.groupBy({
    by: ["indicatorId"],
    where: { wardId, createdAt: { gte: since } },
    _count: { _all: true },
    orderBy: { _count: { indicatorId: "desc" } },
    take: limit,
  });
  const rows = await db.indicator.findMany({
    where: { id: { in: grouped.map((g) => g.indicatorId) } },
    select: { id: true, key: true, kind: true, value: true, status: true, tactic: true, reportCount: true },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return grouped.flatMap((g) => {
    const row = byId.get(g.indicatorId);
    return row ? [{ ...row, reportsInPeriod: g._count._all }] : [];
  });
}
