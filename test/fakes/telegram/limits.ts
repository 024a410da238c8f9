/** Token-bucket rate limits roughly like Telegram's (per chat, per group, global). */
import type { RateLimits } from "./types.js";

class Bucket {
  private tokens: number;
  private last: number;
  constructor(
    readonly capacity: number,
    /** tokens per millisecond */
    readonly rate: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.last = now;
  }
  private refill(now: number): void {
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) * this.rate);
    this.last = now;
  }
  /** Milliseconds until `cost` tokens are available (0 = now). */
  waitFor(cost: number, now: number): number {
    this.refill(now);
    const need = Math.min(cost, this.capacity) - this.tokens;
    return need <= 1e-9 ? 0 : need / this.rate;
  }
  take(cost: number): void {
    this.tokens -= Math.min(cost, this.capacity);
  }
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly cfg: Required<RateLimits>;

  constructor(limits: RateLimits) {
    this.cfg = {
      perChatPerSecond: limits.perChatPerSecond ?? 1,
      perChatBurst: limits.perChatBurst ?? 3,
      perGroupPerMinute: limits.perGroupPerMinute ?? 20,
      globalPerSecond: limits.globalPerSecond ?? 30,
    };
  }

  private bucket(key: string, capacity: number, perMs: number, now: number): Bucket {
    let b = this.buckets.get(key);
    if (!b) {
      b = new Bucket(capacity, perMs, now);
      this.buckets.set(key, b);
    }
    return b;
  }

  /**
   * Takes `cost` messages for `chatId` if every bucket allows it; otherwise takes nothing and
   * returns the whole seconds (≥ 1) to wait, as Telegram's `retry_after`.
   */
  consume(chatId: number, cost: number, now = Date.now()): number | null {
    const c = this.cfg;
    const buckets = [
      this.bucket("global", c.globalPerSecond, c.globalPerSecond / 1000, now),
      this.bucket(`chat:${chatId}`, c.perChatBurst, c.perChatPerSecond / 1000, now),
    ];
    if (chatId < 0) buckets.push(this.bucket(`group:${chatId}`, c.perGroupPerMinute, c.perGroupPerMinute / 60_000, now));
    const waitMs = Math.max(...buckets.map((b) => b.waitFor(cost, now)));
    if (waitMs > 0) return Math.max(1, Math.ceil(waitMs / 1000));
    for (const b of buckets) b.take(cost);
    return null;
  }

  reset(): void {
    this.buckets.clear();
  }
}
