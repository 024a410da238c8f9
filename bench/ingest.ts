/**
 * Webhook ingest throughput: how many Telegram updates per second the web role acknowledges
 * (verify secret, parse, seal, BullMQ add, answer 200), against raw BullMQ `Queue.add` with the
 * same concurrency and payload size as the baseline. Runs in-process against the configured
 * PostgreSQL and Redis, in its own schema and queue prefix, which it removes afterwards.
 *
 *   BENCH_N=5000 BENCH_CONCURRENCY=64 npm run bench
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Queue } from "bullmq";
import type { UserFromGetMe } from "grammy/types";
import { pino } from "pino";
import { startApp } from "../src/app.js";
import { parseConfig } from "../src/config.js";
import { deriveIdentityKeys, sealJson } from "../src/crypto/identity.js";
import { TELEGRAM_WEBHOOK_PATH } from "../src/http/telegram-webhook.js";
import { DEFAULT_JOB_OPTIONS } from "../src/queue/queues.js";
import { createRedis } from "../src/queue/redis.js";
import { clearPrefix, DATABASE_URL, dropSchema, REDIS_URL } from "./support.js";

const N = Number(process.env["BENCH_N"] ?? 5_000);
const CONCURRENCY = Number(process.env["BENCH_CONCURRENCY"] ?? 64);
const WARMUP = 300;
const TOKEN = "123456789:BENCH-token_abcdefghijklmnopqrstuv";
const SECRET = "bench_secret_0123456789abcdef";

const uniqueName = (p: string) => `${p}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;

/** A private text message as Telegram sends it (~450 bytes of JSON). */
function telegramUpdate(updateId: number): object {
  const userId = 7_000_000_000 + (updateId % 50_000);
  const now = Math.floor(Date.now() / 1000);
  return {
    update_id: updateId,
    message: {
      message_id: 1_000 + updateId,
      from: { id: userId, is_bot: false, first_name: "Nguyễn", last_name: "Văn An", username: `resident_${userId}`, language_code: "vi" },
      chat: { id: userId, first_name: "Nguyễn", last_name: "Văn An", username: `resident_${userId}`, type: "private" },
      date: now,
      text: "Tối qua có nhóm thanh niên tụ tập đua xe ở đầu hẻm 42 đường Lê Lợi, rất ồn và nguy hiểm.",
    },
  };
}

