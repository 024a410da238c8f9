import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeTelegram, type FakeTelegram } from "./fakes/telegram-api.js";
import { user } from "./fakes/telegram-updates.js";
import { eventually, startTestApp, type TestApp } from "./support/app.js";
import { deliver, updates } from "./support/faults.js";
import { startOwnRedis, type OwnRedis } from "./support/redis-server.js";
import { liveSubscribed } from "./support/settle.js";
import { signInOfficer } from "./support/web.js";

type Line = { level: number; msg: string; dependency?: string; downMs?: number; during?: Record<string, number>; err?: { type: string; code?: unknown } };

/** Redis stopped under a running app (web and workers): the operator reads one line going down, one coming back. */
describe("outage logging: Redis stopped and started again", () => {
  let redis: OwnRedis;
  let fake: FakeTelegram;
  let app: TestApp;
  const u = updates();

  beforeAll(async () => {
    redis = await startOwnRedis();
    fake = await startFakeTelegram({ limits: false });
    app = await startTestApp({ apiRoot: fake.apiRoot, env: { REDIS_URL: redis.url } });
  }, 120_000);

  afterAll(async () => {
    if (redis && !redis.running()) await redis.start(); // a failed test may have left it down
    await app?.stop();
    await fake?.close();
    await redis?.close();
  }, 120_000);

  it("logs the outage once and the recovery once, however many reconnect attempts happen", { timeout: 240_000 }, async () => {
    const healthz = async () => (await fetch(`${app.baseUrl}/healthz`)).status;
    await eventually(async () => (await healthz()) === 200, 30_000, "the app healthy before the outage");
    let reconnects = 0;
    app.deps.redis.on("reconnecting", () => reconnects++);
    // ioredis prints "[ioredis] Unhandled error event" for a connection without an error listener.
    const unhandled: string[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => {
      unhandled.push(args.map(String).join(" "));
      consoleError(...args);
    };
    // An officer's dashboard is open: the live stream's own Redis subscriber meets the outage too.
    const admin = await app.deps.db.officer.create({ data: { displayName: "Trực ban", role: "ADMIN" }, select: { id: true } });
    const web = await signInOfficer(app, admin.id);
    const stream = new AbortController();
    const live = await fetch(`${app.baseUrl}/live`, { headers: { cookie: web.cookie }, signal: stream.signal });
    expect(live.status).toBe(200);
    await liveSubscribed(app);
    const from = app.logs.lines.length;
    const lines = () => app.logs.lines.slice(from).map((l) => JSON.parse(l) as Line);
    const outageLines = () => lines().filter((l) => /unreachable/.test(l.msg));
    const recoveryLines = () => lines().filter((l) => /reachable again/.test(l.msg));
    try {
      await redis.kill("SIGKILL");
      // Enough attempts that one line per attempt would show; a storm of lines ends the wait early.
      await eventually(async () => reconnects >= 15 && (outageLines().length > 0 || lines().length >= 20), 120_000, "15 reconnect attempts and the outage logged");
      expect(outageLines(), lines().slice(0, 20).map((l) => l.msg).join("\n")).toHaveLength(1);
      expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(503);
      // Telegram keeps delivering meanwhile: each update is refused (and delivered again later).
      const pending = Array.from({ length: 10 }, (_, i) => u.privateText(user(7_650_000 + i), "xin chào"));
      for (const update of pending) expect((await deliver(fake, app.baseUrl, update, { maxAttempts: 1 })).status).toBe(503);
      await redis.start();
      await eventually(async () => recoveryLines().length > 0, 60_000, "the recovery logged");
      await eventually(async () => (await healthz()) === 200, 30_000, "the app healthy again");
      for (const update of pending) expect((await deliver(fake, app.baseUrl, update)).status).toBe(200);
    } finally {
      console.error = consoleError;
      stream.abort();
    }

    const all = lines();
    const outage = outageLines();
    const recovery = recoveryLines();
    expect(outage).toHaveLength(1);
    expect(outage[0]).toMatchObject({ level: 50, dependency: "redis" });
    expect(outage[0]!.msg).toMatch(/^redis is unreachable: .*retry/);
    expect(outage[0]!.err?.type).toBeTruthy();
    expect(recovery).toHaveLength(1);
    expect(recovery[0]).toMatchObject({ level: 30, dependency: "redis" });
    expect(recovery[0]!.downMs).toBeGreaterThan(0);
    // Every connection's attempts were counted, not logged: at least the producer's.
    expect(recovery[0]!.during?.["reconnects"]).toBeGreaterThanOrEqual(15);
    expect(recovery[0]!.during?.["errors"]).toBeGreaterThanOrEqual(10); // the refused updates among them
    expect(all.filter((l) => /worker error|queue error|redis connection error|redis \(live\)|live subscription|could not queue/.test(l.msg))).toEqual([]);
    expect(all.length, all.map((l) => l.msg).join("\n")).toBeLessThan(20);
    expect(unhandled.filter((s) => s.includes("ioredis"))).toEqual([]);
    console.info(`redis outage: ${reconnects} reconnect attempts of the producer connection, ${all.length} log lines in all: ${all.map((l) => l.msg).join(" / ")}`);
  });
});
