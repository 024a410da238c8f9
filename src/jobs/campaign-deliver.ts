import { DelayedError, type Job } from "bullmq";
import { z } from "zod";
import { residentChatId } from "../core/residents.js";
import { claimDelivery, failOrRelease, followMigration, loadDelivery, markBlocked, markOutcome, markSent, releaseDelivery, type LoadedDelivery } from "../core/campaigns/deliveries.js";
import type { Deps } from "../deps.js";
import { defineJob } from "../queue/job.js";
import { heldFor, holdSends, reserveSlot, sleep } from "../queue/pace.js";
import { lockToken, RateLimitedError } from "../queue/workers.js";
import { broadcastApi, copyWarning, sendWarningText } from "../telegram/campaign-send.js";
import { deliverToZalo } from "../zalo/campaign-send.js";

/** A claim older than this was left by a worker that died mid-send (grammY gives up after 30 s). */
export const IN_DOUBT_AFTER_MS = 45_000;
/** Telegram's free bulk limit; above it sends are paid broadcasts. */
const FREE_RATE = 30;

const stepBack = async (job: Job, untilMs: number): Promise<never> => {
  await job.moveToDelayed(untilMs, lockToken(job));
  throw new DelayedError();
};

const holdKey = (deps: Deps) => `${deps.config.redis.prefix}:bpace:hold`;

/**
 * Waits for this recipient's turn: 1 message/s per chat and 20/min per group (across
 * campaigns), then the overall rate shared by every worker. A long wait steps back into the
 * delayed set instead of holding a worker. After a 429 every worker holds its sends until
 * retry_after has passed, including those that had a slot already.
 */
async function pace(deps: Deps, d: LoadedDelivery, job: Job): Promise<void> {
  const prefix = deps.config.redis.prefix;
  const hold = holdKey(deps);
  const chat = d.group
    ? await reserveSlot(deps.redis, `${prefix}:bpace:g${d.group.id}`, hold, 20 / 60, 1_000)
    : await reserveSlot(deps.redis, `${prefix}:bpace:r${d.resident!.id}`, hold, 1, 1_000);
  if (!chat.reserved) return stepBack(job, Date.now() + chat.waitMs);
  const all = await reserveSlot(deps.redis, `${prefix}:bpace:all`, hold, deps.config.workers.sendRatePerSecond, 5_000);
  if (!all.reserved) return stepBack(job, Date.now() + all.waitMs);
  const wait = Math.max(chat.waitMs, all.waitMs);
  if (wait > 0) {
    await sleep(wait);
    const held = await heldFor(deps.redis, hold);
    if (held > 0) return stepBack(job, Date.now() + held);
  }
}

/**
 * Sends one campaign warning to one recipient, at most once: the delivery row is claimed
 * (PENDING → SENDING, only while the campaign runs) before the send and marked after it.
 * A claim found still open on a later run means a worker died during the send; since the
 * message may have arrived, it is recorded UNCONFIRMED and never resent.
 */
export const campaignDeliverJob = defineJob({
  queue: "broadcast",
  name: "campaign-deliver",
  schema: z.object({ deliveryId: z.number().int().positive(), gen: z.number().int().min(0) }),
  async handle(deps: Deps, { deliveryId, gen }, job) {
    const d = await loadDelivery(deps.db, deliveryId);
    if (!d) return { skipped: "no such delivery" };
    const c = d.campaign;
    if (c.generation !== gen) return { skipped: "stale generation" };
    if (d.status === "SENDING") {
      const since = Date.now() - (d.claimedAt?.getTime() ?? 0);
      if (since < IN_DOUBT_AFTER_MS) return stepBack(job, Date.now() + IN_DOUBT_AFTER_MS - since);
      await markOutcome(deps.db, d.id, "UNCONFIRMED", "interrupted");
      return { unconfirmed: true };
    }
    if (d.status !== "PENDING") return { skipped: d.status };
    if (c.status === "CANCELLED") return void (await markOutcome(deps.db, d.id, "SKIPPED", "cancelled"));
    if (c.status !== "RUNNING") return { parked: c.status }; // paused: a resume queues it again
    if (d.group && !d.group.active) return void (await markOutcome(deps.db, d.id, "SKIPPED", "group-inactive"));
    if (d.resident && !d.resident.subscription?.active) return void (await markOutcome(deps.db, d.id, "SKIPPED", "unsubscribed"));
    const recipient = d.group ?? d.resident;
    if (d.resident && (d.resident.channel === "ZALO_OA" || d.resident.channel === "ZALO_BOT")) return deliverToZalo(deps, d, job);
    if (!recipient || recipient.channel !== "TELEGRAM" || !deps.bot) throw new Error(`no sender for delivery ${d.id}`);
    // A warning composed on the dashboard has no chat message to copy: its text is sent instead.
    const text = c.sourceMessageIds.length ? null : c.plainText?.trim();
    if (text === "" || text === undefined) return void (await markOutcome(deps.db, d.id, "SKIPPED", "no-content"));

    await pace(deps, d, job);
    if (!(await claimDelivery(deps.db, d.id))) return { skipped: "not claimable (paused, cancelled or taken)" };
    const chatId = d.group ? d.group.chatId : residentChatId(deps.identity, d.resident!.chatRef);
    const api = broadcastApi(deps.bot.token, deps.config);
    const paid = deps.config.workers.sendRatePerSecond > FREE_RATE;
    const out = text === null ? await copyWarning(api, chatId, { chatId: c.sourceChatId, messageIds: c.sourceMessageIds }, paid) : await sendWarningText(api, chatId, text, paid);
    deps.metrics.inc("wardline_sends_total", { channel: "telegram", result: out.kind === "sent" ? "ok" : out.kind });
    switch (out.kind) {
      case "sent":
        await markSent(deps.db, d.id, out.messageId, d.group ? d.group.memberCount ?? 1 : 1);
        return { sent: true };
      case "rate-limited":
        await releaseDelivery(deps.db, d.id);
        await holdSends(deps.redis, holdKey(deps), out.retryAfterMs);
        throw new RateLimitedError(out.retryAfterMs);
      case "gone":
        await markBlocked(deps.db, d, out.reason);
        return { blocked: true };
      case "migrated":
        await followMigration(deps.db, d.group!.id, out.newChatId);
        await releaseDelivery(deps.db, d.id);
        throw new Error("group migrated to a supergroup: sending again to the new chat");
      case "refused":
        await markOutcome(deps.db, d.id, "FAILED", out.reason);
        return { failed: out.reason };
      case "retry":
        await failOrRelease(deps.db, d.id, out.error, job.attemptsMade, job.opts.attempts ?? 1);
        throw out.error;
      case "in-doubt":
        await markOutcome(deps.db, d.id, "UNCONFIRMED", out.reason);
        return { unconfirmed: true };
    }
  },
});
