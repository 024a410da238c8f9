import { randomBytes } from "node:crypto";
import pg from "pg";
import { pino } from "pino";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { Api, Bot, BotError, GrammyError, HttpError } from "grammy";
import type { Update } from "grammy/types";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorBoundary } from "../handlers/telegram/error-boundary.js";
import type { BotContext } from "../handlers/telegram/context.js";
import type { Deps } from "../src/deps.js";
import { createLogger } from "../src/logger.js";
import { defineJob } from "../src/queue/job.js";
import { createRedis } from "../src/queue/redis.js";
import { createWorkers, type WorkerSet } from "../src/queue/workers.js";
import { telegramCall } from "../src/telegram/errors.js";
import { createZaloBotClient } from "../src/zalo/bot-client.js";
import { ZaloApiError } from "../src/zalo/errors.js";
import { TEST_BOT_TOKEN, startFakeTelegram, type FakeTelegram } from "./fakes/telegram-api.js";
import { createUpdateFactory, user } from "./fakes/telegram-updates.js";
import { startFakeZalo, type FakeZalo } from "./fakes/zalo-api.js";
import { PG_URL, REDIS_URL, TEST_TOKEN as APP_TOKEN, captureLogs, clearPrefix, eventually, startTestApp, uniqueName, type TestApp } from "./support/app.js";
import { deliver } from "./support/faults.js";

const TIPSTER_ID = 7_912_345_678;
const TIPSTER = user(TIPSTER_ID, { firstName: "Thắm-Bí-Mật", lastName: "Nguyễn-Ẩn-Danh", username: "tham_tipster_secret", languageCode: "vi" });
const TIP_TEXT = "Có người buôn ma túy ở hẻm 42 đường Lý Nam Đế";
const PHONE = "+84912345678";
const QUESTION = "Anh chị thấy mấy người ở hẻm 42, lúc mấy giờ?";
const ZALO_CHAT = "84901234567";
/** Nothing of these may reach a log line. */
const LEAKS = [String(TIPSTER_ID), "Thắm-Bí-Mật", "Nguyễn-Ẩn-Danh", "tham_tipster_secret", "ma túy", "hẻm 42", PHONE, "912345678", TEST_BOT_TOKEN, "AAFakeTestTokenForWardline", ZALO_CHAT];

type ErrLine = { type: string; message: string; code?: unknown; status?: number; surface?: string; method?: string; stack?: string; cause?: ErrLine };
type Line = { level: number; msg: string; jobId?: string; err?: ErrLine };

const expectNoLeaks = (text: string, leaks = LEAKS) => {
  for (const leak of leaks) expect(text, `log holds ${leak}`).not.toContain(leak);
};

