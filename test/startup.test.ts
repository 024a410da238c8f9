import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clearPrefix, eventually, PG_URL, REDIS_URL, uniqueName, WAIT_MS } from "./support/app.js";
import { ensureBuilt, freePort, startService, type Service } from "./support/service.js";

/** What the compiled service does when started by an operator: `node dist/src/main.js`. */
describe("the compiled service starting and stopping", () => {
  const services: Service[] = [];
  const dirs: string[] = [];
  const prefixes: string[] = [];
  const base = () => {
    const prefix = uniqueName("wls");
    prefixes.push(prefix);
    return { NODE_ENV: "test", PRETTY_LOGS: "false", LOG_LEVEL: "info", HOST: "127.0.0.1", QUEUE_PREFIX: prefix, REDIS_URL, DATABASE_URL: PG_URL };
  };
  const start = (env: Record<string, string>) => {
    const s = startService(env);
    services.push(s);
    return s;
  };

  beforeAll(() => ensureBuilt(), 300_000);
  afterAll(async () => {
    for (const s of services) s.kill();
    for (const p of prefixes) await clearPrefix(p);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("exits 1 within seconds when Redis is unreachable, saying where and how to start one", async () => {
    // How long loading the service takes on this machine right now: a bad setting stops it as soon as it is loaded.
    const loaded = await start({ ...base(), PORT: "abc" }).exited(WAIT_MS);
    const s = start({ ...base(), PORT: String(await freePort()), REDIS_URL: "redis://127.0.0.1:6399" });
    const end = await s.exited(WAIT_MS);
    expect(end.code).toBe(1);
    expect(end.ms - loaded.ms).toBeLessThan(5_000); // no retrying: the probe is refused at once
    const err = s.stderr();
    expect(err).toContain("wardline cannot start: Redis is unreachable at 127.0.0.1:6399");
    expect(err).toMatch(/redis-server|docker compose up -d redis/);
    expect(err).toContain("REDIS_URL");
  });

  it("exits 1 when PostgreSQL is unreachable, saying where", async () => {
    const closed = await freePort();
    const s = start({ ...base(), PORT: String(await freePort()), DATABASE_URL: `postgresql://root@127.0.0.1:${closed}/wardline` });
    const end = await s.exited(WAIT_MS);
    expect(end.code).toBe(1);
    const err = s.stderr();
    expect(err).toContain(`wardline cannot start: PostgreSQL is unreachable at 127.0.0.1:${closed}/wardline`);
    expect(err).toMatch(/DATABASE_URL/);
    expect(err).toMatch(/docker compose up -d postgres/);
  });

  it("exits 1 naming the port when it is already taken", async () => {
    const holder = (await import("node:net")).createServer();
    const port = await new Promise<number>((resolve) => holder.listen(0, "127.0.0.1", () => resolve((holder.address() as { port: number }).port)));
    try {
      const s = start({ ...base(), PORT: String(port) });
      const end = await s.exited(WAIT_MS);
      expect(end.code).toBe(1);
      expect(s.stderr()).toContain(`wardline cannot start: cannot listen on 127.0.0.1:${port} (the port is in use)`);
      expect(s.stderr()).toMatch(/set PORT/);
    } finally {
      holder.close();
    }
  });

  it("exits 1 listing every bad setting at once", async () => {
    const s = start({ ...base(), PORT: "abc", ROLE: "x" });
    const end = await s.exited(WAIT_MS);
    expect(end.code).toBe(1);
    const err = s.stderr();
    expect(err).toContain("Invalid configuration");
    expect(err).toMatch(/^ {2}- PORT: /m);
    expect(err).toMatch(/^ {2}- ROLE: /m);
    expect(err).toContain('"abc"');
  });

  it("with only a DATA_DIR (embedded database, no Telegram) answers /healthz, and stops cleanly on SIGINT", { timeout: 120_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "wardline-start-"));
    dirs.push(dataDir);
    const port = await freePort();
    const { DATABASE_URL: _unused, ...env } = base();
    const s = start({ ...env, PORT: String(port), DATA_DIR: dataDir });

    const health = await eventually(
      async () => {
        if (s.child.exitCode !== null) throw new Error(`exited ${s.child.exitCode}: ${s.stderr()}`);
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        return res.status === 200 ? ((await res.json()) as unknown) : null;
      },
      90_000,
      "/healthz to answer 200",
    );
    expect(health).toMatchObject({ status: "ok", checks: { database: "ok", redis: "ok" } });
    expect(s.stdout()).toContain("wardline started");

    s.child.kill("SIGINT");
    const end = await s.exited(WAIT_MS);
    expect(end.signal).toBeNull();
    expect(end.code).toBe(0);
    expect(s.stdout()).toContain('"msg":"stopped"');
    // Nothing is left behind: the port is free and the embedded database is unlocked.
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    expect(existsSync(join(dataDir, "pglite.lock"))).toBe(false);
  });
});
