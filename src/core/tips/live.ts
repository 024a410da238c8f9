import type { Deps } from "../../deps.js";

/** What a dashboard hears when a tip changes: enough to decide who may see it, nothing about its content. */
export type TipChange = { code: string; wardId: number | null; provinceCode: string | null; kind: string };

export const liveChannel = (prefix: string) => `${prefix}:live`;

/**
 * Tells every open dashboard that a tip changed, whichever channel or page changed it. Best
 * effort: a missed notice costs a page reload, never data.
 */
export async function publishTipChange(deps: Pick<Deps, "db" | "redis" | "config" | "log">, tipId: number, kind: string): Promise<void> {
  try {
    const tip = await deps.db.tip.findUnique({ where: { id: tipId }, select: { code: true, wardId: true, provinceCode: true } });
    if (!tip) return;
    const change: TipChange = { ...tip, kind };
    await deps.redis.publish(liveChannel(deps.config.redis.prefix), JSON.stringify(change));
  } catch (err) {
    deps.log.warn({ err, tipId }, "live notice not published");
  }
}
