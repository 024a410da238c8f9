import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeTelegram, type FakeTelegram } from "./fakes/telegram-api.js";
import { eventually, startTestApp, type TestApp } from "./support/app.js";
import {
  FAST_ENV, allTipsDelivered, auditTips, bindInbox, deliver, mapLimit, seedResidents, sleep, tapSend, updates, writeDrafts,
} from "./support/faults.js";
import { settled } from "./support/settle.js";
import { startOwnRedis, type OwnRedis } from "./support/redis-server.js";

const N = 400;
const INBOX = -1_006_200_000_001;

/** Redis dies (SIGKILL) in the middle of ingest and comes back from its append-only file. */
describe("faults: Redis restarted in the middle of ingest, AOF on", () => {
  let redis: OwnRedis;
  let fake: FakeTelegram;
  let app: TestApp;
  const u = updates();

  beforeAll(async () => {
    redis = await startOwnRedis();
    fake = await startFakeTelegram({ limits: false });
    app = await startTestApp({ apiRoot: fake.apiRoot, env: { ...FAST_ENV, REDIS_URL: redis.url } });
    await bindInbox(app.deps.db, "00004", INBOX);
  }, 120_000);

  afterAll(async () => {
    if (redis && !redis.running()) await redis.start(); // a failed test may have left it down
    await app?.stop(); // drops the schema; the queue prefix lives in our own Redis, removed below
    await fake?.close();
    await redis?.close();
  }, 120_000);

  it("every update acknowledged with 200 becomes one tip; refused ones are redelivered and arrive once", { timeout: 420_000 }, async () => {
    const people = await seedResidents(app.deps, 7_620_000, N);
    const offers = await writeDrafts(fake, app.baseUrl, u, people);

    // The stream: each tap is POSTed like Telegram does, again and again until it gets a 200.
    const statuses = new Map<number, number[]>();
    let acks = 0;
    let refusals = 0;
    let killed: Promise<void> | null = null;
    const stream = mapLimit(people, 6, async (p) => {
      const update = tapSend(u, p, offers);
      const seen: number[] = [];
      statuses.set(p.id, seen);
      for (const end = Date.now() + 240_000; Date.now() < end; ) {
        const r = await deliver(fake, app.baseUrl, update, { maxAttempts: 1 });
        seen.push(r.status);
        if (r.status === 200) {
          if (++acks === N / 4) killed = redis.kill("SIGKILL");
          return;
        }
        refusals++;
        await sleep(200);
      }
      throw new Error(`update ${update.update_id} never acknowledged: ${seen.join(",")}`);
    });
    await eventually(async () => killed !== null, 120_000, "Redis killed");
    await killed;
    await eventually(async () => refusals >= 5, 60_000, "the webhook refusing updates while Redis is down");
    const health = await fetch(`${app.baseUrl}/healthz`);
    expect(health.status).toBe(503);
    expect(((await health.json()) as { down: string[] }).down).toContain("redis");
    await sleep(1_000);
    await redis.start();
    await stream;

    const refused = [...statuses].filter(([, s]) => s.some((x) => x !== 200)).map(([id]) => id);
    expect(refused.length).toBeGreaterThan(0);
    expect([...statuses.values()].every((s) => s.at(-1) === 200)).toBe(true);
    expect([...statuses.values()].flat().filter((s) => s !== 200 && s !== 503)).toEqual([]);

    await allTipsDelivered(app.deps, fake, people, INBOX, 240_000);
    await settled(app.deps, fake, 240_000); // every job run, every send recorded: a duplicate would be here
    const audit = await auditTips(app.deps, fake, people, INBOX);
    expect(audit.tips).toBe(N);
    expect(audit.missing).toEqual([]);
    expect(audit.extra).toEqual([]);
    expect(audit.unrouted).toBe(0);
    expect(audit.uncarded).toEqual([]);
    expect(audit.cardsNotOnce).toEqual([]);
    expect(audit.confirmationsNotOnce).toEqual([]);
    const health2 = await fetch(`${app.baseUrl}/healthz`);
    expect(health2.status).toBe(200);
    console.info(`redis-restart: ${refused.length} of ${N} updates refused at first (${refusals} refusals), all redelivered`);
  });
});
