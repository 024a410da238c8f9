import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync, appendFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, readMigrations } from "../src/db/migrate.js";

// Deliberately not importing ./support/app.js: migrations must be testable without the rest of the app.
const PG_USER = process.env["PGUSER"] || process.env["USER"] || "root";
const PG_URL = process.env["TEST_DATABASE_URL"] ?? `postgresql://${PG_USER}@127.0.0.1:5432/test`;
const uniqueName = (p: string) => `${p}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;

const MIGRATIONS = join(import.meta.dirname, "..", "prisma", "migrations");
const ALL = readdirSync(MIGRATIONS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe("migrate", () => {
  const schemas: string[] = [];
  const tempDirs: string[] = [];
  let client: pg.Client;
  const newSchema = () => {
    const s = uniqueName("mig");
    schemas.push(s);
    return s;
  };
  const tablesIn = async (schema: string) =>
    (await client.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`, [schema])).rows.map(
      (r) => r.table_name,
    );
  const ledger = async (schema: string) =>
    (
      await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
        `SELECT migration_name, checksum, finished_at FROM "${schema}"."_prisma_migrations" ORDER BY migration_name`,
      )
    ).rows;

  beforeAll(async () => {
    client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
  });
  afterAll(async () => {
    for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
    await client.end();
    for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
  });

  it("applies every migration to an empty schema, creating the tables, and then nothing on the second run", async () => {
    expect(ALL.length).toBeGreaterThan(0);
    const schema = newSchema();
    const first = await migrate({ url: PG_URL, dir: MIGRATIONS, schema });
    expect(first).toEqual({ applied: ALL, alreadyApplied: 0 });

    const tables = await tablesIn(schema);
    for (const t of ["_prisma_migrations", "Province", "Ward", "WardAlias", "Resident", "Tip", "TipMessage", "InboundUpdate", "ChatSession", "SentMessage"]) {
      expect(tables).toContain(t);
    }
    // Nothing leaked into the default schema from a test run.
    const rows = await ledger(schema);
    expect(rows.map((r) => r.migration_name)).toEqual(ALL);
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
    expect(rows.map((r) => r.checksum)).toEqual(readMigrations(MIGRATIONS).map((m) => m.checksum));

    const second = await migrate({ url: PG_URL, dir: MIGRATIONS, schema });
    expect(second).toEqual({ applied: [], alreadyApplied: ALL.length });
    expect(await ledger(schema)).toHaveLength(ALL.length);
  });

  it("three replicas migrating a fresh database at once all succeed, and each migration is applied exactly once", async () => {
    const schema = newSchema();
    // The schema does not exist yet either: creating it happens under the same lock.
    const results = await Promise.all([
      migrate({ url: PG_URL, dir: MIGRATIONS, schema }),
      migrate({ url: PG_URL, dir: MIGRATIONS, schema }),
      migrate({ url: PG_URL, dir: MIGRATIONS, schema }),
    ]);
    // Exactly one of them did the work; the others found it done.
    expect(results.map((r) => r.applied.length).sort()).toEqual([0, 0, ALL.length]);
    expect(results.filter((r) => r.alreadyApplied === ALL.length)).toHaveLength(2);
    const names = (await ledger(schema)).map((r) => r.migration_name);
    expect(names).toEqual(ALL);
    const counts = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}"."_prisma_migrations" GROUP BY migration_name`);
    expect(counts.rows.every((r) => Number(r.n) === 1)).toBe(true);
  });

  it("applies a new migration added later, and only that one", async () => {
    const schema = newSchema();
    const dir = mkdtempSync(join(tmpdir(), "wardline-mig-"));
    tempDirs.push(dir);
    cpSync(MIGRATIONS, dir, { recursive: true });
    await migrate({ url: PG_URL, dir, schema });

    const name = "99990101000000_add_note";
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, "migration.sql"), `CREATE TABLE "OperatorNote" ("id" SERIAL PRIMARY KEY, "body" TEXT NOT NULL);\n`);
    expect(await migrate({ url: PG_URL, dir, schema })).toEqual({ applied: [name], alreadyApplied: ALL.length });
    expect(await tablesIn(schema)).toContain("OperatorNote");
  });

  it("a failing migration is rolled back, named in the error, and not recorded", async () => {
    const schema = newSchema();
    const dir = mkdtempSync(join(tmpdir(), "wardline-mig-"));
    tempDirs.push(dir);
    cpSync(MIGRATIONS, dir, { recursive: true });
    await migrate({ url: PG_URL, dir, schema });

    const name = "99990101000000_broken";
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, "migration.sql"), `CREATE TABLE "HalfDone" ("id" INT);\nSELECT * FROM "NoSuchTable";\n`);
    await expect(migrate({ url: PG_URL, dir, schema })).rejects.toThrow(new RegExp(`migration ${name} failed: .*NoSuchTable`));
    expect(await tablesIn(schema)).not.toContain("HalfDone");
    expect((await ledger(schema)).map((r) => r.migration_name)).toEqual(ALL);
  });

  it("refuses to continue when an applied migration's file was changed afterwards", async () => {
    const schema = newSchema();
    const dir = mkdtempSync(join(tmpdir(), "wardline-mig-"));
    tempDirs.push(dir);
    cpSync(MIGRATIONS, dir, { recursive: true });
    await migrate({ url: PG_URL, dir, schema });

    const edited = ALL[0]!;
    appendFileSync(join(dir, edited, "migration.sql"), `\nALTER TABLE "Tip" ADD COLUMN "sneaky" TEXT;\n`);
    await expect(migrate({ url: PG_URL, dir, schema })).rejects.toThrow(`migration ${edited} was changed after it was applied; add a new migration instead`);
    // Nothing of the edit was run.
    const cols = await client.query(`SELECT 1 FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'Tip' AND column_name = 'sneaky'`, [schema]);
    expect(cols.rowCount).toBe(0);
  });
});
