import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { StartupError } from "../errors.js";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export type EmbeddedPostgres = { url: string; close(): Promise<void> };

/**
 * PostgreSQL in-process (PGlite), persisted under `dir`, served on a loopback port so the
 * same driver adapter talks to it. PGlite has one session: use it with a pool of one.
 */
export async function startEmbeddedPostgres(dir: string): Promise<EmbeddedPostgres> {
  const path = resolve(dir, "pglite");
  mkdirSync(path, { recursive: true });
  const releaseLock = takeLock(join(resolve(dir), "pglite.lock"));
  const db = await PGlite.create(path);
  const server = new PGLiteSocketServer({ db, port: 0, host: "127.0.0.1", maxConnections: 4 });
  await server.start();
  const address = server.getServerConn();
  return {
    url: `postgresql://postgres@${address}/postgres`,
    async close() {
      await server.stop();
      await db.close();
      releaseLock();
    },
  };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Lock files this process holds: a second open in the same process must fail too. */
const held = new Set<string>();

/** PGlite files must have one process at a time: a second one would corrupt them. */
function takeLock(file: string): () => void {
  if (held.has(file)) {
    throw new StartupError(
      `the embedded database in ${file.replace(/pglite\.lock$/, "")} is already open in this process`,
      "Close the first handle before opening it again.",
    );
  }
  for (let i = 0; i < 2; i++) {
    try {
      writeFileSync(file, String(process.pid), { flag: "wx" });
      held.add(file);
      return () => {
        held.delete(file);
        rmSync(file, { force: true });
      };
    } catch {
      const pid = Number(readFileSync(file, "utf8"));
      if (pid && pid !== process.pid && alive(pid)) {
        throw new StartupError(
          `the embedded database in ${file.replace(/pglite\.lock$/, "")} is in use by process ${pid}`,
          "Stop that Wardline process first (CLI commands too), or set DATABASE_URL to a PostgreSQL server that several processes can share.",
        );
      }
      rmSync(file, { force: true }); // left by a process that died
    }
  }
  throw new Error(`cannot lock ${file}`);
}