/** Runs `task(i)` for i in [0, n) with at most `concurrency` in flight. */
async function pool(n: number, concurrency: number, task: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      for (let i = next++; i < n; i = next++) await task(i);
    }),
  );
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Optional (BENCH_STUB_BOT_API=1): a stand-in Bot API answering every method `{ ok: true, result: true }`,
 * so setWebhook succeeds at once. By default the Bot API is unreachable (http://127.0.0.1:9): the
 * web role only calls setWebhook, which startApp retries in the background while serving.
 */
async function startStubBotApi(): Promise<{ apiRoot: string; methods: string[]; close(): Promise<void> }> {
  const methods: string[] = [];
  const server = http.createServer((req, res) => {
    methods.push((req.url ?? "").split("/").pop() ?? "");
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: true, result: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    apiRoot: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    methods,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function post(agent: http.Agent, url: URL, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-telegram-bot-api-secret-token": SECRET },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}


/** Raw BullMQ: `Queue.add` of sealed payloads with custom job ids, on a producer connection like the app's. */
async function benchBullmqAdd(prefix: string, payloadFor: (i: number) => { updateId: number; sealed: string }): Promise<number> {
  const connection = createRedis(REDIS_URL, "producer");
  const queue = new Queue("bench-baseline", { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
  try {
    await pool(WARMUP, CONCURRENCY, async (i) => void (await queue.add("telegram-update", payloadFor(i), { jobId: `warm-${i}` })));
    const ms = await pool(N, CONCURRENCY, async (i) => {
      const data = payloadFor(WARMUP + i);
      await queue.add("telegram-update", data, { jobId: `tg-${data.updateId}` });
    });
    return (N / ms) * 1000;
  } finally {
    await queue.close();
    await connection.quit();
  }
}

export async function benchIngest(): Promise<Record<string, unknown>> {
  const schema = uniqueName("bench");
  const prefix = uniqueName("wlbench");
  const keys = deriveIdentityKeys(randomBytes(32));
  const firstId = 100_000_000 + Math.floor(Math.random() * 1_000_000_000);
  const stub = process.env["BENCH_STUB_BOT_API"] === "1" ? await startStubBotApi() : null;
  const log = pino({ level: process.env["BENCH_LOG_LEVEL"] ?? "error" }, pino.destination(2));
  try {
    // (a) Baseline: same payload shape and size as the webhook queues (a sealed update).
    const bullmqPerS = await benchBullmqAdd(`${prefix}_raw`, (i) => {
      const update = telegramUpdate(firstId + i) as { update_id: number };
      return { updateId: update.update_id, sealed: sealJson(keys, update) };
    });

    // (b) The webhook, in-process, web role only (no workers competing for Redis or CPU).
    const config = parseConfig({
      NODE_ENV: "production",
      ROLE: "web",
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "error",
      PRETTY_LOGS: "false",
      DATABASE_URL,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      IDENTITY_KEY: randomBytes(32).toString("hex"),
      TELEGRAM_BOT_TOKEN: TOKEN,
      // Nothing answers here: the web role only calls setWebhook, which startApp retries in the background.
      TELEGRAM_API_ROOT: stub?.apiRoot ?? "http://127.0.0.1:9",
      TELEGRAM_MODE: "webhook",
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      PUBLIC_URL: "https://wardline.example.org",
      TELEGRAM_BOT_USERNAME: "wardline_bench_bot",
    });
    const app = await startApp(config, {
      log,
      schema,
      botInfo: {
        id: 123456789,
        is_bot: true,
        first_name: "Wardline",
        username: "wardline_bench_bot",
        can_join_groups: true,
        can_read_all_group_messages: false,
        supports_inline_queries: false,
        can_connect_to_business: false,
        has_main_web_app: false,
      } as UserFromGetMe,
    });
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    try {
      const url = new URL(TELEGRAM_WEBHOOK_PATH, app.address!);
      const bodies = Array.from({ length: WARMUP + N }, (_, i) => JSON.stringify(telegramUpdate(firstId + 10_000_000 + i)));
      let failed = 0;
      await pool(WARMUP, CONCURRENCY, async (i) => {
        if ((await post(agent, url, bodies[i]!)) !== 200) failed++;
      });
      const latencies: number[] = [];
      const ms = await pool(N, CONCURRENCY, async (i) => {
        const t = process.hrtime.bigint();
        const status = await post(agent, url, bodies[WARMUP + i]!);
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
        if (status !== 200) failed++;
      });
      const queued = await app.deps.queues.inbound.count();
      latencies.sort((a, b) => a - b);
      const webhookPerS = (N / ms) * 1000;
      return {
        name: "ingest",
        n: N,
        concurrency: CONCURRENCY,
        webhook_per_s: round(webhookPerS),
        bullmq_add_per_s: round(bullmqPerS),
        ratio: round(webhookPerS / bullmqPerS, 3),
        p50_ms: round(percentile(latencies, 50), 2),
        p99_ms: round(percentile(latencies, 99), 2),
        non_200: failed,
        jobs_queued: queued,
        bot_api: stub ? `stub (${[...new Set(stub.methods)].join(",") || "no calls"})` : "unreachable (http://127.0.0.1:9)",
      };
    } finally {
      agent.destroy();
      await app.shutdown("benchmark done");
    }
  } finally {
    await stub?.close();
    await dropSchema(schema).catch((err: Error) => process.stderr.write(`could not drop schema ${schema}: ${err.message}\n`));
    await clearPrefix(prefix);
    await clearPrefix(`${prefix}_raw`);
  }
}
