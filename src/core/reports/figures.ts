import { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../db/client.js";

/** Where a report looks: some wards, or a whole province (tips routed only to the province included). */
export type ReportArea = { wardIds: number[] } | { provinceCode: string };

export type ReportFigures = {
  /** Tips received in the period (every tip residents sent, duplicates included). */
  received: number;
  /** Of those, merged into another tip as duplicates. */
  duplicates: number;
  valuable: number;
  notValuable: number;
  /** Received in the period and resolved by now (merged duplicates left out: merging is not resolving). */
  resolved: number;
  /** Most first; each sums to `received`. */
  byCategory: Array<{ category: string; count: number }>;
  byChannel: Array<{ channel: string; count: number }>;
  /** Tips received per week; weeks start on Monday, Vietnam time (YYYY-MM-DD). Weeks without tips are listed with 0. */
  perWeek: Array<{ weekStart: string; count: number }>;
  /** Medians over the tips received in the period, duplicates left out; null without any. */
  medianFirstActionMinutes: number | null;
  medianResolutionMinutes: number | null;
  /** Warnings (campaigns) started in the period that reached someone in the area. */
  warningsSent: number;
  /** Messages delivered in the area by those warnings (one per warning and group or subscriber). */
  deliveriesSent: number;
  /** Distinct groups that received at least one of them. */
  groupsReached: number;
  /** Members of those groups, each group counted once (its largest member count recorded at a send). */
  membersReached: number;
  /** Distinct subscribed residents that received at least one of them. */
  residentsReached: number;
  /** Replies to those deliveries. */
  replies: number;
};

type Cell = { category: string; channel: string; week: number; n: number; duplicates: number; valuable: number; not_valuable: number; resolved: number };
type Medians = { first: number | null; resolution: number | null };
type WarningTotals = { warnings: number; deliveries: number; groups: number; members: number; residents: number; replies: number };

const WEEK_MS = 7 * 86_400_000;
/** Monday 5 January 1970: weeks are counted from it. */
const FIRST_MONDAY_MS = Date.UTC(1970, 0, 5);
/**
 * The tip's week as a whole number of weeks since Monday 5 January 1970, Vietnam time (UTC+7 all
 * year). Prisma stores DateTime as UTC timestamps; integer arithmetic is much cheaper per row
 * than formatting dates, and the week's Monday is worked out once per week in JavaScript.
 */
const WEEK_OF = Prisma.raw(`floor((date_part('epoch', "createdAt") + 25200 - ${FIRST_MONDAY_MS / 1000}) / ${WEEK_MS / 1000})::int`);
const weekStart = (week: number) => new Date(FIRST_MONDAY_MS + week * WEEK_MS).toISOString().slice(0, 10);

/** The week of an instant, counted as in WEEK_OF. */
const weekOf = (d: Date) => Math.floor((d.getTime() + 7 * 3_600_000 - FIRST_MONDAY_MS) / WEEK_MS);

function tipWhere(area: ReportArea, from: Date, to: Date): Prisma.Sql {
  const scope = "provinceCode" in area
    ? Prisma.sql`"provinceCode" = ${area.provinceCode}`
    : area.wardIds.length ? Prisma.sql`"wardId" IN (${Prisma.join(area.wardIds)})` : Prisma.sql`FALSE`;
  return Prisma.sql`${scope} AND "createdAt" >= ${from} AND "createdAt" < ${to}`;
}

function wardFilter(area: ReportArea): Prisma.Sql {
  return "provinceCode" in area
    ? Prisma.sql`w."provinceCode" = ${area.provinceCode}`
    : area.wardIds.length ? Prisma.sql`w."id" IN (${Prisma.join(area.wardIds)})` : Prisma.sql`FALSE`;
}

/** percentile_cont over seconds, as whole minutes. */
const minutes = (seconds: number | null | undefined) => (seconds === null || seconds === undefined ? null : Math.round(Number(seconds) / 60));

function countBy<K extends string>(cells: Cell[], key: (c: Cell) => K): Map<K, number> {
  const m = new Map<K, number>();
  for (const c of cells) m.set(key(c), (m.get(key(c)) ?? 0) + c.n);
  return m;
}

/**
 * The figures of a "sơ kết" report for an area and the period [from, to): tips received in the
 * period and what became of them (resolved, valuable, medians), and the warnings started in it.
 * Three queries run side by side, each one pass over the area's rows: the tips' counts by
 * category × channel × week (rolled up here), the medians, and the warnings.
 *
 * A warning belongs to the area it reached, not to who sent it: each delivered message counts
 * for the ward of its recipient (the group's ward, or the ward of the resident's subscription, as
 * the audience was chosen; the row outlives an unsubscribe), from the same delivery rows
 * `campaignResults` counts; reach is the delivery's recorded `reach`.
 */
export async function reportFigures(db: Db, q: ReportArea & { from: Date; to: Date }): Promise<ReportFigures> {
  const where = tipWhere(q, q.from, q.to);
  const [cells, [medians], [warn]] = await Promise.all([
    // Grouped by the enum itself and cast outside: grouping by text made the planner sort (and
    // spill) 100,000 rows instead of hashing a few thousand groups.
    db.$queryRaw<Cell[]>`
      SELECT "category", "channel"::text AS "channel", "week", "n", "duplicates", "valuable", "not_valuable", "resolved" FROM (
        SELECT "category", "channel", ${WEEK_OF} AS "week", count(*)::int AS "n",
          (count(*) FILTER (WHERE "mergedIntoId" IS NOT NULL))::int AS "duplicates",
          (count(*) FILTER (WHERE "valuable"))::int AS "valuable",
          (count(*) FILTER (WHERE NOT "valuable"))::int AS "not_valuable",
          (count(*) FILTER (WHERE "status" = 'RESOLVED' AND "mergedIntoId" IS NULL))::int AS "resolved"
        FROM "Tip" WHERE ${where}
        GROUP BY 1, 2, 3) cells`,
    // date_part gives double precision (extract gives numeric, several times slower to sort).
    db.$queryRaw<Medians[]>`
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY date_part('epoch', "firstActionAt" - "createdAt"))
          FILTER (WHERE "firstActionAt" IS NOT NULL AND "mergedIntoId" IS NULL) AS "first",
        percentile_cont(0.5) WITHIN GROUP (ORDER BY date_part('epoch', "resolvedAt" - "createdAt"))
          FILTER (WHERE "status" = 'RESOLVED' AND "resolvedAt" IS NOT NULL AND "mergedIntoId" IS NULL) AS "resolution"
      FROM "Tip" WHERE ${where}`,
    db.$queryRaw<WarningTotals[]>`
      WITH sent AS (
        SELECT d."id", d."campaignId", d."groupId", d."residentId", d."reach"
        FROM "CampaignDelivery" d
        LEFT JOIN "ChatGroup" g ON g."id" = d."groupId"
        LEFT JOIN "Subscription" s ON s."residentId" = d."residentId"
        JOIN "Ward" w ON w."id" = COALESCE(g."wardId", s."wardId")
        WHERE d."status" = 'SENT' AND ${wardFilter(q)}
          AND d."campaignId" IN (SELECT "id" FROM "Campaign" WHERE "startedAt" >= ${q.from} AND "startedAt" < ${q.to})
      ), recipients AS (
        SELECT "groupId", "residentId", max("reach") AS "reach", count(*) AS "n" FROM sent GROUP BY "groupId", "residentId"
      )
      SELECT (SELECT count(*) FROM (SELECT DISTINCT "campaignId" FROM sent) c)::int AS "warnings",
        (SELECT coalesce(sum("n"), 0) FROM recipients)::int AS "deliveries",
        (SELECT count(*) FROM recipients WHERE "groupId" IS NOT NULL)::int AS "groups",
        (SELECT coalesce(sum("reach"), 0) FROM recipients WHERE "groupId" IS NOT NULL)::int AS "members",
        (SELECT count(*) FROM recipients WHERE "residentId" IS NOT NULL)::int AS "residents",
        (SELECT count(*) FROM "CampaignReply" rp JOIN sent ON sent."id" = rp."deliveryId")::int AS "replies"`,
  ]);
  const sum = (k: "n" | "duplicates" | "valuable" | "not_valuable" | "resolved") => cells.reduce((s, c) => s + c[k], 0);
  // Every week of the period, empty ones too, so the chart's time axis is even.
  const tipsInWeek = countBy(cells, (c) => String(c.week));
  const perWeek: ReportFigures["perWeek"] = [];
  for (let w = weekOf(q.from); w <= weekOf(new Date(q.to.getTime() - 1)); w++) perWeek.push({ weekStart: weekStart(w), count: tipsInWeek.get(String(w)) ?? 0 });
  const ranked = <K extends string>(m: Map<K, number>) => [...m].sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  return {
    received: sum("n"),
    duplicates: sum("duplicates"),
    valuable: sum("valuable"),
    notValuable: sum("not_valuable"),
    resolved: sum("resolved"),
    byCategory: ranked(countBy(cells, (c) => c.category)).map(([category, count]) => ({ category, count })),
    byChannel: ranked(countBy(cells, (c) => c.channel)).map(([channel, count]) => ({ channel, count })),
    perWeek,
    medianFirstActionMinutes: minutes(medians?.first),
    medianResolutionMinutes: minutes(medians?.resolution),
    warningsSent: warn?.warnings ?? 0,
    deliveriesSent: warn?.deliveries ?? 0,
    groupsReached: warn?.groups ?? 0,
    membersReached: warn?.members ?? 0,
    residentsReached: warn?.residents ?? 0,
    replies: warn?.replies ?? 0,
  };
}
