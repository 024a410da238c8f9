import type { Job } from "bullmq";
import { claimDelivery, failOrRelease, markBlocked, markOutcome, markSent, type LoadedDelivery } from "../core/campaigns/deliveries.js";
import type { Deps } from "../deps.js";
import { sendZaloText } from "./send.js";

/**
 * Sends a campaign warning to one Zalo subscriber, at most once (the same claim as Telegram's
 * deliveries). Zalo cannot copy a Telegram message, so the warning's text goes; an OA send uses
 * a free reply inside the window, else one of the month's proactive messages, else is skipped.
 */
export async function deliverToZalo(deps: Deps, d: LoadedDelivery, job: Job): Promise<unknown> {
  const text = d.campaign.plainText?.trim();
  if (!text) return void (await markOutcome(deps.db, d.id, "SKIPPED", "zalo-needs-text"));
  if (!(await claimDelivery(deps.db, d.id))) return { skipped: "not claimable (paused, cancelled or taken)" };
  let r;
  try {
    r = await sendZaloText(deps, d.resident!, text, "warning");
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
      await markOutcome(deps.db, d.id, "SKIPPED", r.reason === "quota" ? "zalo-quota" : "zalo-window");
      return { skipped: r.reason };
    case "gone":
      await markBlocked(deps.db, d, r.reason);
      return { blocked: true };
    case "refused":
      await markOutcome(deps.db, d.id, "FAILED", r.reason);
      return { failed: r.reason };
  }
}