describe("a failed job's log line holds the error's type and code, never the tipster or the token", () => {
  let fake: FakeTelegram;
  let zalo: FakeZalo;
  let app: TestApp;
  let workers: WorkerSet;
  let queue: Queue;
  const prefix = uniqueName("wlerr");
  const logs = captureLogs();
  let connection: Redis;
  let producer: Redis;
  const errors = new Map<string, Error>();
  const u = createUpdateFactory();

  beforeAll(async () => {
    connection = createRedis(REDIS_URL, "worker");
    producer = createRedis(REDIS_URL, "producer");
    fake = await startFakeTelegram({ limits: false });
    zalo = await startFakeZalo();
    app = await startTestApp({ apiRoot: fake.apiRoot });
    const deps: Deps = { ...app.deps, log: createLogger({ level: "debug", pretty: false }, logs.stream), config: { ...app.deps.config, redis: { ...app.deps.config.redis, prefix } } };
    const explode = defineJob({
      queue: "inbound",
      name: "explode",
      schema: z.object({ kind: z.string() }),
      async handle(_deps: Deps, data) {
        throw errors.get(data.kind)!;
      },
    });
    workers = createWorkers(deps, connection, [explode]);
    queue = new Queue("inbound", { connection: producer, prefix });
  }, 120_000);

  afterAll(async () => {
    await workers?.close(5_000);
    await queue?.close();
    connection?.disconnect();
    producer?.disconnect();
    await clearPrefix(prefix);
    await app?.stop();
    await fake?.close();
    await zalo?.close();
  }, 120_000);

  /** Runs a job that throws `err` twice (a retry, then a failure for good); returns its two log lines. */
  async function failJob(kind: string, err: Error): Promise<Line[]> {
    errors.set(kind, err);
    const id = `explode-${kind}-${randomBytes(3).toString("hex")}`;
    await queue.add("explode", { kind }, { jobId: id, attempts: 2, backoff: { type: "fixed", delay: 10 } });
    const mine = () => logs.lines.map((l) => JSON.parse(l) as Line).filter((l) => l.jobId === id);
    await eventually(async () => mine().length >= 2, 30_000, `two failure lines for ${kind}`);
    const lines = mine();
    expect(lines.map((l) => l.msg)).toEqual(["job failed, will retry", "job failed for good"]);
    expectNoLeaks(logs.lines.filter((l) => l.includes(id)).join("\n"));
    // What BullMQ keeps of the failure in Redis (for days) is held to the same rule.
    const job = await queue.getJob(id);
    expect(job?.failedReason).toBeTruthy();
    expectNoLeaks(JSON.stringify([job?.failedReason, job?.stacktrace]));
    return lines;
  }

  /** The error really carries what must not be logged (what pino's own serializer would write). */
  const carries = (err: Error, ...what: string[]) => {
    const raw = JSON.stringify(pino.stdSerializers.err(err), (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v));
    for (const w of what) expect(raw, `the error itself carries ${w}`).toContain(w);
  };

  /** A bot like ours (error boundary first), whose reply to the tipster fails at the Bot API. */
  async function botErrorFor(update: Update): Promise<BotError> {
    const bot = new Bot<BotContext>(TEST_BOT_TOKEN, { botInfo: fake.botInfoFor(TEST_BOT_TOKEN), client: { apiRoot: fake.apiRoot } });
    bot.use(errorBoundary());
    bot.on("message", (ctx) => ctx.reply(QUESTION));
    fake.failNext("sendMessage", { error_code: 400, description: "Bad Request: chat not found" });
    const err = await bot.handleUpdate(update).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(BotError);
    return err as BotError;
  }

  it("grammY's BotError (the whole update and the bot inside): type and Bot API code, no name, username, text or token", async () => {
    const err = await botErrorFor(u.privateText(TIPSTER, TIP_TEXT));
    carries(err, String(TIPSTER_ID), "tham_tipster_secret", "Thắm-Bí-Mật", TIP_TEXT, TEST_BOT_TOKEN, QUESTION);
    const [retry, final] = await failJob("bot-error", err);
    expect(retry!.level).toBe(40);
    expect(final!.level).toBe(50);
    expect(final!.err).toMatchObject({ type: "BotError", message: "GrammyError in middleware", cause: { type: "GrammyError", code: 400, method: "sendMessage" } });
    expect(final!.err!.cause!.message).toBe("Call to 'sendMessage' failed! (400: Bad Request: chat not found)");
    expect(final!.err!.stack).toMatch(/^BotError: GrammyError in middleware\n\s+at /);
  });

  it("a BotError from a shared contact: no phone number", async () => {
    const contact = u.privateText(TIPSTER, "x");
    const msg = contact.message as unknown as Record<string, unknown>;
    delete msg["text"];
    msg["contact"] = { phone_number: PHONE, first_name: TIPSTER.first_name, user_id: TIPSTER_ID };
    const err = await botErrorFor(contact);
    carries(err, PHONE);
    const [, final] = await failJob("bot-error-contact", err);
    expect(final!.err).toMatchObject({ type: "BotError", cause: { type: "GrammyError", code: 400 } });
  });

  it("a GrammyError from a failed send (payload: chat_id and the officer's question) keeps its code only", async () => {
    const api = new Api(TEST_BOT_TOKEN, { apiRoot: fake.apiRoot });
    fake.failNext("sendMessage", { error_code: 502, description: "Bad Gateway" });
    const err = await telegramCall(() => api.sendMessage(TIPSTER_ID, QUESTION)).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(GrammyError);
    carries(err as Error, String(TIPSTER_ID), QUESTION);
    const [, final] = await failJob("grammy-error", err as Error);
    expect(final!.err).toMatchObject({ type: "GrammyError", code: 502, method: "sendMessage", message: "Call to 'sendMessage' failed! (502: Bad Gateway)" });
    expect(JSON.stringify(final)).not.toContain(QUESTION);
    expect(JSON.stringify(final)).not.toContain("payload");
  });

  it("an HttpError (the request URL holds the token) is logged with its cause, the token scrubbed", async () => {
    const api = new Api(TEST_BOT_TOKEN, { apiRoot: "http://127.0.0.1:1" });
    const err = await api.sendMessage(TIPSTER_ID, QUESTION).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    const [, final] = await failJob("http-error", err as Error);
    expect(final!.err!.type).toBe("HttpError");
    expect(final!.err!.cause).toMatchObject({ code: "ECONNREFUSED" });
  });

  it("Zalo's ZaloApiError keeps its code, surface and HTTP status", async () => {
    const client = createZaloBotClient({ apiRoot: zalo.botApiRoot, token: zalo.botToken });
    zalo.failNext("sendMessage", { ok: false, error_code: 500, description: "Internal error" }, 1, 500);
    const err = await client.sendMessage(ZALO_CHAT, QUESTION).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(ZaloApiError);
    const [, final] = await failJob("zalo-error", err as Error);
    expect(final!.err).toMatchObject({ type: "ZaloApiError", code: 500, surface: "bot", status: 500 });
    expect(JSON.stringify(final)).not.toContain(zalo.botToken);
  });

  it("Prisma and PostgreSQL errors keep their code; the arguments and values they quote are cut", async () => {
    const db = app.deps.db;
    // A validation error prints the call's arguments, values included.
    const invalid = await db.chatSession.create({ data: { key: TIP_TEXT, value: { phone: PHONE }, bogus: TIPSTER.username } as never }).then(() => null, (e: unknown) => e);
    carries(invalid as Error, TIP_TEXT);
    const [, v] = await failJob("prisma-validation", invalid as Error);
    expect(v!.err).toMatchObject({ type: "PrismaClientValidationError", message: "db.chatSession.create(): Unknown argument `bogus`. Available options are marked with ?." });
    // PostgreSQL quotes the value it could not read; Prisma passes the message on (P2010).
    const raw = await db.$queryRawUnsafe("SELECT $1::int", TIP_TEXT).then(() => null, (e: unknown) => e);
    carries(raw as Error, TIP_TEXT);
    const [, r] = await failJob("prisma-raw", raw as Error);
    expect(r!.err).toMatchObject({ type: "PrismaClientKnownRequestError", code: "P2010" });
    expect(r!.err!.message).toContain('invalid input syntax for type integer: "…"');
    // node-postgres' own error, quoting the value another way (and with fields that may hold data).
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    const direct = await client.query(`SELECT '${PHONE}'::int`).then(() => null, (e: unknown) => e);
    await client.end();
    const [, d] = await failJob("pg-error", direct as Error);
    expect(d!.err).toMatchObject({ type: "DatabaseError", code: "22003", message: 'value "…" is out of range for type integer' });
  });

  it("through the app: a resident's message whose answer fails is retried, and its log line holds no trace of them", { timeout: 120_000 }, async () => {
    const resident = user(TIPSTER_ID + 1, { firstName: "Thắm-Bí-Mật", username: "tham_tipster_secret" });
    const from = app.logs.lines.length;
    // A 400 (a 5xx would be retried inside the update by the bot's auto-retry).
    // Only the answer to the resident fails (the app may still be making its start-up calls).
    fake.failNext("sendMessage", { error_code: 400, description: "Bad Request: chat not found" }, 1);
    expect((await deliver(fake, app.baseUrl, u.privateText(resident, TIP_TEXT))).status).toBe(200);
    const failed = () => app.logs.lines.slice(from).map((l) => JSON.parse(l) as Line).filter((l) => l.msg === "job failed, will retry");
    await eventually(async () => failed().length > 0, 60_000, "the update's job to fail once");
    // The retry answers the resident: nothing was lost.
    await eventually(async () => fake.sentTo(resident.id).length > 0, 60_000, "the resident answered on the retry");
    expectNoLeaks(app.logs.lines.join("\n"), [String(resident.id), "Thắm-Bí-Mật", "tham_tipster_secret", "ma túy", "hẻm 42", APP_TOKEN, "TEST-token_abc"]);
    // The job passes on the handler's own error (not grammY's BotError wrapper, which holds the update).
    expect(failed()[0]!.err).toMatchObject({ type: "GrammyError", code: 400, method: "sendMessage" });
  });
});
