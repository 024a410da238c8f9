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

  it("is slowed, loses nothing, and delays nobody else; the service stays responsive", { timeout: 300_000 }, async () => {
    const flooder = user(7_700_000_001);
    const RATE = 50;
    const SECONDS = 60;
    const statuses: number[] = [];
    /** Update ids of the flooder's messages the webhook acknowledged, in order. */
    const acked: string[] = [];
    const t0 = Date.now();
    const flood = (async () => {
      // As Telegram does: at most 40 webhook requests open at once (max_connections), so a slow
      // machine slows the flood down instead of piling up requests until they time out.
      const open = new Set<Promise<void>>();
      for (let i = 0; i < RATE * SECONDS; i++) {
        const wait = t0 + (i * 1000) / RATE - Date.now();
        if (wait > 0) await sleep(wait);
        while (open.size >= 40) await Promise.race(open);
        const update = u.privateText(flooder, `tin nhắn dồn dập số ${i}`);
        const post: Promise<void> = tg.post(update).then(() => void (statuses.push(200), acked.push(String(update.update_id))), () => void statuses.push(0));
        open.add(post);
        void post.finally(() => open.delete(post));
      }
      await Promise.all(open);
    })();

    // Every 5 s another resident asks for help, and /healthz is asked: both answer, and the help
    // comes ahead of flood messages sent before it (a resident queued behind the flood would wait
    // until all of those were handled).
    const behind: number[] = [];
    for (let k = 0; k < SECONDS / 5; k++) {
      await sleep(5_000);
      const other = user(7_700_100_000 + k);
      const earlier = [...acked];
      await tg.send(u.privateCommand(other, "/help"), (c) => to(other.id)(c) && /Cách dùng/.test(textOf(c)));
      const handledEarlier = await app.deps.db.inboundUpdate.count({ where: { channel: "TELEGRAM", externalId: { in: earlier }, processedAt: { not: null } } });
      behind.push(earlier.length - handledEarlier);
      expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
    }
    await flood;
    const minutes = (Date.now() - t0) / 60_000;

    expect(statuses.filter((s) => s !== 200)).toEqual([]); // every message acknowledged
    expect(behind.filter((n) => n === 0)).toEqual([]); // nobody else waited behind the flood
    // Slowed: at most the burst plus the allowance of the time it took (and some slack) handled so far …
    const handled = fake.sentTo(flooder.id).filter((c) => c.params["reply_markup"]).length;
    expect(handled).toBeLessThan(40 + 20 * minutes);
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
