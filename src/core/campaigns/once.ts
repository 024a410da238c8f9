import type { Deps } from "../../deps.js";
import { ensureStarted, launchCampaign } from "./control.js";
import type { NewCampaign } from "./store.js";

type OnceDeps = Pick<Deps, "db" | "queues">;

export type OnceResult = { id: number; launched: boolean };

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === "P2002";

/**
 * Launches a campaign at most once per key (a dashboard form's nonce, a chat draft's id). The
 * key is a unique column of the campaign, so a double click, a resent form, a retried chat job
 * or two processes racing all end at the one campaign that was recorded, and a launch that
 * stopped before queueing its start is completed.
 */
export async function launchOnce(deps: OnceDeps, key: string, c: NewCampaign): Promise<OnceResult> {
  const existing = await deps.db.campaign.findUnique({ where: { requestKey: key }, select: { id: true } });
  if (existing) {
    await ensureStarted(deps, existing.id);
    return { id: existing.id, launched: false };
  }
  try {
    const { id } = await launchCampaign(deps, { ...c, requestKey: key });
    return { id, launched: true };
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const winner = await deps.db.campaign.findUniqueOrThrow({ where: { requestKey: key }, select: { id: true } });
    return { id: winner.id, launched: false };
  }
}
