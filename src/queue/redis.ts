import { Redis, type RedisOptions } from "ioredis";
import { StartupError } from "../errors.js";

export type RedisRole = "producer" | "worker";

/**
 * Producers fail fast when Redis is down (no offline queue: a webhook must not answer 200
 * for a job Redis never took); workers wait for Redis forever (BullMQ requires it).
 */
export function createRedis(url: string, role: RedisRole, extra: RedisOptions = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: role === "worker" ? null : 1,
    enableOfflineQueue: role === "worker",
    connectTimeout: 5_000,
    lazyConnect: false,
    ...extra,
  });
}

export function describeRedis(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || "6379"}`;
  } catch {
    return url;
  }
}

/** Fails at once, naming the address and how to start Redis, when it does not answer PING. */
export async function checkRedis(url: string): Promise<void> {
  const probe = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: 3_000,
    retryStrategy: () => null,
  });
  probe.on("error", () => undefined);
  try {
    await probe.connect();
    await probe.ping();
  } catch (err) {
    throw new StartupError(
      `Redis is unreachable at ${describeRedis(url)} (${(err as Error).message})`,
      "Start one with `redis-server --appendonly yes` or `docker compose up -d redis`, or set REDIS_URL to where it runs.",
    );
  } finally {
    probe.disconnect();
  }
}
