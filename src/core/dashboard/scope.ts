import type { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../db/client.js";
import type { OfficerRef } from "../officers.js";

/** The tips an officer may see, as a filter: own ward; a province officer's province; everything for admins. */
export function tipScope(officer: OfficerRef): Prisma.TipWhereInput {
  if (officer.role === "ADMIN") return {};
  if (officer.role === "PROVINCE_OFFICER") return { provinceCode: officer.provinceCode ?? "-" };
  return { wardId: officer.wardId ?? -1 };
}

export type WardOption = { id: number; code: string; name: string; targetHours: number };

/** The wards an officer may see, as a filter: the same scope as `tipScope`. */
export function wardScope(officer: OfficerRef): Prisma.WardWhereInput {
  if (officer.role === "ADMIN") return {};
  if (officer.role === "PROVINCE_OFFICER") return { provinceCode: officer.provinceCode ?? "-" };
  return { id: officer.wardId ?? -1 };
}

/** The wards an officer may choose in filters, reports and transfers of their scope. */
export async function wardsInScope(db: Db, officer: OfficerRef): Promise<WardOption[]> {
  return db.ward.findMany({ where: wardScope(officer), orderBy: { nameAscii: "asc" }, select: { id: true, code: true, name: true, targetHours: true } });
}

/** Where a tip can be transferred to from the dashboard's list: the other wards of its province (any ward code is accepted). */
export async function transferChoices(db: Db, tip: { ward: { id: number } | null; provinceCode: string | null }): Promise<WardOption[]> {
  if (!tip.provinceCode) return [];
  return db.ward.findMany({
    where: { provinceCode: tip.provinceCode, ...(tip.ward ? { NOT: { id: tip.ward.id } } : {}) },
    orderBy: { nameAscii: "asc" },
    select: { id: true, code: true, name: true, targetHours: true },
  });
}
