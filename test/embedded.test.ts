import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { startEmbeddedPostgres } from "../src/db/embedded.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type App } from "../src/app.js";
import { parseConfig } from "../src/config.js";
import { captureLogs, clearPrefix, REDIS_URL, uniqueName, WAIT_MS } from "./support/app.js";
import { ensureBuilt, freePort, startService } from "./support/service.js";

/** Starts the service the way a fresh checkout runs: no DATABASE_URL, so PGlite under DATA_DIR. */
async function startEmbedded(dataDir: string, prefix: string): Promise<App & { logs: string[] }> {
  const config = parseConfig({
    NODE_ENV: "test",
    ROLE: "web",
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: "info",
    SHUTDOWN_TIMEOUT_MS: "3000",
  });
  expect(config.database.kind).toBe("embedded");
  const capture = captureLogs();
  const app = await startApp(config, { log: pino({ level: "info" }, capture.stream) });
  return Object.assign(app, { logs: capture.lines });
}

describe("embedded database (no DATABASE_URL)", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "wardline-embedded-"));
  const prefix = uniqueName("wle");
  let app: (App & { logs: string[] }) | null = null;
  let wards = 0;

  beforeAll(() => ensureBuilt(), 300_000);
  afterAll(async () => {
    await app?.shutdown("test done");
    await clearPrefix(prefix);
    rmSync(dataDir, { recursive: true, force: true });
  });

  // The first start loads the national ward directory (~14k rows) into PGlite.
  it("starts on a fresh DATA_DIR and answers GET /healthz 200", { timeout: 120_000 }, async () => {
    app = await startEmbedded(dataDir, prefix);
    expect(app.address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${app.address}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", checks: { database: "ok", redis: "ok" } });

    // The national ward directory was loaded on first start.
    expect(app.logs.some((l) => l.includes("ward directory loaded"))).toBe(true);
    wards = await app.deps.db.ward.count();
    expect(wards).toBeGreaterThan(1_000);
    // Without IDENTITY_KEY (development), a key is made and kept in DATA_DIR.
    expect(app.logs.some((l) => l.includes("IDENTITY_KEY is unset"))).toBe(true);
    expect(existsSync(join(dataDir, "identity.key"))).toBe(true);
  });

  it("refuses a second process on the same DATA_DIR while the first runs, naming the lock and its holder", async () => {
    expect(app).not.toBeNull();
    const second = startService({ NODE_ENV: "test", ROLE: "web", PORT: String(await freePort()), HOST: "127.0.0.1", DATA_DIR: dataDir, REDIS_URL, QUEUE_PREFIX: prefix, PRETTY_LOGS: "false" });
    const end = await second.exited(WAIT_MS);
    expect(end.code).toBe(1);
    expect(second.stderr()).toContain(`wardline cannot start: the embedded database in ${dataDir}/ is in use by process ${process.pid}`);
    expect(second.stderr()).toMatch(/DATABASE_URL/);
    // The first one is unharmed.
    expect((await fetch(`${app!.address}/healthz`)).status).toBe(200);
  });

  it("refuses a second open of the same DATA_DIR inside the same process", async () => {
    expect(app).not.toBeNull();
    await expect(startEmbeddedPostgres(dataDir)).rejects.toThrow(/already open in this process/);
    expect((await fetch(`${app!.address}/healthz`)).status).toBe(200);
  });

  it("keeps what it wrote across shutdown and a new start on the same DATA_DIR", async () => {
    await app!.deps.db.chatSession.create({ data: { key: "tg:embedded-test", value: { step: "ward", draft: { text: "xin chào" } } } });
    const key = readFileSync(join(dataDir, "identity.key"), "utf8");
    await app!.shutdown("restart");
    app = null;
    expect(existsSync(join(dataDir, "pglite.lock"))).toBe(false);

    app = await startEmbedded(dataDir, prefix);
    const row = await app.deps.db.chatSession.findUnique({ where: { key: "tg:embedded-test" } });
    expect(row?.value).toEqual({ step: "ward", draft: { text: "xin chào" } });
    // Same directory, not loaded twice; same identity key.
    expect(app.logs.some((l) => l.includes("ward directory loaded"))).toBe(false);
    expect(await app.deps.db.ward.count()).toBe(wards);
    expect(readFileSync(join(dataDir, "identity.key"), "utf8")).toBe(key);
    expect((await fetch(`${app.address}/healthz`)).status).toBe(200);
  });
});
