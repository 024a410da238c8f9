import { z } from "zod";
import { loadCardData } from "../core/card.js";
import type { Deps } from "../deps.js";
import { defineJob } from "../queue/job.js";
import { exclusive } from "../queue/exclusive.js";
import { syncTelegramCard } from "../telegram/card-sync.js";
import { LIVE_SELECT, publishTipChange } from "../core/tips/live.js";

/** Brings a tip's inbox cards up to date: posts the card (with attachments) once, then edits it in place. */
export const syncCardJob = defineJob({
  queue: "outbound",
  name: "sync-card",
  schema: z.object({ tipId: z.number().int().positive() }),
  async handle(deps: Deps, { tipId }, job) {
    // Every change to a tip passes here, whoever made it: open dashboards hear of it first.
    if (job.attemptsMade === 0) {
      const tip = await deps.db.tip.findUnique({ where: { id: tipId }, select: LIVE_SELECT });
      if (tip) await publishTipChange(deps, tip, "changed");
    }
    return exclusive(deps.redis, `${deps.config.redis.prefix}:cardlock:${tipId}`, job, async () => {
      const card = await loadCardData(deps.db, deps.identity, tipId);
      if (!card) return { skipped: "no such tip" };
      if (!deps.bot) throw new Error("Telegram is not configured on this worker");
      return syncTelegramCard(deps, deps.bot.api, card);
    });
  },
});
