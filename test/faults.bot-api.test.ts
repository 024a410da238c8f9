import type { User } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeTelegram, type FakeTelegram } from "./fakes/telegram-api.js";
import { startTestApp, type TestApp } from "./support/app.js";
import {
  FAST_ENV, allTipsDelivered, auditTips, bindInbox, deliver, mapLimit, seedResidents, sleep, tapSend, updates, writeDrafts,
} from "./support/faults.js";
import { settled } from "./support/settle.js";

const INBOX = -1_006_400_000_001;
const PHASE_MS = 20_000;

/** The Bot API misbehaving: 429 with retry_after, 500s, answers that hang. */
describe("faults: the Bot API answering 429, 500 and hanging", () => {
  let fake: FakeTelegram;
  let app: TestApp;
  const u = updates();

  beforeAll(async () => {
    fake = await startFakeTelegram({ limits: false });
    app = await startTestApp({ apiRoot: fake.apiRoot, env: FAST_ENV });
    await bindInbox(app.deps.db, "00004", INBOX);
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  }, 120_000);

  const tap = (people: User[], offers: Map<number, number>) =>
    mapLimit(people, 4, async (p) => {
      const r = await deliver(fake, app.baseUrl, tapSend(u, p, offers));
      if (r.status !== 200) throw new Error(`webhook answered ${r.status}`);
    });

  it("a minute of 429 (retry_after 3), then 500s, then 20 s hangs: every send delayed, none dropped, none twice", { timeout: 420_000 }, async () => {
    const people = await seedResidents(app.deps, 7_640_000, 30);
    const offers = await writeDrafts(fake, app.baseUrl, u, people);
    const start = Date.now();
    fake.failFor("*", { error_code: 429, description: "Too Many Requests: retry after 3", retry_after: 3 }, PHASE_MS);
    await tap(people.slice(0, 10), offers);
    await sleep(start + PHASE_MS - Date.now());
    // The 500s start when this line runs: on a busy machine, a little after the 429s ended.
    const second = Date.now();
    fake.failFor("*", { error_code: 500, description: "Internal Server Error" }, PHASE_MS);
    await tap(people.slice(10, 20), offers);
    await sleep(second + PHASE_MS - Date.now());
    fake.hang("*", PHASE_MS); // shorter than the client's 30 s timeout: slow, not lost
    await tap(people.slice(20), offers);

    await allTipsDelivered(app.deps, fake, people, INBOX, 300_000);
    await settled(app.deps, fake, 300_000); // every retry run, every held send carried out: a duplicate would be here
    const audit = await auditTips(app.deps, fake, people, INBOX);
    expect(audit).toMatchObject({ tips: 30, missing: [], extra: [], unrouted: 0, uncarded: [], cardsNotOnce: [], confirmationsNotOnce: [] });
    // The faults did hit: sends were refused with 429 and 500, and nothing went out while refused.
    const failed = fake.calls.filter((c) => !c.ok && c.at >= start);
    expect(failed.some((c) => (c.response as { error_code: number }).error_code === 429)).toBe(true);
    expect(failed.some((c) => (c.response as { error_code: number }).error_code === 500)).toBe(true);
    const refusing = (at: number) => (at >= start && at < start + PHASE_MS) || (at >= second && at < second + PHASE_MS);
    expect(fake.calls.filter((c) => c.ok && c.method === "sendMessage" && refusing(c.at))).toEqual([]);
    const jobsFailed = await Promise.all(Object.values(app.deps.queues).map((q) => q.getFailedCount()));
    expect(jobsFailed.reduce((a, b) => a + b, 0)).toBe(0);
  });

  // A send that our side gave up on may still be carried out by Telegram, and a retried job would
  // send it again: the client waits (SEND_TIMEOUT_SECONDS) rather than give up. The fake holds the
  // calls for 45 s and then carries them out, as Telegram does with a request it received.
  it("sendMessage hanging for 45 s: nothing is sent twice", { timeout: 300_000 }, async () => {
    const people = await seedResidents(app.deps, 7_641_000, 3);
    const offers = await writeDrafts(fake, app.baseUrl, u, people);
    fake.hang("sendMessage", 45_000);
    await tap(people, offers);
    await allTipsDelivered(app.deps, fake, people, INBOX, 240_000);
    await settled(app.deps, fake, 240_000); // the held calls carried out, every job run
    const audit = await auditTips(app.deps, fake, people, INBOX);
    expect(audit.confirmationsNotOnce).toEqual([]);
    expect(audit.cardsNotOnce).toEqual([]);
  });
});
