import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeTelegram, type FakeTelegram } from "./fakes/telegram-api.js";
import { createUpdateFactory, user } from "./fakes/telegram-updates.js";
import { BOT_INFO, startTestApp, type TestApp } from "./support/app.js";
import { telegramSession, textOf, to } from "./support/telegram-session.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One resident sending 50 messages a second for a minute, with the default pacing (20 a minute). */
describe("a flood from one resident", () => {
  let fake: FakeTelegram;
  let app: TestApp;
  let tg: ReturnType<typeof telegramSession>;
  const u = createUpdateFactory({ bot: { id: BOT_INFO.id, username: BOT_INFO.username } });

  beforeAll(async () => {
    fake = await startFakeTelegram({ limits: { perChatPerSecond: 100, perChatBurst: 100, perGroupPerMinute: 5000, globalPerSecond: 1000 } });
    app = await startTestApp({ apiRoot: fake.apiRoot });
    tg = telegramSession(fake, app.baseUrl);
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  it("is slowed, loses nothing, and delays nobody else; the service stays responsive", { timeout: 180_000 }, async () => {
    const flooder = user(7_700_000_001);
    const RATE = 50;
    const SECONDS = 60;
    const statuses: number[] = [];
    const flood = (async () => {
      const t0 = Date.now();
      const posts: Array<Promise<void>> = [];
      for (let i = 0; i < RATE * SECONDS; i++) {
        const wait = t0 + (i * 1000) / RATE - Date.now();
        if (wait > 0) await sleep(wait);
        posts.push(tg.post(u.privateText(flooder, `tin nhắn dồn dập số ${i}`)).then(() => void statuses.push(200), () => void statuses.push(0)));
      }
      await Promise.all(posts);
    })();

    // Every 5 s another resident asks for help, and /healthz is asked: both answer promptly.
    const replyMs: number[] = [];
    for (let k = 0; k < SECONDS / 5; k++) {
      await sleep(5_000);
      const other = user(7_700_100_000 + k);
      const t = Date.now();
      await tg.send(u.privateCommand(other, "/help"), (c) => to(other.id)(c) && /Cách dùng/.test(textOf(c)), 10_000);
      replyMs.push(Date.now() - t);
      expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
    }
    await flood;

    expect(statuses.filter((s) => s !== 200)).toEqual([]); // every message acknowledged
    expect(Math.max(...replyMs)).toBeLessThan(5_000); // nobody else waited behind the flood
    // Slowed: at most the burst plus a minute's allowance (and some slack) handled so far …
    const handled = fake.sentTo(flooder.id).filter((c) => c.params["reply_markup"]).length;
    expect(handled).toBeLessThan(60);
    // … one polite notice …
    expect(fake.sentTo(flooder.id).filter((c) => /nhắn rất nhanh/.test(textOf(c)))).toHaveLength(1);
    // … and nothing lost: every message is a job still waiting its turn or already handled.
    const counts = await app.deps.queues.inbound.getJobCounts("waiting", "delayed", "active", "failed", "prioritized");
    const processed = await app.deps.db.inboundUpdate.count({ where: { processedAt: { not: null } } });
    expect(counts["failed"]).toBe(0);
    const pending = (counts["waiting"] ?? 0) + (counts["delayed"] ?? 0) + (counts["active"] ?? 0) + (counts["prioritized"] ?? 0);
    expect(pending + processed).toBeGreaterThanOrEqual(RATE * SECONDS + SECONDS / 5);
  });
});
