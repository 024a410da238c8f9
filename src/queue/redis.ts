import { Redis, type RedisOptions } from "ioredis";
import { StartupError } from "../errors.js";
import { isErrorLike } from "../log-error.js";
import type { Logger } from "../logger.js";
import { createOutage, type Outage } from "../outage.js";

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

/** Socket-level failures: Redis is unreachable, not the command at fault. */
const CONNECTION_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "ECONNABORTED"]);
const CONNECTION_MESSAGES = /Connection is closed|Stream isn't writeable|Reached the max retries per request limit|ECONNREFUSED|connect ETIMEDOUT/;

export function isRedisConnectionError(err: unknown): boolean {
  if (!isErrorLike(err)) return false;
  const code = (err as { code?: unknown }).code;
  return (typeof code === "string" && CONNECTION_CODES.has(code)) || err.name === "MaxRetriesPerRequestError" || CONNECTION_MESSAGES.test(err.message);
}

/** Connection states in which a connection that was up is trying to get back. */
const LOST = new Set(["reconnecting", "connecting", "connect"]);

/**
 * One process's view of Redis: its connections (and the ones BullMQ duplicates from them) report
 * to one outage, logged once when Redis goes away and once when every connection is back.
 */
export type RedisHealth = {
  readonly outage: Outage;
  watch(conn: Redis): Redis;
  /**
   * True when `err` is a connection error the outage accounts for (starting it if need be):
   * then it is counted, not logged. Other errors are the caller's to log.
   */
  absorbs(err: unknown): boolean;
  /** An `error` listener for a BullMQ queue or worker on these connections. */
  listener(log: Logger, fields: Record<string, unknown>, msg: string): (err: Error) => void;
};

const healthOf = new WeakMap<Redis, RedisHealth>();

/** The health a connection reports to (set by `watch`), if any. */
export function redisHealthOf(conn: Redis): RedisHealth | undefined {
  return healthOf.get(conn);
}

export function createRedisHealth(log: Logger, url: string): RedisHealth {
  const conns = new Set<Redis>();
  const address = describeRedis(url);
  const outage = createOutage(log, { dependency: "redis", address, meanwhile: "jobs wait, webhooks answer 503, connections retry" });
  const someLost = () => [...conns].some((c) => LOST.has(c.status));
  const allBack = () => [...conns].every((c) => c.status === "ready" || c.status === "wait");
  const health: RedisHealth = {
    outage,
    absorbs(err) {
      if (!isRedisConnectionError(err) || (!outage.isDown() && !someLost())) return false;
      outage.failed(err);
      return true;
    },
    listener: (l, fields, msg) => (err) => {
      if (!health.absorbs(err)) l.error({ err, ...fields }, msg);
    },
    watch(conn) {
      conns.add(conn);
      healthOf.set(conn, health);
      // An error event of the connection itself is about the connection (its state may still say ready).
      conn.on("error", (err: Error) => {
        if (isRedisConnectionError(err)) outage.failed(err);
        else log.warn({ err, address }, "redis connection error");
      });
      conn.on("reconnecting", () => outage.count("reconnects"));
      conn.on("ready", () => {
        if (outage.isDown() && allBack()) outage.recovered();
      });
      conn.on("end", () => conns.delete(conn));
      // BullMQ gives each worker a blocking connection duplicated from this one: watched too.
      const duplicate = conn.duplicate.bind(conn);
      conn.duplicate = ((...args: Parameters<Redis["duplicate"]>) => health.watch(duplicate(...args))) as Redis["duplicate"];
      return conn;
    },
  };
  return health;
}
