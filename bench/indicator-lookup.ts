/**
 * Scam check lookup: one resident's question looked up (lookupIndicators: the indicator by its
 * key, with the count of other residents' reports) with 1,000 indicators stored, then with
 * 1,000,000 (each with a report), in the same run and table. The ratio shows how the answer's
 * cost grows with the store.
 *
 *   BENCH_INDICATORS=1000000 npm run bench -- indicator
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { createDb, type Db } from "../src/db/client.js";
import { migrate } from "../src/db/migrate.js";
import { lookupIndicators } from "../src/core/scam/store.js";
import { projectRoot } from "../src/project-root.js";
import { DATABASE_URL } from "./support.js";

const TOTAL = Number(process.env["BENCH_INDICATORS"] ?? 1_000_000);
const SMALL = 1_000;
const LOOKUPS = 2_000;

const phoneKey = (n: number) => `phone:+849${String(n).padStart(8, "0")}`;

/** Adds indicators numbered [from, to) with one report each, in SQL (no round trip per row). */
async function fill(client: pg.Client, schema: string, from: number, to: number): Promise<void> {
  await client.query(`SET search_path TO "${schema}"`);
  await client.query(
    `INSERT INTO "Indicator" ("key", "kind", "value", "reportCount")
     SELECT 'phone:+849' || lpad(g::text, 8, '0'), 'PHONE', '+849' || lpad(g::text, 8, '0'), 1 FROM generate_series($1::int, $2::int) g`,
    [from, to - 1],
  );
  await client.query(
    `INSERT INTO "IndicatorReport" ("indicatorId", "tipId", "residentId") SELECT "id", 1, 1 FROM "Indicator" WHERE "id" > (SELECT coalesce(max("indicatorId"), 0) FROM "IndicatorReport")`,
  );
  await client.query(`ANALYZE "Indicator"; ANALYZE "IndicatorReport"`);
}

/** Median and p99 of single lookups, half of them hits, half misses. */
async function measure(db: Db, stored: number): Promise<{ p50: number; p99: number; perS: number }> {
  const times: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < LOOKUPS; i++) {
    const n = i % 2 === 0 ? 1 + Math.floor(Math.random() * stored) : 90_000_000 + i;
    const s = performance.now();
    await lookupIndicators(db, [phoneKey(n)], 2);
    times.push(performance.now() - s);
  }
  const total = performance.now() - t0;
  times.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { p50: round(times[Math.floor(times.length / 2)]!), p99: round(times[Math.floor(times.length * 0.99)]!), perS: Math.round((LOOKUPS / total) * 1000) };
}

export async function benchIndicatorLookup(): Promise<Record<string, unknown>> {
  const schema = `bench_ind_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  await migrate({ url: DATABASE_URL, dir: join(projectRoot(), "prisma", "migrations"), schema });
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  const db = createDb({ url: DATABASE_URL, poolMax: 2, schema });
  try {
    await client.query(`SET search_path TO "${schema}"`);
    // One tip for every report to point at.
    await client.query(`INSERT INTO "Resident" ("id", "pseudonym", "channel", "chatRef") VALUES (1, 'bench', 'TELEGRAM', 'x')`);
    await client.query(`INSERT INTO "Tip" ("id", "code", "sourceKey", "channel", "residentId", "category", "text") VALUES (1, 'BNCH-0001', 'bench-1', 'TELEGRAM', 1, 'scam', 'bench')`);
    await fill(client, schema, 1, SMALL + 1);
    await measure(db, SMALL); // warm-up
    const small = await measure(db, SMALL);
    const t = performance.now();
    await fill(client, schema, SMALL + 1, TOTAL + 1);
    const fillSeconds = Math.round((performance.now() - t) / 100) / 10;
    const large = await measure(db, TOTAL);
    return {
      stored_small: SMALL,
      stored_large: TOTAL,
      lookups: LOOKUPS,
      small_p50_ms: small.p50,
      small_p99_ms: small.p99,
      large_p50_ms: large.p50,
      large_p99_ms: large.p99,
      large_per_s: large.perS,
      p50_ratio_large_vs_small: Math.round((large.p50 / small.p50) * 100) / 100,
      fill_seconds: fillSeconds,
    };
  } finally {
    await db.$disconnect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await client.end();
  }
}
