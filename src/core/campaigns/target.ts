import { z } from "zod";
import type { Prisma } from "../../generated/prisma/client.js";
import type { OfficerRef } from "../officers.js";

/**
 * Who a campaign reaches. Areas are a union (several wards, whole provinces, or everything);
 * tags narrow the groups to those carrying at least one of them (residents carry no tags, so
 * a tagged campaign goes to groups only).
 */
export const targetSchema = z.object({
  all: z.boolean().default(false),
  wardIds: z.array(z.number().int().positive()).max(500).default([]),
  provinceCodes: z.array(z.string().regex(/^\d{2}$/)).max(34).default([]),
  tags: z.array(z.string().min(1).max(40)).max(20).default([]),
  groups: z.boolean().default(true),
  residents: z.boolean().default(true),
});
export type Target = z.infer<typeof targetSchema>;

export function parseTarget(value: unknown): Target {
  return targetSchema.parse(value);
}

/** Tags as officers type them: "#Chợ Bến Thành" and "chợ-bến-thành" are the same tag. */
export function normalizeTag(raw: string): string {
  return raw.replace(/^#/, "").trim().toLowerCase().replace(/\s+/g, "-").slice(0, 40);
}

/** The ward filter of an area, on any row with a `ward` relation. */
function areaWhere(t: Target): Prisma.WardWhereInput | null {
  if (t.all) return null;
  return { OR: [{ id: { in: t.wardIds } }, { provinceCode: { in: t.provinceCodes } }] };
}

/** Audience groups of a target (attached to a ward, still with the bot). */
export function groupWhere(t: Target): Prisma.ChatGroupWhereInput {
  const area = areaWhere(t);
  return {
    channel: "TELEGRAM",
    purpose: "AUDIENCE",
    active: true,
    wardId: { not: null },
    ...(area ? { ward: area } : {}),
    ...(t.tags.length ? { tags: { hasSome: t.tags } } : {}),
  };
}

/** Active subscriptions of a target's residents. */
export function subscriptionWhere(t: Target): Prisma.SubscriptionWhereInput {
  const area = areaWhere(t);
  // Subscribers on every chat channel that can deliver a warning (web reporters cannot subscribe).
  return { active: true, resident: { channel: { in: ["TELEGRAM", "ZALO_OA", "ZALO_BOT"] } }, ...(area ? { ward: area } : {}) };
}

export const includesGroups = (t: Target) => t.groups;
export const includesResidents = (t: Target) => t.residents && t.tags.length === 0;

/**
 * Only officers allowed to broadcast, and only inside their area: a ward officer their ward,
 * a province officer their province, an administrator anywhere.
 */
export function mayTarget(officer: OfficerRef, t: Target, wardProvince: (wardId: number) => string | null): boolean {
  if (!officer.canBroadcast) return false;
  if (officer.role === "ADMIN") return true;
  if (t.all) return false;
  if (officer.role === "PROVINCE_OFFICER") {
    return officer.provinceCode !== null && t.provinceCodes.every((p) => p === officer.provinceCode) && t.wardIds.every((w) => wardProvince(w) === officer.provinceCode);
  }
  return t.provinceCodes.length === 0 && t.wardIds.length > 0 && t.wardIds.every((w) => w === officer.wardId);
}

/** A target that names no area reaches nobody (except "all"). */
export const isEmptyTarget = (t: Target) => (!t.all && t.wardIds.length === 0 && t.provinceCodes.length === 0) || (!t.groups && !includesResidents(t));
