import { Redis } from "ioredis";
import pg from "pg";

/** Where the benchmarks find PostgreSQL and Redis: BENCH_* first, then the service's own settings. */
const PG_USER = process.env["PGUSER"] || process.env["USER"] || "root";
export const DATABASE_URL = process.env["BENCH_DATABASE_URL"] ?? process.env["DATABASE_URL"] ?? `postgresql://${PG_USER}@127.0.0.1:5432/test`;
export const REDIS_URL = process.env["BENCH_REDIS_URL"] ?? process.env["REDIS_URL"] ?? "redis://127.0.0.1:6379";


/** Removes a benchmark's PostgreSQL schema. */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** Removes a benchmark's Redis keys. */
export async function clearPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== "0");
  } finally {
    await redis.quit();
  }
}
