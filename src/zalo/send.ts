import type { Deps } from "../deps.js";
import type { Channel } from "../generated/prisma/enums.js";
import { unseal } from "../crypto/identity.js";
import { holdSends, reserveSlot, sleep } from "../queue/pace.js";
import { classifyZaloError, ZaloApiError, type ZaloFailure } from "./errors.js";
import type { OaRecipient } from "./oa-client.js";
import { claimPromotion, PROMOTION_ERRORS } from "./promotion.js";
import { claimFreeReply, returnFreeReply } from "./window.js";

export type ZaloSendDeps = Pick<Deps, "db" | "redis" | "config" | "identity" | "metrics" | "zalo">;

/**
 * Why we write: a `reply` answers what the resident just wrote; a `relay` carries an officer's
 * question (only inside the free window: outside it, it waits for the resident to write);
 * a `warning` is a campaign (a free reply inside the window if open, else a promotion message
 * from the monthly quota, 06:00–21:59 Vietnam time, one per resident per Vietnam day).
 */
export type Purpose = "reply" | "relay" | "warning";

export type ZaloSendResult =
  | { kind: "sent"; messageId: string }
  | { kind: "waiting"; reason: "window" | "quota" | "hours" | "daily" }
  | { kind: "gone"; reason: string }
  | { kind: "refused"; reason: string };

export type ZaloRecipient = { id: number; channel: Channel; chatRef: string };

/** Both surfaces cap a message at 2,000 characters. */
export const MAX_ZALO_TEXT = 2000;

/** Thrown when Zalo asked us to slow down: every worker holds its Zalo sends, the job retries. */
export class ZaloRateLimitedError extends Error {
  override readonly name = "ZaloRateLimitedError";
}

export function splitText(text: string, max = MAX_ZALO_TEXT): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const cut = Math.max(rest.lastIndexOf("\n", max), rest.lastIndexOf(" ", max));
    const at = cut > max / 2 ? cut : max;
    parts.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}

const holdKey = (deps: ZaloSendDeps) => `${deps.config.redis.prefix}:zpace:hold`;

/** Waits for a send slot shared by every worker (ZALO_SEND_RATE_PER_SECOND). */
async function pace(deps: ZaloSendDeps, surface: "oa" | "bot"): Promise<void> {
  for (;;) {
    const slot = await reserveSlot(deps.redis, `${deps.config.redis.prefix}:zpace:${surface}`, holdKey(deps), deps.config.zalo.sendRatePerSecond, 30_000);
    if (slot.reserved) {
      if (slot.waitMs > 0) await sleep(slot.waitMs);
      return;
    }
    await sleep(Math.min(slot.waitMs, 5_000));
  }
}

/** May this message go out now as a free reply? OA only; the Bot Platform has no window. */
async function allowance(deps: ZaloSendDeps, residentId: number, purpose: Purpose, now: Date): Promise<"free" | "window" | "promote"> {
  const oa = deps.config.zalo.oa;
  if (!oa.enabled) return "free";
  if (await claimFreeReply(deps.db, residentId, oa, now)) return "free";
  // Outside the window a consultation message would be refused (-230) or billed as the wrong kind:
  // a warning goes as the OA's proactive kind, a promotion (see promotion.ts).
  return purpose === "warning" ? "promote" : "window";
}

/** The promotion template needs a header; the warning's own text follows in text elements. */
const PROMOTION_HEADER = "⚠️ Cảnh báo";

