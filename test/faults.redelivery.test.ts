import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeTelegram, type FakeTelegram } from "./fakes/telegram-api.js";
import { eventually, startTestApp, type TestApp } from "./support/app.js";
import { ensureBuilt } from "./support/service.js";
import {
  FAST_ENV, allTipsDelivered, auditTips, bindInbox, deliver, draftOffers, mapLimit, processEnv, seedResidents, startProcess,
  tapSend, updates, type ServiceProcess,
} from "./support/faults.js";
import { settled } from "./support/settle.js";

const N = 40;
const INBOX = -1_006_500_000_001;

/** Every update `1..5` times, shuffled, each copy to one of the web processes at random; all in flight together. */
async function storm(fake: FakeTelegram, webs: string[], list: Update[]): Promise<{ copies: number; refused: number }> {
  const copies = list.flatMap((upd) => Array.from({ length: 1 + Math.floor(Math.random() * 5) }, () => upd));
  for (let i = copies.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copies[i], copies[j]] = [copies[j]!, copies[i]!];
  }
  const results = await mapLimit(copies, 24, (upd) => deliver(fake, webs[Math.floor(Math.random() * webs.length)]!, upd, { maxAttempts: 1 }));
  return { copies: copies.length, refused: results.filter((r) => r.status !== 200).length };
}

/** Telegram redelivers (timeouts, restarts, a proxy replaying): duplicates must collapse into one tip. */
describe("faults: the same update delivered up to five times, out of order, to two web processes", () => {
  let fake: FakeTelegram;
  let worker: TestApp;
  const webs: ServiceProcess[] = [];
  const u = updates();

  beforeAll(async () => {
    await ensureBuilt();
    fake = await startFakeTelegram({ limits: false });
    // Workers in this process; two compiled web processes (ROLE=web) take the webhook.
    worker = await startTestApp({ apiRoot: fake.apiRoot, env: { ...FAST_ENV, ROLE: "worker" } });
    const env = processEnv({ schema: worker.schema, prefix: worker.prefix, apiRoot: fake.apiRoot }, "web");
    webs.push(...(await Promise.all([startProcess(env), startProcess(env)])));
    await bindInbox(worker.deps.db, "00004", INBOX);
  }, 300_000);

  afterAll(async () => {
    await Promise.all(webs.map((w) => w.stop()));
    await worker?.stop();
    await fake?.close();
  });

  it("makes one draft offer, one tip, one confirmation and one card per resident", { timeout: 300_000 }, async () => {
    const people = await seedResidents(worker.deps, 7_650_000, N);
    const urls = webs.map((w) => w.address!);
    const texts = people.map((p, i) => u.privateText(p, `Tin báo ${i}: có người lạ theo dõi nhà số ${p.id % 500}`));
    const first = await storm(fake, urls, texts);
    expect(first.refused).toBe(0);
    const offers = await eventually(async () => {
      const o = draftOffers(fake);
      return people.every((p) => o.has(p.id)) && o;
    }, 120_000, "a draft offer to every resident");

    const taps = people.map((p) => tapSend(u, p, offers));
    const second = await storm(fake, urls, taps);
    expect(second.refused).toBe(0);
    expect(second.copies).toBeGreaterThan(N); // some were duplicated
    await allTipsDelivered(worker.deps, fake, people, INBOX, 180_000);
    await settled(worker.deps, fake, 180_000); // every job run, every send recorded: a duplicate would be here
    const audit = await auditTips(worker.deps, fake, people, INBOX);
    expect(audit).toMatchObject({ tips: N, missing: [], extra: [], unrouted: 0, uncarded: [], cardsNotOnce: [], confirmationsNotOnce: [] });
    const offerCount = new Map<number, number>();
    for (const c of fake.calls) {
      if (c.ok && c.method === "sendMessage" && /gửi nội dung này thành tin báo/.test(String(c.params["text"]))) {
        offerCount.set(Number(c.params["chat_id"]), (offerCount.get(Number(c.params["chat_id"])) ?? 0) + 1);
      }
    }
    expect([...offerCount.values()].every((n) => n === 1)).toBe(true);
    expect(offerCount.size).toBe(N);

    // An hour later BullMQ has forgotten the jobs; Telegram (or a replaying proxy) sends them again.
    const inbound = worker.deps.queues.inbound;
    await inbound.clean(0, 100_000, "completed");
    expect(await inbound.getCompletedCount()).toBe(0);
    const again = await storm(fake, urls, [...taps, ...texts]);
    expect(again.refused).toBe(0);
    await eventually(async () => {
      const counts = await inbound.getJobCounts("waiting", "active", "delayed", "prioritized", "completed");
      return counts["completed"] === 2 * N && counts["waiting"]! + counts["active"]! + counts["delayed"]! + counts["prioritized"]! === 0;
    }, 120_000, "the replayed updates handled");
    await settled(worker.deps, fake, 180_000);
    const after = await auditTips(worker.deps, fake, people, INBOX);
    expect(after).toMatchObject({ tips: N, missing: [], extra: [], cardsNotOnce: [], confirmationsNotOnce: [] });
    expect(draftOffers(fake).size).toBe(N);
    expect(fake.calls.filter((c) => c.ok && c.method === "sendMessage" && /gửi nội dung này thành tin báo/.test(String(c.params["text"]))).length).toBe(N);
  });
});
