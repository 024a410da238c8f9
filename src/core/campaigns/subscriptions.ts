import type { Db } from "../../db/client.js";

export type SubscribeResult = { ok: true; wardId: number } | { ok: false; reason: "no-ward" };

/** A resident subscribes to the warnings of their chosen ward (again: re-activates and follows a new ward). */
export async function subscribe(db: Db, resident: { id: number; wardId: number | null }): Promise<SubscribeResult> {
  if (!resident.wardId) return { ok: false, reason: "no-ward" };
  await db.subscription.upsert({
    where: { residentId: resident.id },
    create: { residentId: resident.id, wardId: resident.wardId },
    update: { wardId: resident.wardId, active: true },
  });
  return { ok: true, wardId: resident.wardId };
}

/** Stops every warning to this resident at once: delivery jobs check the subscription before sending. */
export async function unsubscribe(db: Db, residentId: number): Promise<boolean> {
  const r = await db.subscription.updateMany({ where: { residentId, active: true }, data: { active: false } });
  return r.count > 0;
}

