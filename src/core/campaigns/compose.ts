import type { Db } from "../../db/client.js";
import type { I18n } from "../../i18n.js";
import type { OfficerRef } from "../officers.js";
import { isEmptyTarget, mayTarget, normalizeTag, type Target } from "./target.js";
import type { TemplateId } from "./templates.js";

/** Warnings go to residents in Vietnamese, whatever language the officer reads. */
export const WARNING_LOCALE = "vi" as const;
/** Telegram's limit for one text message; also what Zalo subscribers get at most. */
export const WARNING_TEXT_MAX = 4096;
/** At most this many tags narrow a campaign to some groups. */
export const TAGS_MAX = 20;

/** A campaign's title from the warning's own text: its first 60 characters on one line. */
export const warningTitle = (text: string): string => text.replace(/\s+/g, " ").trim().slice(0, 60);

/** A library warning as recipients get it (Vietnamese), with its short title. */
export function templateWarning(i18n: I18n, id: TemplateId): { title: string; text: string } {
  return { title: i18n.t(WARNING_LOCALE, `campaign-tpl-${id}-title`), text: i18n.t(WARNING_LOCALE, `campaign-tpl-${id}`) };
}

/** Tags as typed ("#chợ, #trường-học"), normalized and deduplicated, at most TAGS_MAX. */
export const parseTags = (text: string): string[] => [...new Set(text.split(/[\s,;]+/).map(normalizeTag).filter(Boolean))].slice(0, TAGS_MAX);

/**
 * The areas an officer is offered: their ward; their province (not for ward officers and
 * leaders); everywhere (administrators); wards or provinces picked by code (administrators
 * and province officers). Whatever is picked is still checked by `checkTarget`.
 */
export type AreaChoice = "ward" | "province" | "all" | "pick";
export function areaChoices(officer: OfficerRef): AreaChoice[] {
  const wardRole = officer.role === "WARD_OFFICER" || officer.role === "WARD_LEADER";
  return [
    ...(officer.wardId ? (["ward"] as const) : []),
    ...(officer.provinceCode && !wardRole ? (["province"] as const) : []),
    ...(officer.role === "ADMIN" ? (["all"] as const) : []),
    ...(officer.role === "ADMIN" || officer.role === "PROVINCE_OFFICER" ? (["pick"] as const) : []),
  ];
}

/**
 * Ward codes (5 digits) and province codes (2 digits) as an officer types them, separated by
 * spaces or commas. Null when nothing was given or a code is malformed or unknown.
 */
export async function areaFromCodes(db: Db, codes: string[]): Promise<{ wardIds: number[]; provinceCodes: string[] } | null> {
  const wardCodes = [...new Set(codes.filter((x) => /^\d{5}$/.test(x)))];
  const provinceCodes = [...new Set(codes.filter((x) => /^\d{2}$/.test(x)))];
  if (wardCodes.length + provinceCodes.length === 0 || wardCodes.length + provinceCodes.length !== new Set(codes).size) return null;
  const [wards, provinces] = await Promise.all([
    db.ward.findMany({ where: { code: { in: wardCodes } }, select: { id: true } }),
    db.province.count({ where: { code: { in: provinceCodes } } }),
  ]);
  if (wards.length !== wardCodes.length || provinces !== provinceCodes.length) return null;
  return { wardIds: wards.map((w) => w.id), provinceCodes };
}

export type TargetCheck = { ok: true } | { ok: false; reason: "empty" | "not-allowed" };

/**
 * Whether an officer may send to a target: it must name someone, and lie inside the
 * officer's area (`mayTarget`: broadcasters only; ward, province, or anywhere for admins).
 */
export async function checkTarget(db: Db, officer: OfficerRef, target: Target): Promise<TargetCheck> {
  if (!officer.canBroadcast) return { ok: false, reason: "not-allowed" };
  if (isEmptyTarget(target)) return { ok: false, reason: "empty" };
  const wards = await db.ward.findMany({ where: { id: { in: target.wardIds } }, select: { id: true, provinceCode: true } });
  const provinces = new Map(wards.map((w) => [w.id, w.provinceCode]));
  return mayTarget(officer, target, (id) => provinces.get(id) ?? null) ? { ok: true } : { ok: false, reason: "not-allowed" };
}