/** A warning outside the free window: one promotion message, within Zalo's hours and daily limit. */
async function sendPromotion(deps: ZaloSendDeps, to: ZaloRecipient, recipient: OaRecipient, text: string, now: Date): Promise<ZaloSendResult> {
  const oa = deps.config.zalo.oa;
  if (!oa.enabled || !("user_id" in recipient)) return { kind: "waiting", reason: "window" };
  const claim = await claimPromotion({ db: deps.db, redis: deps.redis, prefix: deps.config.redis.prefix, monthlyQuota: oa.monthlyQuota }, to.id, text, now);
  if (claim === "too-long") return { kind: "refused", reason: "zalo-too-long" };
  if (typeof claim === "string") return { kind: "waiting", reason: claim };
  await pace(deps, "oa");
  try {
    const sent = await deps.zalo.oa!.sendPromotion(recipient, PROMOTION_HEADER, text);
    deps.metrics.inc("wardline_sends_total", { channel: "zalo-oa-promotion", result: "ok" });
    return { kind: "sent", messageId: sent.messageId };
  } catch (err) {
    const f = classifyZaloError(err);
    deps.metrics.inc("wardline_sends_total", { channel: "zalo-oa-promotion", result: f.kind });
    // Zalo answered an error, or told us to slow down: certainly not sent, so the quota unit and
    // the day's promotion go back. A timeout or 5xx ("retry") may have been sent: both are kept
    // (the retry then waits for the next morning rather than risk a second promotion).
    if (f.kind !== "retry") await claim.release();
    // Zalo's own hours and daily limit (assumed codes, see README): wait as if we had seen it first.
    if (err instanceof ZaloApiError && err.code === PROMOTION_ERRORS.outsideHours) return { kind: "waiting", reason: "hours" };
    if (err instanceof ZaloApiError && err.code === PROMOTION_ERRORS.dailyLimit) return { kind: "waiting", reason: "daily" };
    return afterFailure(deps, to, f);
  }
}

/**
 * What a failed send means, for a reply and a promotion alike: a rate limit holds every worker's
 * Zalo sends and retries; a send that may have gone is retried; a resident who left is marked
 * unreachable; a closed window waits for the resident to write; anything else is refused.
 */
async function afterFailure(deps: ZaloSendDeps, to: ZaloRecipient, f: ZaloFailure): Promise<ZaloSendResult> {
  switch (f.kind) {
    case "rate-limited":
      await holdSends(deps.redis, holdKey(deps), f.retryAfterMs);
      throw new ZaloRateLimitedError("Zalo asked us to slow down");
    case "retry":
      throw f.error;
    case "gone":
      await deps.db.resident.update({ where: { id: to.id }, data: { unreachable: true } });
      return { kind: "gone", reason: f.reason };
    case "window-closed":
      await deps.db.resident.update({ where: { id: to.id }, data: { windowOpenedAt: null } });
      return { kind: "waiting", reason: "window" };
    case "refused":
      return { kind: "refused", reason: f.reason };
  }
}

/** Sends text to a resident on Zalo within Zalo's rules; see {@link Purpose}. */
export async function sendZaloText(deps: ZaloSendDeps, to: ZaloRecipient, text: string, purpose: Purpose, now = new Date()): Promise<ZaloSendResult> {
  const surface = to.channel === "ZALO_OA" ? "oa" : to.channel === "ZALO_BOT" ? "bot" : null;
  const client = surface === "oa" ? deps.zalo.oa : surface === "bot" ? deps.zalo.bot : null;
  if (!surface || !client) throw new Error(`Zalo ${surface ?? to.channel} is not configured on this worker`);
  const address = unseal(deps.identity, to.chatRef).toString("utf8");
  let first: string | null = null;
  const parts = splitText(text);
  for (const [i, part] of parts.entries()) {
    const allowed = surface === "oa" ? await allowance(deps, to.id, purpose, now) : "free";
    if (allowed === "window") return { kind: "waiting", reason: "window" };
    if (allowed === "promote") {
      const r = await sendPromotion(deps, to, JSON.parse(address) as OaRecipient, parts.slice(i).join("\n"), now);
      return r.kind === "sent" ? { kind: "sent", messageId: first ?? r.messageId } : r;
    }
    await pace(deps, surface);
    try {
      const sent =
        surface === "oa" ? await deps.zalo.oa!.sendText(JSON.parse(address) as OaRecipient, part) : await deps.zalo.bot!.sendMessage(address, part);
      first ??= sent.messageId;
      deps.metrics.inc("wardline_sends_total", { channel: `zalo-${surface}`, result: "ok" });
    } catch (err) {
      const f = classifyZaloError(err);
      deps.metrics.inc("wardline_sends_total", { channel: `zalo-${surface}`, result: f.kind });
      if (allowed === "free" && (f.kind === "rate-limited" || f.kind === "retry")) await returnFreeReply(deps.db, to.id);
      return afterFailure(deps, to, f);
    }
  }
  return { kind: "sent", messageId: first ?? "" };
}
