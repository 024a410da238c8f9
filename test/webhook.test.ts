import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeTelegram, type FakeTelegram } from "./fakes/telegram-api.js";
import { createUpdateFactory, user } from "./fakes/telegram-updates.js";
import { eventually, REDIS_URL, startTestApp, WAIT_MS, WEBHOOK_SECRET, type TestApp } from "./support/app.js";

const updates = createUpdateFactory();
const PATH = "/webhooks/telegram";

type Answer = { status: number; body: unknown };

async function post(app: TestApp, body: string | object, opts: { secret?: string | null; contentType?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = { "content-type": opts.contentType ?? "application/json" };
  const secret = opts.secret === undefined ? WEBHOOK_SECRET : opts.secret;
  if (secret !== null) headers["x-telegram-bot-api-secret-token"] = secret;
  const res = await fetch(`${app.baseUrl}${PATH}`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed };
}

/** Jobs in the inbound queue, whatever their state. */
async function totalInbound(app: TestApp): Promise<number> {
  const counts = await app.deps.queues.inbound.getJobCounts();
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

const inboundRows = (app: TestApp, updateId: number) =>
  app.deps.db.inboundUpdate.findMany({ where: { channel: "TELEGRAM", externalId: String(updateId) } });

const jobIdOf = (updateId: number) => `tg-${updateId}`;

describe("POST /webhooks/telegram (web and workers)", () => {
  let fake: FakeTelegram;
  let app: TestApp;
  let nextUser = 7_100_000_000 + Math.floor(Math.random() * 1_000_000);

  beforeAll(async () => {
    fake = await startFakeTelegram();
    app = await startTestApp({ apiRoot: fake.apiRoot });
  });
  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  it("registers the webhook with Telegram, with the secret", async () => {
    // Registered in the background: a slow Bot API must not hold up serving.
    const webhook = await eventually(async () => fake.webhook, WAIT_MS, "setWebhook");
    expect(webhook).toEqual({ url: `https://wardline.example.org${PATH}`, secretToken: WEBHOOK_SECRET });
    const call = fake.callsTo("setWebhook")[0];
    expect(call?.params).toMatchObject({ allowed_updates: expect.arrayContaining(["message", "callback_query"]) });
  });

  it("an update delivered three times, one after another, is one job and one processed row", async () => {
    const u = user(++nextUser, { languageCode: "vi" });
    const update = updates.privateText(u, "xin chào");
    for (let i = 0; i < 3; i++) expect(await post(app, update)).toEqual({ status: 200, body: { ok: true } });
    const job = await app.deps.queues.inbound.getJob(jobIdOf(update.update_id));
    expect(job?.name).toBe("telegram-update");

    const rows = await eventually(async () => {
      const r = await inboundRows(app, update.update_id);
      return r.length === 1 && r[0]!.processedAt ? r : null;
    }, WAIT_MS, "the update to be processed");
    expect(rows).toHaveLength(1);

    // The row is marked inside the job; the job itself is marked finished a moment later.
    const finishedOn = await eventually(
      async () => (await app.deps.queues.inbound.getJob(jobIdOf(update.update_id)))?.finishedOn,
      10_000,
      "the job to finish",
    );
    // Telegram redelivers after we handled it (e.g. our 200 was lost): still nothing new.
    expect(await post(app, update)).toEqual({ status: 200, body: { ok: true } });
    const again = await app.deps.queues.inbound.getJob(jobIdOf(update.update_id));
    expect(again?.finishedOn).toBe(finishedOn);
    expect(await inboundRows(app, update.update_id)).toHaveLength(1);
  });

  it("an update delivered three times at once is one job and one processed row", async () => {
    const before = await totalInbound(app);
    const u = user(++nextUser, { languageCode: "vi" });
    const update = updates.privateText(u, "tôi muốn báo tin");
    const answers = await Promise.all([post(app, update), post(app, update), post(app, update)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(await totalInbound(app)).toBe(before + 1);
    await eventually(async () => (await inboundRows(app, update.update_id))[0]?.processedAt, WAIT_MS, "the update to be processed");
    expect(await inboundRows(app, update.update_id)).toHaveLength(1);
    expect(await totalInbound(app)).toBe(before + 1);
  });

  it("a wrong or missing secret is refused with 401 and nothing is queued", async () => {
    const before = await totalInbound(app);
    const update = updates.privateText(user(++nextUser), "giả mạo");
    for (const secret of [null, "", "wrong_secret_0123456789", `${WEBHOOK_SECRET}x`, WEBHOOK_SECRET.slice(0, -1)]) {
      const answer = await post(app, update, { secret });
      expect(answer.status, `secret ${JSON.stringify(secret)}`).toBe(401);
    }
    expect(await app.deps.queues.inbound.getJob(jobIdOf(update.update_id))).toBeUndefined();
    expect(await totalInbound(app)).toBe(before);
    expect(await inboundRows(app, update.update_id)).toHaveLength(0);
  });

  it("refuses what is not a Telegram update: malformed JSON 400, over 1 MiB 413, no integer update_id 400", async () => {
    const before = await totalInbound(app);
    expect((await post(app, '{"update_id": 5, "message": ')).status).toBe(400);
    expect((await post(app, "not json at all")).status).toBe(400);

    const huge = { update_id: updates.nextUpdateId(), message: { text: "x".repeat(1024 * 1024 + 1) } };
    expect((await post(app, huge)).status).toBe(413);

    for (const body of [{}, { update_id: "5" }, { update_id: 1.5 }, { update_id: -1 }, { update_id: null }, [], { message: { text: "hi" } }]) {
      const answer = await post(app, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body).toMatchObject({ ok: false });
    }
    expect((await post(app, "null")).status).toBe(400);
    expect(await totalInbound(app)).toBe(before);
  });

  it("an update of a kind the bot does not know is accepted and finished without error", async () => {
    const updateId = updates.nextUpdateId();
    const update = {
      update_id: updateId,
      poll: { id: "5012345678901234567", question: "Bạn có thấy gì không?", options: [{ text: "Có", voter_count: 1 }], total_voter_count: 1, is_closed: false, is_anonymous: true, type: "regular", allows_multiple_answers: false },
    };
    expect(await post(app, update)).toEqual({ status: 200, body: { ok: true } });
    const job = await eventually(async () => {
      const j = await app.deps.queues.inbound.getJob(jobIdOf(updateId));
      return j?.finishedOn ? j : null;
    }, WAIT_MS, "the poll update to be finished");
    expect(await job.getState()).toBe("completed");
    expect(job.failedReason).toBeFalsy();
    expect(job.attemptsMade).toBeLessThanOrEqual(1);
    const rows = await inboundRows(app, updateId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.processedAt).not.toBeNull();
  });

  it("what waits in Redis holds neither the tipster's words nor their chat id", async () => {
    const chatId = 7_912_345_678;
    const words = "Có người buôn bán ma túy ở hẻm 42 Lê Lợi";
    const u = user(chatId, { firstName: "Nguyễn Văn Bí Mật", username: "bimat_tipster" });
    const update = updates.privateText(u, words);
    expect((await post(app, update)).status).toBe(200);

    const job = await app.deps.queues.inbound.getJob(jobIdOf(update.update_id));
    expect(job).toBeDefined();
    const data = JSON.stringify(job!.data);
    for (const secret of [words, "ma túy", String(chatId), "Bí Mật", "bimat_tipster"]) expect(data).not.toContain(secret);

    // The raw hash as Redis stores it (data, and anything else BullMQ keeps beside it).
    const redis = new Redis(REDIS_URL);
    try {
      const raw = JSON.stringify(await redis.hgetall(`${app.prefix}:inbound:${jobIdOf(update.update_id)}`));
      expect(raw).toContain(String(update.update_id));
      for (const secret of [String(chatId), "Bí Mật", "bimat_tipster"]) expect(raw).not.toContain(secret);
      expect(raw).not.toContain(JSON.stringify(words).slice(1, -1));
    } finally {
      redis.disconnect();
    }
  });
});

describe("POST /webhooks/telegram when Redis is unreachable", () => {
  let fake: FakeTelegram;
  let app: TestApp;

  beforeAll(async () => {
    fake = await startFakeTelegram();
    app = await startTestApp({ apiRoot: fake.apiRoot, env: { ROLE: "web" } });
  });
  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  it("answers 503 (so Telegram delivers it again later), never 200, and queues nothing", async () => {
    const update = updates.privateText(user(7_200_000_001), "xin chào");
    app.deps.redis.disconnect();
    const answer = await post(app, update);
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ ok: false });

    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue("inbound", { connection, prefix: app.prefix });
    try {
      expect(await queue.getJob(jobIdOf(update.update_id))).toBeUndefined();
      expect(Object.values(await queue.getJobCounts()).every((n) => n === 0)).toBe(true);
    } finally {
      await queue.close();
      await connection.quit();
    }
  });
});
