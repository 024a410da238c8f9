import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeTelegram, type FakeTelegram } from "./fakes/telegram-api.js";
import { eventually, PG_URL, startTestApp, WAIT_MS, type TestApp } from "./support/app.js";
import {
  FAST_ENV, allTipsDelivered, auditTips, bindInbox, deliver, mapLimit, seedResidents, sleep, tapSend, updates, writeDrafts,
} from "./support/faults.js";
import { settled } from "./support/settle.js";
import { startTcpProxy, type TcpProxy } from "./support/tcp-proxy.js";

const N = 100;
const OUTAGE_MS = 30_000;
const INBOX = -1_006_300_000_001;

type Health = { status: string; down: string[]; checks: Record<string, string> };

/** PostgreSQL unreachable for 30 s (connections reset, new ones refused), behind a proxy we cut. */
describe("faults: PostgreSQL unreachable for 30 seconds", () => {
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
    await bindInbox(app.deps.db, "00004", INBOX);
  }, 120_000);

  afterAll(async () => {
    proxy?.restore();
    await app?.stop();
    await fake?.close();
    await proxy?.close();
  }, 120_000);

  it("acknowledges updates, answers 503 naming the database, retries with backoff, and recovers by itself", { timeout: 420_000 }, async () => {
    const people = await seedResidents(app.deps, 7_630_000, N);
    const offers = await writeDrafts(fake, app.baseUrl, u, people);
    const health = async () => {
      const r = await fetch(`${app.baseUrl}/healthz`);
      return { status: r.status, body: (await r.json()) as Health };
    };
    expect((await health()).status).toBe(200);

    proxy.cut();
    const cutAt = Date.now();
    // Ingest needs only Redis: every tap sent during the outage is acknowledged.
    const acks = await mapLimit(people, 8, (p) => deliver(fake, app.baseUrl, tapSend(u, p, offers), { maxAttempts: 1 }));
    expect(acks.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);

    const down = await eventually(async () => {
      const h = await health();
      return h.status === 503 && h;
    }, WAIT_MS, "/healthz to answer 503");
    expect(down.body.down).toEqual(["database"]);
    expect(down.body.checks["database"]).toMatch(/^down: /);
    expect(down.body.checks["redis"]).toBe("ok");

    // The jobs wait, retrying with backoff: attempts spent, delayed in between, none failed for good.
    const inbound = app.deps.queues.inbound;
    await eventually(async () => {
      const delayed = await inbound.getDelayed(0, 1_000);
      return delayed.length > 0 && delayed.some((j) => j.attemptsMade >= 2);
    }, WAIT_MS, "update jobs delayed after failed attempts");
    expect(await inbound.getFailedCount()).toBe(0);
    expect(await app.deps.db.tip.count().catch(() => -1)).toBe(-1); // still down
    await sleep(Math.max(0, cutAt + OUTAGE_MS - Date.now()));
    const attempts = (await inbound.getDelayed(0, 1_000)).map((j) => j.attemptsMade);
    expect(Math.max(...attempts)).toBeLessThanOrEqual(8); // backoff, not a hot loop
    expect(await inbound.getFailedCount()).toBe(0);

    proxy.restore();
    const restoredAt = Date.now();
    await allTipsDelivered(app.deps, fake, people, INBOX, 300_000);
    const recoveredMs = Date.now() - restoredAt;
    await settled(app.deps, fake, 240_000); // every job run, every send recorded: a duplicate would be here
    const audit = await auditTips(app.deps, fake, people, INBOX);
    expect(audit).toMatchObject({ tips: N, missing: [], extra: [], unrouted: 0, uncarded: [], cardsNotOnce: [], confirmationsNotOnce: [] });
    await eventually(async () => (await health()).status === 200, WAIT_MS, "/healthz back to 200");
    const failed = await Promise.all(Object.values(app.deps.queues).map((q) => q.getFailedCount()));
    expect(failed.reduce((a, b) => a + b, 0)).toBe(0);
    console.info(`postgres-outage: ${N} tips sent during a ${OUTAGE_MS} ms outage; all delivered ${recoveredMs} ms after restore; max attempts at restore ${Math.max(...attempts)}`);
  });
});
