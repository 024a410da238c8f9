import type { Deps } from "../deps.js";
import type { Channel } from "../generated/prisma/enums.js";
import { unseal } from "../crypto/identity.js";
import { holdSends, reserveSlot, sleep } from "../queue/pace.js";
import { classifyZaloError } from "./errors.js";
import type { OaRecipient } from "./oa-client.js";
import { claimFreeReply, claimQuota, returnFreeReply } from "./window.js";

export type ZaloSendDeps = Pick<Deps, "db" | "redis" | "config" | "identity" | "metrics" | "zalo">;

/**
 * Why we write: a `reply` answers what the resident just wrote; a `relay` carries an officer's
 * question (only inside the free window: outside it, it waits for the resident to write);
 * a `warning` is a campaign (inside the window if open, else from the monthly quota).
 */
export type Purpose = "reply" | "relay" | "warning";

export type ZaloSendResult =
  | { kind: "sent"; messageId: string }
  | { kind: "waiting"; reason: "window" | "quota" }
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

/** May this message go out now, and at whose cost? OA only; the Bot Platform has no window. */
async function allowance(deps: ZaloSendDeps, residentId: number, purpose: Purpose): Promise<"free" | "quota" | "window" | "no-quota"> {
  const oa = deps.config.zalo.oa;
  if (!oa.enabled) return "free";
  if (await claimFreeReply(deps.db, residentId, oa)) return "free";
  if (purpose !== "warning") return "window";
  return (await claimQuota(deps.db, oa.monthlyQuota)) ? "quota" : "no-quota";
}

/** Sends text to a resident on Zalo within Zalo's rules; see {@link Purpose}. */
export async function sendZaloText(deps: ZaloSendDeps, to: ZaloRecipient, text: string, purpose: Purpose): Promise<ZaloSendResult> {
  const surface = to.channel === "ZALO_OA" ? "oa" : to.channel === "ZALO_BOT" ? "bot" : null;
  const client = surface === "oa" ? deps.zalo.oa : surface === "bot" ? deps.zalo.bot : null;
  if (!surface || !client) throw new Error(`Zalo ${surface ?? to.channel} is not configured on this worker`);
  const address = unseal(deps.identity, to.chatRef).toString("utf8");
  let first: string | null = null;
  for (const part of splitText(text)) {
    const allowed = surface === "oa" ? await allowance(deps, to.id, purpose) : "free";
    if (allowed === "window") return { kind: "waiting", reason: "window" };
    if (allowed === "no-quota") return { kind: "waiting", reason: "quota" };
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
  }
  return { kind: "sent", messageId: first ?? "" };
}
