import type { Db } from "../../db/client.js";
import { officerCovers, type OfficerRef } from "../officers.js";
import type { ReportArea } from "./figures.js";
import { wardScope } from "../dashboard/scope.js";

/** What a report is about, as in the address: `ward:<ward code>` or `province:<province code>`. */
export type ScopeKey = { kind: "ward" | "province"; code: string };

export type ReportScope = ScopeKey & { name: string; provinceCode: string; area: ReportArea };

export const formatScope = (s: ScopeKey) => `${s.kind}:${s.code}`;

export function parseScope(value: string | undefined): ScopeKey | null {
  const m = value ? /^(ward|province):([0-9A-Za-z]{1,10})$/.exec(value) : null;
  return m ? { kind: m[1] as ScopeKey["kind"], code: m[2]! } : null;
}

/** Whether an officer may read a whole province's report: its province officers and administrators. */
const mayReadProvince = (officer: OfficerRef, provinceCode: string) =>
  officer.role === "ADMIN" || (officer.role === "PROVINCE_OFFICER" && officer.provinceCode === provinceCode);

/**
 * The area of a report the officer may read, or null: outside the officer's scope a ward or
 * province does not exist (same answer as a wrong code).
 */
export async function resolveReportScope(db: Db, officer: OfficerRef, key: ScopeKey): Promise<ReportScope | null> {
  if (key.kind === "ward") {
    const ward = await db.ward.findUnique({ where: { code: key.code }, select: { id: true, name: true, provinceCode: true } });
    if (!ward || !officerCovers(officer, ward, null)) return null;
    return { ...key, name: ward.name, provinceCode: ward.provinceCode, area: { wardIds: [ward.id] } };
  }
  if (!mayReadProvince(officer, key.code)) return null;
  const province = await db.province.findUnique({ where: { code: key.code }, select: { name: true } });
  return province ? { ...key, name: province.name, provinceCode: key.code, area: { provinceCode: key.code } } : null;
}

/** The report an officer sees first: their ward, their province, or (administrators) the first province. */
export async function defaultReportScope(db: Db, officer: OfficerRef): Promise<ScopeKey | null> {
  if (officer.role === "WARD_OFFICER" || officer.role === "WARD_LEADER") {
    const ward = officer.wardId === null ? null : await db.ward.findUnique({ where: { id: officer.wardId }, select: { code: true } });
    return ward ? { kind: "ward", code: ward.code } : null;
  }
  if (officer.role === "PROVINCE_OFFICER") return officer.provinceCode ? { kind: "province", code: officer.provinceCode } : null;
  const first = await db.province.findFirst({ orderBy: { nameAscii: "asc" }, select: { code: true } });
  return first ? { kind: "province", code: first.code } : null;
}

export type ScopeOption = ScopeKey & { name: string };

/**
 * The areas offered in the report's picker: provinces the officer may read, then the wards of
 * the shown province in the officer's scope (for administrators, only that province's wards,
 * so the list stays short).
 */
export async function reportScopeOptions(db: Db, officer: OfficerRef, shownProvince: string | null): Promise<ScopeOption[]> {
  const provinces =
    officer.role === "ADMIN" ? await db.province.findMany({ orderBy: { nameAscii: "asc" }, select: { code: true, name: true } })
    : officer.role === "PROVINCE_OFFICER" && officer.provinceCode ? await db.province.findMany({ where: { code: officer.provinceCode }, select: { code: true, name: true } })
    : [];
  const wardWhere = officer.role === "ADMIN" ? { provinceCode: shownProvince ?? "-" } : wardScope(officer);
  const wards = await db.ward.findMany({ where: wardWhere, orderBy: { nameAscii: "asc" }, select: { code: true, name: true } });
  return [
    ...provinces.map((p) => ({ kind: "province" as const, code: p.code, name: p.name })),
    ...wards.map((w) => ({ kind: "ward" as const, code: w.code, name: w.name })),
  ];
}
