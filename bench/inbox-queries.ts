/**
 * The officers' views over a large store: a ward's open queue (`/queue`: priority, then oldest
 * first) and its month figures (`/stats`), with 100,000 tips in the database, against the same
 * calls with 1,000 tips in the same run. These are the queries a dashboard's queue and report
 * pages stand on.
 *
 *   BENCH_TIPS=100000 npm run bench -- inbox
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { wardQueue, wardStats } from "../src/core/tips/queries.js";
import { createDb, type Db } from "../src/db/client.js";
import { migrate } from "../src/db/migrate.js";
import { projectRoot } from "../src/project-root.js";
import { DATABASE_URL } from "./support.js";

const TOTAL = Number(process.env["BENCH_TIPS"] ?? 100_000);
const SMALL = 1_000;
const WARDS = 50;
const RUNS = 300;

/** Tips numbered [from, to): spread over WARDS wards and the last 90 days; a third open, a third valuable. */
async function fill(client: pg.Client, from: number, to: number): Promise<void> {
  await client.query(
    `INSERT INTO "Tip" ("code", "sourceKey", "channel", "residentId", "provinceCode", "wardId", "status", "valuable", "category", "text", "createdAt", "firstActionAt", "priority")
     SELECT 'B' || g, 'bench-' || g, 'TELEGRAM', 1, '99', 1 + g % ${WARDS},
       (CASE g % 3 WHEN 0 THEN 'NEW' WHEN 1 THEN 'CLAIMED' ELSE 'RESOLVED' END)::"TipStatus",
       CASE WHEN g % 3 = 1 THEN true ELSE NULL END, 'scam', 'bench tip ' || g,
       now() - (g % 129600) * interval '1 minute', now() - (g % 129600) * interval '1 minute' + interval '20 minutes', g % 7 / 6
     FROM generate_series($1::int, $2::int) g`,
    [from, to - 1],
  );
  await client.query(`ANALYZE "Tip"`);
}

async function time(db: Db): Promise<{ queueP50: number; queueP99: number; statsP50: number; statsP99: number }> {
  const q: number[] = [];
  const s: number[] = [];
  const monthStart = new Date(Date.now() - 30 * 24 * 3_600_000);
  for (let i = 0; i < RUNS; i++) {
    const ward = 1 + (i % WARDS);
    let t = performance.now();
    await wardQueue(db, ward);
    q.push(performance.now() - t);
    t = performance.now();
    await wardStats(db, ward, monthStart);
    s.push(performance.now() - t);
  }
  const p = (xs: number[], f: number) => Math.round(xs.sort((a, b) => a - b)[Math.floor(xs.length * f)]! * 100) / 100;
  return { queueP50: p(q, 0.5), queueP99: p(q, 0.99), statsP50: p(s, 0.5), statsP99: p(s, 0.99) };
}

export async function benchInboxQueries(): Promise<Record<string, unknown>> {
  const schema = `bench_inbox_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  await migrate({ url: DATABASE_URL, dir: join(projectRoot(), "prisma", "migrations"), schema });
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  const db = createDb({ url: DATABASE_URL, poolMax: 4, schema });
  try {
    await client.query(`SET search_path TO "${schema}"`);
    await client.query(`INSERT INTO "Province" ("code", "name", "nameAscii") VALUES ('99', 'Bench', 'bench')`);
    await client.query(`INSERT INTO "Ward" ("code", "name", "nameAscii", "provinceCode") SELECT lpad(g::text, 5, '9'), 'Ward ' || g, 'ward ' || g, '99' FROM generate_series(1, ${WARDS}) g`);
    await client.query(`INSERT INTO "Resident" ("id", "pseudonym", "channel", "chatRef") VALUES (1, 'bench', 'TELEGRAM', 'x')`);
    await fill(client, 1, SMALL + 1);
    await time(db); // warm-up
    const small = await time(db);
    await fill(client, SMALL + 1, TOTAL + 1);
    const large = await time(db);
    const r = (a: number, b: number) => Math.round((a / b) * 100) / 100;
    return {
      tips_small: SMALL,
      tips_large: TOTAL,
      wards: WARDS,
      queue_p50_ms: large.queueP50,
      queue_p99_ms: large.queueP99,
      queue_p50_ratio_vs_small: r(large.queueP50, small.queueP50),
      stats_p50_ms: large.statsP50,
      stats_p99_ms: large.statsP99,
      stats_p50_ratio_vs_small: r(large.statsP50, small.statsP50),
      small_queue_p50_ms: small.queueP50,
      small_stats_p50_ms: small.statsP50,
    };
  } finally {
    await db.$disconnect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await client.end();
  }
}
