import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";

export type Migration = { name: string; sql: string; checksum: string };

/** Reads prisma/migrations/<name>/migration.sql in name order. */
export function readMigrations(dir: string): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

// Laid out like Prisma's own table so `prisma migrate status` agrees where the native engine runs.
const LEDGER = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/** Any fixed number: every Wardline process takes the same advisory lock to migrate. */
const LOCK_ID = 7_346_112_025;

export type MigrateResult = { applied: string[]; alreadyApplied: number };

/**
 * Applies pending migrations, one transaction each, under a session advisory lock so that
 * replicas starting together never race. Refuses to continue if an applied migration's
 * file was edited afterwards.
 */
export async function migrate(opts: { url: string; dir: string; schema?: string }): Promise<MigrateResult> {
  const client = new pg.Client({ connectionString: opts.url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    // Lock first: two replicas creating the same new schema at once would otherwise collide.
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_ID]);
    try {
      if (opts.schema) {
        await client.query(`CREATE SCHEMA IF NOT EXISTS "${opts.schema.replace(/"/g, "")}"`);
        await client.query(`SET search_path TO "${opts.schema.replace(/"/g, "")}"`);
      }
      await client.query(LEDGER);
      const done = await client.query<{ migration_name: string; checksum: string }>(
        `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      );
      const applied = new Map(done.rows.map((r) => [r.migration_name, r.checksum]));
      const result: MigrateResult = { applied: [], alreadyApplied: 0 };
      for (const m of readMigrations(opts.dir)) {
        const previous = applied.get(m.name);
        if (previous !== undefined) {
          if (previous !== m.checksum) {
            throw new Error(`migration ${m.name} was changed after it was applied; add a new migration instead`);
          }
          result.alreadyApplied++;
          continue;
        }
        // The generated script creates "public" when it is absent; in another schema that is noise.
        const sql = opts.schema ? m.sql.replace(/^CREATE SCHEMA IF NOT EXISTS "public";$/m, "") : m.sql;
        await client.query("BEGIN");
        try {
          await client.query(sql);
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
             VALUES ($1, $2, now(), $3, 1)`,
            [randomUUID(), m.checksum, m.name],
          );
          await client.query("COMMIT");
        } catch (err) {
          await client.query("ROLLBACK");
          throw new Error(`migration ${m.name} failed: ${(err as Error).message}`);
        }
        result.applied.push(m.name);
      }
      return result;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [LOCK_ID]).catch(() => undefined);
    }
  } finally {
    await client.end();
  }
}
