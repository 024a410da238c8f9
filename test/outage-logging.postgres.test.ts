import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeTelegram, type FakeTelegram } from "./fakes/telegram-api.js";
import { PG_URL, eventually, startTestApp, type TestApp } from "./support/app.js";
import { FAST_ENV, deliver, seedResidents, updates } from "./support/faults.js";
import { startTcpProxy, type TcpProxy } from "./support/tcp-proxy.js";

const N = 8;

type Line = { level: number; msg: string; dependency?: string; downMs?: number; during?: Record<string, number>; jobId?: string; err?: { type: string; message: string } };

/** PostgreSQL cut (behind a proxy) while residents write: every job fails again and again until it is back. */
describe("outage logging: PostgreSQL unreachable while jobs run", () => {
  let proxy: TcpProxy;
  let fake: FakeTelegram;
  let app: TestApp;
  const u = updates();

  beforeAll(async () => {
    const pg = new URL(PG_URL);
    proxy = await startTcpProxy({ host: pg.hostname, port: Number(pg.port || 5432) });
    pg.port = String(proxy.port);
    fake = await startFakeTelegram({ limits: false });
    app = await startTestApp({ apiRoot: fake.apiRoot, env: { ...FAST_ENV, DATABASE_URL: pg.toString() } });
  }, 120_000);

  afterAll(async () => {
    proxy?.restore();
    await app?.stop();
    await fake?.close();
    await proxy?.close();
  }, 120_000);

  it("logs the outage once and its recovery once, counts the retried attempts, and still logs a job that fails for good", { timeout: 300_000 }, async () => {
    const people = await seedResidents(app.deps, 7_640_000, N);
    const from = app.logs.lines.length;
    const lines = () => app.logs.lines.slice(from).map((l) => JSON.parse(l) as Line);
    const outageLines = () => lines().filter((l) => l.dependency === "postgres" && /unreachable/.test(l.msg));
    const recoveryLines = () => lines().filter((l) => l.dependency === "postgres" && /reachable again/.test(l.msg));
    const failedLines = () => lines().filter((l) => /^job failed/.test(l.msg));

    proxy.cut();
    // Ingest needs only Redis: each message is queued, and its job fails while the database is away.
    for (const p of people) expect((await deliver(fake, app.baseUrl, u.privateText(p, "xin chào"), { maxAttempts: 1 })).status).toBe(200);
    // A job that can never succeed fails for good during the outage: that one is a real failure.
    await app.deps.queues.routing.add("route-tip", { not: "a tip" }, { jobId: "broken-route-tip" });

    const inbound = app.deps.queues.inbound;
    await eventually(async () => {
      const delayed = await inbound.getDelayed(0, 100);
      const retried = delayed.filter((j) => j.attemptsMade >= 2).length;
      // A storm of lines ends the wait early (and fails below).
      return (retried === N && failedLines().some((l) => l.jobId === "broken-route-tip")) || failedLines().length >= 20;
    }, 120_000, "every update's job failed at least twice, and the broken job failed for good");
    expect(outageLines()).toHaveLength(1);
    expect(recoveryLines()).toHaveLength(0);

    proxy.restore();
    await eventually(async () => recoveryLines().length > 0, 60_000, "the recovery logged");
    // The work was retried, not lost: every resident got the bot's answer.
    await eventually(async () => people.every((p) => fake.sentTo(p.id).length > 0), 120_000, "every resident answered");

    const all = lines();
    const outage = outageLines();
    const recovery = recoveryLines();
    expect(outage).toHaveLength(1);
    expect(outage[0]).toMatchObject({ level: 50 });
    expect(outage[0]!.msg).toMatch(/^postgres is unreachable: .*retried/);
    expect(recovery).toHaveLength(1);
    expect(recovery[0]!.level).toBe(30);
    expect(recovery[0]!.downMs).toBeGreaterThan(0);
    expect(recovery[0]!.during?.["failedJobAttempts"]).toBeGreaterThanOrEqual(2 * N - 1);
    // The one real failure is logged; the retried attempts during the outage are not, one by one.
    const failed = failedLines();
    expect(failed.map((l) => [l.jobId, l.msg, l.level]), all.map((l) => l.msg).join("\n")).toEqual([["broken-route-tip", "job failed for good", 50]]);
    expect(all.length, all.map((l) => l.msg).join("\n")).toBeLessThan(20);
    console.info(`postgres outage: ${recovery[0]!.during?.["failedJobAttempts"]} failed job attempts counted, ${all.length} log lines in all`);
  });
});
