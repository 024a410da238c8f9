import type { Db } from "../../db/client.js";
import { officerCovers, type OfficerRef } from "../officers.js";
import { act, apply, type ActionDeps, type ActionResult } from "./actions.js";

/** Leaders (ward leaders, province officers, administrators) hand a tip to an officer who covers its ward. */
export const canAssign = (officer: OfficerRef) => officer.role !== "WARD_OFFICER";

/** The active officers a tip of this ward can be assigned to. */
export async function assignableOfficers(db: Db, ward: { id: number; provinceCode: string } | null) {
  if (!ward) return [];
  const officers = await db.officer.findMany({
    where: { active: true, OR: [{ wardId: ward.id }, { role: "PROVINCE_OFFICER", provinceCode: ward.provinceCode }] },
    orderBy: { displayName: "asc" },
    select: { id: true, displayName: true, role: true, wardId: true, provinceCode: true, canBroadcast: true },
  });
  return officers.filter((o) => officerCovers(o, ward, ward.provinceCode));
}

/** A leader hands the tip to `officerId`; refused once the tip is resolved, even by a resolution made meanwhile. */
export async function assignTip(deps: ActionDeps, leader: OfficerRef, tipId: number, officerId: number): Promise<ActionResult> {
  return act(deps, leader, tipId, async (tip) => {
    if (!canAssign(leader)) return { ok: false, reason: "forbidden" };
    if (tip.status === "RESOLVED") return { ok: false, reason: "resolved" };
    const target = (await assignableOfficers(deps.db, tip.ward)).find((o) => o.id === officerId);
    if (!target) return { ok: false, reason: "not-officer" };
    return apply(deps, tip, leader, "assigned", { to: target.displayName, officerId: target.id }, { status: "CLAIMED", claimedById: target.id });
  });
}
