import type { Deps } from "../../deps.js";

/** What a dashboard hears when a tip changes: enough to decide who may see it, nothing about its content. */
export type TipChange = { code: string; wardId: number | null; provinceCode: string | null; kind: string };

export const liveChannel = (prefix: string) => `${prefix}:live`;

/** What to select of a tip to publish a change of it. */
export const LIVE_SELECT = { code: true, wardId: true, provinceCode: true } as const;

/**
 * Tells every open dashboard that a tip changed, whichever channel or page changed it. Best
 * effort: a missed notice costs a page reload, never data.
 */
export async function publishTipChange(deps: Pick<Deps, "redis" | "config" | "log">, tip: Omit<TipChange, "kind">, kind: string): Promise<void> {
  const change: TipChange = { code: tip.code, wardId: tip.wardId, provinceCode: tip.provinceCode, kind };
  try {
    await deps.redis.publish(liveChannel(deps.config.redis.prefix), JSON.stringify(change));
  } catch (err) {
    deps.log.warn({ err, code: tip.code }, "live notice not published");
  }
}
