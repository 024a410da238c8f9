import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTip } from "../src/core/tips/create.js";
import { routeTipJob } from "../src/jobs/route-tip.js";
import { enqueue, jobId } from "../src/queue/job.js";
import { startFakeTelegram, type FakeTelegram } from "./fakes/telegram-api.js";
import { startTestApp, type TestApp } from "./support/app.js";
import { FAST_ENV, WARD, bindInbox, seedResidents } from "./support/faults.js";
import { textOf } from "./support/telegram-session.js";

const INBOX = -1_006_600_000_001;

/**
 * route-tip commits "routed" (tip.routedAt + a routed event) and only then queues the card.
 * These tests put the database in the state a worker leaves when it dies (SIGKILL, OOM, a
 * Redis error on that add) between the two, and let BullMQ retry the job as it would.
 * Seen for real in test/faults.worker-kill.test.ts: 1 tip in 1,000 routed with no card.
 */
describe("faults: a route-tip job that died half-way is retried", () => {
  let fake: FakeTelegram;
  let app: TestApp;
  let residentId = 0;

  beforeAll(async () => {
    fake = await startFakeTelegram({ limits: false });
    app = await startTestApp({ apiRoot: fake.apiRoot, env: FAST_ENV });
    await bindInbox(app.deps.db, WARD, INBOX);
    const [p] = await seedResidents(app.deps, 7_660_000, 1);
    residentId = (await app.deps.db.resident.findFirstOrThrow({ select: { id: true } })).id;
    expect(p).toBeDefined();
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  const newTip = (key: string) =>
    createTip(app.deps.db, app.deps.identity, {
      sourceKey: key, channel: "TELEGRAM", residentId, wardCode: WARD, provinceCode: null, category: "other",
      text: `Có người lạ đi hỏi từng nhà (${key})`, media: [], anonymous: true,
    });

  it("died before routing: the retry routes the tip and posts its card", async () => {
    const tip = await newTip("tg-crash-before");
    await enqueue(app.deps.queues, routeTipJob, { tipId: tip.id }, jobId("route", tip.id));
    const card = await fake.waitFor((c) => c.ok && String(c.params["chat_id"]) === String(INBOX) && textOf(c).includes(tip.code));
    expect(card.method).toBe("sendMessage");
  });

  // A job that committed the routing but died before queueing the card must not leave the tip
  // routed with no card: the retry queues the card again.
  it("died after routing, before queueing the card: the retry still posts the card", async () => {
    const tip = await newTip("tg-crash-after");
    // What the first attempt committed before it died (route-tip.ts, the routing transaction).
    await app.deps.db.$transaction(async (tx) => {
      await tx.tip.update({ where: { id: tip.id }, data: { routedAt: new Date() } });
      await tx.tipEvent.create({ data: { tipId: tip.id, type: "routed", data: { via: "ward", wardCode: WARD } } });
    });
    await enqueue(app.deps.queues, routeTipJob, { tipId: tip.id }, jobId("route", tip.id));
    await fake.waitFor((c) => c.ok && String(c.params["chat_id"]) === String(INBOX) && textOf(c).includes(tip.code));
  });
});
