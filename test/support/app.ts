import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import pg from "pg";
import { Redis } from "ioredis";
import type { UserFromGetMe } from "grammy/types";
import { startApp, type App } from "../../src/app.js";
import { parseConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";

// node-postgres takes the user from PGUSER/USER, which some shells (CI, containers) leave unset.
const PG_USER = process.env["PGUSER"] || process.env["USER"] || "root";
export const PG_URL = process.env["TEST_DATABASE_URL"] ?? `postgresql://${PG_USER}@127.0.0.1:5432/test`;
export const REDIS_URL = process.env["TEST_REDIS_URL"] ?? "redis://127.0.0.1:6379";
export const TEST_TOKEN = "123456789:TEST-token_abcdefghijklmnopqrstuv";
export const WEBHOOK_SECRET = "test_secret_0123456789abcdef";

export const BOT_INFO: UserFromGetMe = {
  id: 123456789,
  is_bot: true,
  first_name: "Wardline",
  username: "wardline_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
} as UserFromGetMe;

export const uniqueName = (p: string) => `${p}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;

/** Everything the app logged, as parsed JSON lines (to assert on what logs contain). */
export type LogCapture = { lines: string[]; stream: Writable };
export function captureLogs(): LogCapture {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      cb();
    },
  });
  return { lines, stream };
}

export type TestApp = App & { schema: string; prefix: string; logs: LogCapture; baseUrl: string; stop(): Promise<void> };

/**
 * Starts the whole service in-process against the real PostgreSQL (own schema) and Redis
 * (own queue prefix), with Telegram pointed at `apiRoot` (a fake Bot API server).
 */
export async function startTestApp(opts: { apiRoot?: string; env?: Record<string, string>; schema?: string; prefix?: string } = {}): Promise<TestApp> {
  const schema = opts.schema ?? uniqueName("t");
  const prefix = opts.prefix ?? uniqueName("wlt");
  const config = parseConfig({
    NODE_ENV: "test",
    PORT: "0",
    HOST: "127.0.0.1",
    DATABASE_URL: PG_URL,
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    IDENTITY_KEY: randomBytes(32).toString("hex"),
    LOG_LEVEL: "debug",
    SHUTDOWN_TIMEOUT_MS: "3000",
    ...(opts.apiRoot
      ? {
          TELEGRAM_BOT_TOKEN: TEST_TOKEN,
          TELEGRAM_API_ROOT: opts.apiRoot,
          TELEGRAM_MODE: "webhook",
          TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
          PUBLIC_URL: "https://wardline.example.org",
        }
      : {}),
    ...opts.env,
  });
  const logs = captureLogs();
  // The service's own logger (src/logger.ts), writing JSON lines into memory.
  const log = createLogger({ level: "debug", pretty: false }, logs.stream);
  const app = await startApp(config, { log, schema, botInfo: BOT_INFO });
  return {
    ...app,
    schema,
    prefix,
    logs,
    baseUrl: app.address ?? "",
    async stop() {
      await app.shutdown("test done");
      await dropSchema(schema);
      await clearPrefix(prefix);
    },
  };
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
}

export async function clearPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== "0");
  await redis.quit();
}

/** Every key under `prefix` with its value (as text, whatever its type) and TTL: to look for what Redis keeps. */
export async function dumpRedis(prefix: string): Promise<Array<{ key: string; value: string; ttl: number }>> {
  const redis = new Redis(REDIS_URL);
  try {
    const out: Array<{ key: string; value: string; ttl: number }> = [];
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
      cursor = next;
      for (const key of keys) {
        const type = await redis.type(key);
        const value =
          type === "string" ? String(await redis.get(key))
          : type === "hash" ? JSON.stringify(await redis.hgetall(key))
          : type === "list" ? JSON.stringify(await redis.lrange(key, 0, -1))
          : type === "zset" ? JSON.stringify(await redis.zrange(key, 0, -1))
          : type === "stream" ? JSON.stringify(await redis.xrange(key, "-", "+"))
          : type === "set" ? JSON.stringify(await redis.smembers(key))
          : "";
        out.push({ key, value, ttl: await redis.ttl(key) });
      }
    } while (cursor !== "0");
    return out;
  } finally {
    redis.disconnect();
  }
}

export { eventually, WAIT_MS } from "./wait.js";
