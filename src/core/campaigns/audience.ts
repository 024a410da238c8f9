import type { Db } from "../../db/client.js";
import { groupWhere, includesGroups, includesResidents, subscriptionWhere, type Target } from "./target.js";

/**
 * The audience is streamed in pages by keyset (never loaded whole): groups by id, then
 * subscriptions by id. A cursor is "g:<last group id>", "s:<last subscription id>", or
 * "d:<last delivery id>" for re-queueing the pending deliveries after a resume.
 */
export type Cursor = { phase: "g" | "s" | "d"; after: number };

export const formatCursor = (c: Cursor) => `${c.phase}:${c.after}`;
export function parseCursor(s: string): Cursor {
  const m = /^([gsd]):(\d+)$/.exec(s);
  if (!m) throw new Error(`bad audience cursor ${s}`);
  return { phase: m[1] as Cursor["phase"], after: Number(m[2]) };
}

/** Where the audience starts, or null if the target includes nobody. */
export function firstCursor(t: Target): string | null {
  if (includesGroups(t)) return "g:0";
  if (includesResidents(t)) return "s:0";
  return null;
}

export type Page = { deliveryIds: number[]; next: string | null };

/**
 * Turns the next page of the audience into delivery rows (idempotent: the unique keys skip
 * recipients already recorded) and returns the ids still to send, with the next cursor.
 */
export async function audiencePage(db: Db, campaignId: number, t: Target, cursor: Cursor, limit: number): Promise<Page> {
  if (cursor.phase === "g") {
    const groups = await db.chatGroup.findMany({ where: { ...groupWhere(t), id: { gt: cursor.after } }, orderBy: { id: "asc" }, take: limit, select: { id: true } });
    const ids = groups.map((g) => g.id);
    if (ids.length) await db.campaignDelivery.createMany({ data: ids.map((groupId) => ({ campaignId, groupId })), skipDuplicates: true });
    const pending = ids.length
      ? await db.campaignDelivery.findMany({ where: { campaignId, groupId: { in: ids }, status: "PENDING" }, orderBy: { id: "asc" }, select: { id: true } })
      : [];
    const next = ids.length === limit ? `g:${ids[ids.length - 1]}` : includesResidents(t) ? "s:0" : null;
    return { deliveryIds: pending.map((d) => d.id), next };
  }
  if (cursor.phase === "s") {
    const subs = await db.subscription.findMany({ where: { ...subscriptionWhere(t), id: { gt: cursor.after } }, orderBy: { id: "asc" }, take: limit, select: { id: true, residentId: true } });
    const residentIds = subs.map((s) => s.residentId);
    if (residentIds.length) await db.campaignDelivery.createMany({ data: residentIds.map((residentId) => ({ campaignId, residentId })), skipDuplicates: true });
    const pending = residentIds.length
      ? await db.campaignDelivery.findMany({ where: { campaignId, residentId: { in: residentIds }, status: "PENDING" }, orderBy: { id: "asc" }, select: { id: true } })
      : [];
    return { deliveryIds: pending.map((d) => d.id), next: subs.length === limit ? `s:${subs[subs.length - 1]!.id}` : null };
  }
  const pending = await db.campaignDelivery.findMany({ where: { campaignId, status: "PENDING", id: { gt: cursor.after } }, orderBy: { id: "asc" }, take: limit, select: { id: true } });
  return { deliveryIds: pending.map((d) => d.id), next: pending.length === limit ? `d:${pending[pending.length - 1]!.id}` : null };
}

export type AudienceSize = { groups: number; members: number; residents: number };

/** How many a target reaches right now (for the preview), counted in the database. */
export async function audienceSize(db: Db, t: Target): Promise<AudienceSize> {
  const [g, residents] = await Promise.all([
    includesGroups(t) ? db.chatGroup.aggregate({ where: groupWhere(t), _count: { _all: true }, _sum: { memberCount: true } }) : null,
    includesResidents(t) ? db.subscription.count({ where: subscriptionWhere(t) }) : 0,
  ]);
  return { groups: g?._count._all ?? 0, members: g?._sum.memberCount ?? 0, residents };
}
