import { Queue, type DefaultJobOptions } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "../logger.js";
import { redisHealthOf } from "./redis.js";

/** `maintenance` holds periodic housekeeping (retention), apart from the queues whose figures people watch. */
export const QUEUE_NAMES = ["inbound", "routing", "outbound", "broadcast", "maintenance"] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];
export type Queues = Record<QueueName, Queue>;

/**
 * Retries are deliberate: exponential backoff with jitter, long enough to ride out a database
 * outage of many minutes (15 attempts ≈ 9 hours in all). Finished jobs are removed after an
 * hour (a redelivered update inside that hour is dropped at enqueue; the database dedupes the rest).
 */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 15,
  backoff: { type: "exponential", delay: 1_000, jitter: 0.3 },
  removeOnComplete: { age: 3_600, count: 50_000 },
  removeOnFail: { age: 7 * 24 * 3_600 },
};

export function createQueues(connection: Redis, prefix: string, log: Logger): Queues {
  const entries = QUEUE_NAMES.map((name) => {
    const queue = new Queue(name, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
    // Connection errors during a Redis outage are counted by its one outage line (src/queue/redis.ts).
    const health = redisHealthOf(connection);
    queue.on("error", health ? health.listener(log, { queue: name }, "queue error") : (err) => log.error({ err, queue: name }, "queue error"));
    return [name, queue] as const;
  });
  return Object.fromEntries(entries) as Queues;
}

export async function closeQueues(queues: Queues): Promise<void> {
  await Promise.all(Object.values(queues).map((q) => q.close()));
}
