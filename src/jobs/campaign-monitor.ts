import { GrammyError } from "grammy";
import { z } from "zod";
import { campaignResults, finishIfDone } from "../core/campaigns/store.js";
import type { Deps } from "../deps.js";
import { isLocale } from "../i18n.js";
import { defineJob, enqueue, jobId } from "../queue/job.js";
import { campaignButtons, campaignText } from "../telegram/campaign-view.js";

/** How often the sender's status message is brought up to date while a campaign runs. */
export const MONITOR_EVERY_MS = 2_000;

/**
 * Watches a running campaign: marks it done when nothing is left to send, and edits the
 * sender's status message with the figures. Reschedules itself while the campaign runs;
 * one last run after a pause or cancel shows the final state.
 */
export const campaignMonitorJob = defineJob({
  queue: "outbound",
  name: "campaign-monitor",
  schema: z.object({ campaignId: z.number().int().positive(), gen: z.number().int().min(0), seq: z.number().int().min(0) }),
  async handle(deps: Deps, { campaignId, gen, seq }) {
    const c = await deps.db.campaign.findUnique({ where: { id: campaignId }, select: { status: true, generation: true, statusChatId: true, statusMessageId: true, locale: true } });
    if (!c || c.generation !== gen) return { skipped: "stale" };
    if (c.status === "RUNNING") await finishIfDone(deps.db, campaignId);
    const r = await campaignResults(deps.db, campaignId);
    if (!r) return { skipped: "gone" };
    if (c.statusChatId && c.statusMessageId && deps.bot) {
      const locale = isLocale(c.locale) ? c.locale : "vi";
      await deps.bot.api
        .editMessageText(c.statusChatId, c.statusMessageId, campaignText(deps.i18n, locale, r), { reply_markup: campaignButtons(deps.i18n, locale, r) })
        .catch((err: unknown) => {
          // Unchanged figures are not an error; anything else is retried by the queue.
          if (!(err instanceof GrammyError && /not modified/.test(err.description))) throw err;
        });
    }
    if (r.status === "RUNNING") await enqueue(deps.queues, campaignMonitorJob, { campaignId, gen, seq: seq + 1 }, jobId("cm", campaignId, gen, seq + 1), { delay: MONITOR_EVERY_MS });
    return { status: r.status, sent: r.sent, pending: r.pending };
  },
});
