import type { Redis } from "ioredis";

/**
 * Send slots shared by every worker (GCRA on Redis time, so worker clocks do not matter).
 * A slot is reserved only if it comes within `maxWaitMs`; otherwise nothing is taken and the
 * caller hears how long to step back. Slots are spread evenly (no burst beyond `burst`), which
 * is what keeps a fixed-window limiter's bursts at window edges from drawing 429s.
 */
const SCRIPT = `
local t = redis.call("time")
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local hold = tonumber(redis.call("get", KEYS[2]) or "0")
if hold > now then return {0, hold - now} end
local interval = tonumber(ARGV[1])
local tau = tonumber(ARGV[2])
local maxWait = tonumber(ARGV[3])
local tat = tonumber(redis.call("get", KEYS[1]) or "0")
if tat < now then tat = now end
local allowAt = tat - tau
if allowAt < now then allowAt = now end
if allowAt - now > maxWait then return {0, allowAt - now} end
local newTat = tat + interval
redis.call("set", KEYS[1], newTat, "PX", math.ceil(newTat - now + tau + 60000))
return {1, allowAt - now}
`;

export type Slot = { reserved: boolean; waitMs: number };

/**
 * Reserves the next slot of a `perSecond` pace at `key` (burst of `burst` sends). While
 * `holdKey` holds a time in the future (after a 429), nothing is reserved until then.
 */
export async function reserveSlot(redis: Redis, key: string, holdKey: string, perSecond: number, maxWaitMs: number, burst = 1): Promise<Slot> {
  const interval = 1000 / perSecond;
  const [reserved, waitMs] = (await redis.eval(SCRIPT, 2, key, holdKey, interval, (burst - 1) * interval, maxWaitMs)) as [number, number];
  return { reserved: reserved === 1, waitMs: Math.max(0, Number(waitMs)) };
}

const HOLD = `
local t = redis.call("time")
local untilMs = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + tonumber(ARGV[1])
local cur = tonumber(redis.call("get", KEYS[1]) or "0")
if untilMs > cur then redis.call("set", KEYS[1], untilMs, "PX", tonumber(ARGV[1]) + 1000) end
return 0
`;

/** Holds every send on `holdKey` for `ms` (Telegram said retry_after): slots reserved earlier are not used either. */
export async function holdSends(redis: Redis, holdKey: string, ms: number): Promise<void> {
  await redis.eval(HOLD, 1, holdKey, Math.ceil(ms));
}

/** Milliseconds still to wait on `holdKey` (0 when sending may go on). */
export async function heldFor(redis: Redis, holdKey: string): Promise<number> {
  const [value, [sec, usec]] = await Promise.all([redis.get(holdKey), redis.time()]);
  const now = Number(sec) * 1000 + Math.floor(Number(usec) / 1000);
  return Math.max(0, Number(value ?? 0) - now);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
