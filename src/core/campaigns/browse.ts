import { Prisma } from "../../generated/prisma/client.js";
import type { CampaignStatus } from "../../generated/prisma/enums.js";
import type { Db } from "../../db/client.js";
import type { OfficerRef } from "../officers.js";
import { parseTarget, type Target } from "./target.js";

/**
 * The campaigns an officer may see, as SQL on `"Campaign" c`: their own, and those whose
 * target reaches their area (a warning belongs to the area it reached, as in the reports):
 * a ward's officers see what was sent to their ward, their province or everyone; a province
 * officer what was sent to any ward of the province, the province or everyone; admins all.
 */
function scopeSql(officer: OfficerRef): Prisma.Sql {
  if (officer.role === "ADMIN") return Prisma.sql`TRUE`;
  const own = Prisma.sql`c."officerId" = ${officer.id}`;
  const everyone = Prisma.sql`c."target" @> '{"all": true}'::jsonb`;
  if (officer.role === "PROVINCE_OFFICER") {
    if (!officer.provinceCode) return own;
    const p = officer.provinceCode;
    return Prisma.sql`(${own} OR ${everyone}
      OR c."target"->'provinceCodes' @> jsonb_build_array(${p}::text)
      OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(c."target"->'wardIds') e JOIN "Ward" w ON w."id" = e::int WHERE w."provinceCode" = ${p}))`;
  }
  if (!officer.wardId) return own;
  const w = officer.wardId;
  return Prisma.sql`(${own} OR ${everyone}
    OR c."target"->'wardIds' @> jsonb_build_array(${w}::int)
    OR c."target"->'provinceCodes' @> jsonb_build_array((SELECT "provinceCode" FROM "Ward" WHERE "id" = ${w})))`;
}

const rowSelect = {
  id: true,
  title: true,
  status: true,
  templateKey: true,
  target: true,
  plainText: true,
  sourceMessageIds: true,
  createdAt: true,
  scheduledAt: true,
  startedAt: true,
  finishedAt: true,
  officerId: true,
  officer: { select: { displayName: true } },
} as const;

export type CampaignRow = {
  id: number;
  title: string;
  status: CampaignStatus;
  templateKey: string | null;
  target: Target;
  /** The text recipients get (or, for a chat message copied to them, its text or caption). */
  plainText: string | null;
  /** Composed in the chat: recipients get a copy of the officer's message (possibly with media). */
  copiedFromChat: boolean;
  createdAt: Date;
  scheduledAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  officerId: number;
  sender: string;
};

type Raw = Prisma.CampaignGetPayload<{ select: typeof rowSelect }>;
const toRow = ({ officer, target, sourceMessageIds, ...c }: Raw): CampaignRow => ({
  ...c,
  target: parseTarget(target),
  copiedFromChat: sourceMessageIds.length > 0,
  sender: officer.displayName,
});

/** A page of the campaigns an officer may see, newest first; `next` is the `before` of the following page. */
export async function campaignsForOfficer(db: Db, officer: OfficerRef, page: { before?: number; take: number }): Promise<{ rows: CampaignRow[]; next: number | null }> {
  const before = page.before ? Prisma.sql`AND c."id" < ${page.before}` : Prisma.empty;
  const ids = await db.$queryRaw<Array<{ id: number }>>`
    SELECT c."id" FROM "Campaign" c WHERE ${scopeSql(officer)} ${before} ORDER BY c."id" DESC LIMIT ${page.take + 1}`;
  const pageIds = ids.slice(0, page.take).map((r) => r.id);
  const rows = pageIds.length ? await db.campaign.findMany({ where: { id: { in: pageIds } }, orderBy: { id: "desc" }, select: rowSelect }) : [];
  return { rows: rows.map(toRow), next: ids.length > page.take ? pageIds[pageIds.length - 1]! : null };
}

/** One campaign, if the officer may see it (else null, as if it did not exist). */
export async function campaignForOfficer(db: Db, officer: OfficerRef, id: number): Promise<CampaignRow | null> {
  const [hit] = await db.$queryRaw<Array<{ id: number }>>`SELECT c."id" FROM "Campaign" c WHERE c."id" = ${id} AND ${scopeSql(officer)}`;
  if (!hit) return null;
  const row = await db.campaign.findUnique({ where: { id }, select: rowSelect });
  return row ? toRow(row) : null;
}

export type Figures = {
  /** Recipients recorded so far (every delivery row). */
  targeted: number;
  sent: number;
  /** Not sent yet (waiting, or being sent right now). */
  pending: number;
  failed: number;
  blocked: number;
  skipped: number;
  /** The worker stopped mid-send: it may have arrived, and is never sent again. */
  unconfirmed: number;
  groupsReached: number;
  /** Members of the groups reached (each group's member count when sent). */
  membersReached: number;
  residentsReached: number;
  replies: number;
};

const none = (): Figures => ({ targeted: 0, sent: 0, pending: 0, failed: 0, blocked: 0, skipped: 0, unconfirmed: 0, groupsReached: 0, membersReached: 0, residentsReached: 0, replies: 0 });

/** Delivery figures of several campaigns at once (for a page of the list), counted from the delivery rows. */
export async function campaignFigures(db: Db, ids: number[]): Promise<Map<number, Figures>> {
  const out = new Map(ids.map((id) => [id, none()]));
  if (!ids.length) return out;
  const [byStatus, groups, replies] = await Promise.all([
    db.campaignDelivery.groupBy({ by: ["campaignId", "status"], where: { campaignId: { in: ids } }, _count: { _all: true } }),
    db.campaignDelivery.groupBy({ by: ["campaignId"], where: { campaignId: { in: ids }, status: "SENT", groupId: { not: null } }, _count: { _all: true }, _sum: { reach: true } }),
    db.campaignReply.groupBy({ by: ["campaignId"], where: { campaignId: { in: ids } }, _count: { _all: true } }),
  ]);
  for (const b of byStatus) {
    const f = out.get(b.campaignId)!;
    const n = b._count._all;
    f.targeted += n;
    if (b.status === "SENT") f.sent += n;
    else if (b.status === "PENDING" || b.status === "SENDING") f.pending += n;
    else if (b.status === "FAILED") f.failed += n;
    else if (b.status === "BLOCKED") f.blocked += n;
    else if (b.status === "SKIPPED") f.skipped += n;
    else if (b.status === "UNCONFIRMED") f.unconfirmed += n;
  }
  for (const g of groups) Object.assign(out.get(g.campaignId)!, { groupsReached: g._count._all, membersReached: g._sum.reach ?? 0 });
  for (const r of replies) out.get(r.campaignId)!.replies = r._count._all;
  for (const f of out.values()) f.residentsReached = f.sent - f.groupsReached;
  return out;
}

/** Names of the wards and provinces some targets name, to show them. */
export async function areaNames(db: Db, targets: Target[]): Promise<{ wards: Map<number, string>; provinces: Map<string, string> }> {
  const wardIds = [...new Set(targets.flatMap((t) => t.wardIds))];
  const codes = [...new Set(targets.flatMap((t) => t.provinceCodes))];
  const [wards, provinces] = await Promise.all([
    wardIds.length ? db.ward.findMany({ where: { id: { in: wardIds } }, select: { id: true, name: true } }) : [],
    codes.length ? db.province.findMany({ where: { code: { in: codes } }, select: { code: true, name: true } }) : [],
  ]);
  return { wards: new Map(wards.map((w) => [w.id, w.name])), provinces: new Map(provinces.map((p) => [p.code, p.name])) };
}
