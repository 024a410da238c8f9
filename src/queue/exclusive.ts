import { randomUUID } from "node:crypto";
import { DelayedError, type Job } from "bullmq";
import type { Redis } from "ioredis";
import { lockToken } from "./workers.js";

const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

/**
 * Runs `fn` while holding a Redis lock on `key`, so jobs about one thing (one chat, one tip's
 * card) never interleave across workers. If another job holds it, this job steps back into
 * the delayed set for a moment without spending an attempt.
 */
export async function exclusive<T>(redis: Redis, key: string, job: Job, fn: () => Promise<T>, ttlMs = 60_000): Promise<T> {
  const token = randomUUID();
  const ok = await redis.set(key, token, "PX", ttlMs, "NX");
  if (ok !== "OK") {
    await job.moveToDelayed(Date.now() + 100 + Math.floor(Math.random() * 100), lockToken(job));
    throw new DelayedError();
  }
  try {
    return await fn();
  } finally {
    await redis.eval(RELEASE, 1, key, token).catch(() => undefined);
  }
}
