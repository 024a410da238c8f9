import type { Redis } from "ioredis";

/**
 * GCRA pacing per sender: each update gets the earliest time it may be handled, at most
 * `perMinute` a minute after a burst of `burst`. A flooding resident's updates are delayed,
 * never dropped, and nobody else waits for them. The slot is remembered per update, so a
 * retried job keeps its place instead of queueing again.
 */
const SCRIPT = `
local slot = redis.call("get", KEYS[2])
if slot then return tonumber(slot) end
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local tau = tonumber(ARGV[3])
local tat = tonumber(redis.call("get", KEYS[1]) or "0")
if tat < now then tat = now end
local allowAt = tat - tau
if allowAt < now then allowAt = now end
local newTat = tat + interval
redis.call("set", KEYS[1], newTat, "PX", math.ceil(newTat - now + tau + 60000))
redis.call("set", KEYS[2], allowAt, "PX", math.ceil(allowAt - now + 600000))
return allowAt
`;

/** allowAt: the earliest time (ms) the update may be handled; delayMs: how far that is after `now`. */
export type Pace = { allowAt: number; delayMs: number };

export async function paceSender(redis: Redis, prefix: string, sender: string, updateKey: string, perMinute: number, now = Date.now()): Promise<Pace> {
  const interval = 60_000 / perMinute;
  const burst = Math.max(1, Math.floor(perMinute / 2));
  const allowAt = Number(
    await redis.eval(SCRIPT, 2, `${prefix}:pace:${sender}`, `${prefix}:pace:${sender}:${updateKey}`, now, interval, (burst - 1) * interval),
  );
  return { allowAt, delayMs: Math.max(0, allowAt - now) };
}

/** True once per `windowMs` per sender: for the one polite "please slow down" notice. */
export async function firstNotice(redis: Redis, prefix: string, sender: string, windowMs: number): Promise<boolean> {
  return (await redis.set(`${prefix}:pace-notice:${sender}`, "1", "PX", windowMs, "NX")) === "OK";
}
