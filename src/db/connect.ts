import { join } from "node:path";
import type { Config } from "../config.js";
import { StartupError } from "../errors.js";
import type { Logger } from "../logger.js";
import { projectRoot } from "../project-root.js";
import { createDb, type Db } from "./client.js";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded.js";
import { migrate } from "./migrate.js";

export type Database = { db: Db; url: string; close(): Promise<void> };

function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || "5432"}${u.pathname}`;
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

/**
 * Opens the configured database (PostgreSQL, or PGlite under DATA_DIR when DATABASE_URL is
 * unset), applies pending migrations, and returns the Prisma client.
 */
export async function connectDatabase(config: Config, log: Logger, opts: { schema?: string } = {}): Promise<Database> {
  let embedded: EmbeddedPostgres | null = null;
  let url: string;
  let poolMax: number;
  if (config.database.kind === "embedded") {
    embedded = await startEmbeddedPostgres(config.database.dataDir);
    url = embedded.url;
    poolMax = 1; // PGlite has one session; more connections would share transactions.
    log.info({ dataDir: config.database.dataDir }, "using the embedded PostgreSQL (PGlite); set DATABASE_URL for production");
  } else {
    url = config.database.url;
    poolMax = config.database.poolMax;
  }
  try {
    const result = await migrate({ url, dir: join(projectRoot(), "prisma", "migrations"), ...(opts.schema ? { schema: opts.schema } : {}) });
    if (result.applied.length) log.info({ applied: result.applied }, "database migrations applied");
  } catch (err) {
    await embedded?.close();
    const message = (err as Error).message;
    if (/migration/.test(message)) throw err;
    throw new StartupError(
      `PostgreSQL is unreachable at ${describeUrl(url)} (${message || (err as { code?: string }).code || "connection failed"})`,
      "Check DATABASE_URL, start PostgreSQL (`docker compose up -d postgres`), or unset DATABASE_URL to use the embedded database under DATA_DIR.",
    );
  }
  const db = createDb({ url, poolMax, ...(opts.schema ? { schema: opts.schema } : {}) });
  return {
    db,
    url,
    async close() {
      await db.$disconnect();
      await embedded?.close();
    },
  };
}
