import type { Db } from "../db/client.js";
import type { OfficerRole } from "../generated/prisma/enums.js";

export const ROLES = ["WARD_OFFICER", "WARD_LEADER", "PROVINCE_OFFICER", "ADMIN"] as const satisfies readonly OfficerRole[];

export type OfficerInput = {
  telegramUserId: string;
  displayName: string;
  role: OfficerRole;
  wardCode?: string | undefined;
  provinceCode?: string | undefined;
  canBroadcast: boolean;
};

export type SaveResult = { ok: true; id: number } | { ok: false; reason: "no-ward" | "ward-needed" | "province-needed" };

/** Registers an officer by Telegram id, or updates them (and reactivates them); used by the CLI and the admin page. */
export async function saveOfficer(db: Db, input: OfficerInput): Promise<SaveResult> {
  const ward = input.wardCode ? await db.ward.findUnique({ where: { code: input.wardCode }, select: { id: true, provinceCode: true } }) : null;
  if (input.wardCode && !ward) return { ok: false, reason: "no-ward" };
  if ((input.role === "WARD_OFFICER" || input.role === "WARD_LEADER") && !ward) return { ok: false, reason: "ward-needed" };
  const provinceCode = input.provinceCode || ward?.provinceCode || null;
  if (input.role === "PROVINCE_OFFICER" && !provinceCode) return { ok: false, reason: "province-needed" };
  const data = { displayName: input.displayName, role: input.role, wardId: ward?.id ?? null, provinceCode, canBroadcast: input.canBroadcast, active: true };
  const telegramUserId = BigInt(input.telegramUserId);
  const officer = await db.officer.upsert({ where: { telegramUserId }, create: { telegramUserId, ...data }, update: data, select: { id: true } });
  return { ok: true, id: officer.id };
}

/** Deactivating an officer also ends their dashboard sessions at once. */
export async function setOfficerActive(db: Db, officerId: number, active: boolean): Promise<boolean> {
  const r = await db.officer.updateMany({ where: { id: officerId }, data: { active } });
  if (!active) await db.webSession.deleteMany({ where: { officerId } });
  return r.count === 1;
}

export async function listOfficers(db: Db) {
  return db.officer.findMany({
    orderBy: [{ active: "desc" }, { displayName: "asc" }],
    select: { id: true, displayName: true, role: true, canBroadcast: true, active: true, provinceCode: true, ward: { select: { code: true, name: true } } },
  });
}

/** The time a ward gives itself to act on a tip; past it the dashboard flags the tip. */
export async function setWardTargetHours(db: Db, wardCode: string, hours: number): Promise<boolean> {
  const r = await db.ward.updateMany({ where: { code: wardCode }, data: { targetHours: hours } });
  return r.count === 1;
}
