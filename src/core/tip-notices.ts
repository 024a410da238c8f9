import type { Db } from "../db/client.js";

/**
 * Turns the tipster's notices (tip judged, tip closed) off or on. Kept on the Resident, so it
 * covers every tip from that chat; notices already sent are not undone.
 */
export async function setTipNotices(db: Db, residentId: number, on: boolean): Promise<void> {
  await db.resident.update({ where: { id: residentId }, data: { tipNotices: on } });
}
