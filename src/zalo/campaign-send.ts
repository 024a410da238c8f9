import { DelayedError, type Job } from "bullmq";
import { claimDelivery, failOrRelease, markBlocked, markOutcome, markSent, releaseDelivery, type LoadedDelivery } from "../core/campaigns/deliveries.js";
import type { Deps } from "../deps.js";
import { lockToken } from "../queue/workers.js";
import { sendZaloText } from "./send.js";
import { nextPromotionMorning } from "./window.js";

/**
 * Sends a campaign warning to one Zalo subscriber, at most once (the same claim as Telegram's
 * deliveries). Zalo cannot copy a Telegram message, so the warning's text goes; an OA send uses
 * a free reply inside the window, else a promotion from the month's quota (06:00–21:59 Vietnam
 * time, one per resident per day: else it waits for the morning), else is skipped.
 */
export async function deliverToZalo(deps: Deps, d: LoadedDelivery, job: Job): Promise<unknown> {
  const text = d.campaign.plainText?.trim();
  if (!text) return void (await markOutcome(deps.db, d.id, "SKIPPED", "zalo-needs-text"));
  if (!(await claimDelivery(deps.db, d.id))) return { skipped: "not claimable (paused, cancelled or taken)" };
  const now = new Date();
  let r;
  try {
    r = await sendZaloText(deps, d.resident!, text, "warning", now);
  } catch (err) {
    // Not sent (rate limit, network): hand it back; the last attempt records the failure.
    await failOrRelease(deps.db, d.id, err as Error, job.attemptsMade, job.opts.attempts ?? 1);
    throw err;
  }
  switch (r.kind) {
    case "sent":
      await markSent(deps.db, d.id, null, 1);
      return { sent: true };
    case "waiting":
      if (r.reason === "hours" || r.reason === "daily") {
        // A promotion may not go now (night, or this resident had today's): the delivery goes back
        // to PENDING and its job waits in the delayed set until 06:00 Vietnam time. The next run
        // checks the campaign again, so a pause or cancel made meanwhile still wins.
        await releaseDelivery(deps.db, d.id);
        await job.moveToDelayed(nextPromotionMorning(now).getTime(), lockToken(job));
        throw new DelayedError();
      }
      await markOutcome(deps.db, d.id, "SKIPPED", `zalo-${r.reason}`);
      return { skipped: r.reason };
    case "gone":
      await markBlocked(deps.db, d, r.reason);
      return { blocked: true };
    case "refused":
      await markOutcome(deps.db, d.id, "FAILED", r.reason);
      return { failed: r.reason };
  }
}
