import { createHmac } from "node:crypto";
import { clientOf } from "../http/client-address.js";
import type { WebDeps } from "./context.js";

/**
 * Spam brake for the public page, per client address, in Redis. The address itself is never
 * stored: a counter is keyed by an HMAC of it (under a key derived from IDENTITY_KEY, which
 * Redis never sees), starts at the first attempt and expires with its window, so after a few
 * minutes nothing about the address is left.
 */
export type Bucket = { name: string; limit: number; windowSeconds: number; perAddress: boolean };

export const LIMITS = {
  /** Tips sent from one address. */
  report: { name: "report", limit: 5, windowSeconds: 600, perAddress: true },
  /** Tips sent from everywhere together: a ceiling against a spread-out flood of the ward inboxes. */
  reportAll: { name: "report-all", limit: 300, windowSeconds: 600, perAddress: false },
  /** Status look-ups (code + key) from one address. */
  status: { name: "status", limit: 30, windowSeconds: 600, perAddress: true },
  /** Answers to officers from one address. */
  answer: { name: "answer", limit: 10, windowSeconds: 600, perAddress: true },
} as const satisfies Record<string, Bucket>;

export { clientOf };

export type Verdict = { ok: true } | { ok: false; retryAfterSeconds: number };

export type RateLimiter = {
  /**
   * Counts one attempt in each bucket in turn and stops at the first that is over its limit, so
   * one address past its own limit does not use up a shared ceiling listed after it.
   */
  hit(ip: string, ...buckets: Bucket[]): Promise<Verdict>;
};

export function createRateLimiter(deps: Pick<WebDeps, "redis" | "config" | "identity">): RateLimiter {
  // Its own key, so these hashes cannot be matched with residents' pseudonyms.
  const secret = createHmac("sha256", deps.identity.pseudonymKey).update("web-rate-limit-v1").digest();
  const prefix = `${deps.config.redis.prefix}:rl`;
  return {
    async hit(ip, ...buckets) {
      for (const b of buckets) {
        const who = b.perAddress ? `:${createHmac("sha256", secret).update(`${b.name}|${clientOf(ip)}`).digest("base64url").slice(0, 22)}` : "";
        const key = `${prefix}:${b.name}${who}`;
        const replies = await deps.redis.multi().incr(key).expire(key, b.windowSeconds, "NX").pttl(key).exec();
        const count = Number(replies?.[0]?.[1] ?? 0);
        const pttl = Number(replies?.[2]?.[1] ?? -1);
        if (count > b.limit) return { ok: false, retryAfterSeconds: pttl > 0 ? Math.ceil(pttl / 1000) : b.windowSeconds };
      }
      return { ok: true };
    },
  };
}
