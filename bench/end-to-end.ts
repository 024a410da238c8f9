/**
 * End to end: residents tap "send this as a tip" at a fixed offered rate (100 tips/s by default,
 * for 60 s), and each tip is timed from the tap reaching the webhook to its card arriving at
 * the ward's inbox on the fake Bot API. Everything runs in this one process (fake Bot API,
 * web, workers, driver) on the configured PostgreSQL and Redis. The fake's rate limits are
 * lifted: real Telegram allows a group 20 messages a minute, so no single inbox could take
 * this load; the benchmark measures Wardline, not Telegram.
 *
 *   BENCH_E2E_RATE=100 BENCH_E2E_SECONDS=60 npm run bench -- end-to-end
 */
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { pino } from "pino";
import { startApp } from "../src/app.js";
import { parseConfig } from "../src/config.js";
import { startFakeTelegram, type Call } from "../test/fakes/telegram-api.js";
import { createUpdateFactory, user } from "../test/fakes/telegram-updates.js";
import { clearPrefix, DATABASE_URL, dropSchema, REDIS_URL } from "./support.js";

const RATE = Number(process.env["BENCH_E2E_RATE"] ?? 100);
const SECONDS = Number(process.env["BENCH_E2E_SECONDS"] ?? 60);
const RESIDENTS = Math.max(50, RATE * 6); // each resident taps about every 6 s
const TOKEN = "123456789:BENCH-e2e_abcdefghijklmnopqrstuvwx";
const SECRET = "bench_e2e_secret_0123456789";
const INBOX = -1_009_000_000_001;
const WARD = "00004";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted: number[], p: number) => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN) * 10) / 10;

/** Watches the fake's calls once each, resolving waiters by a key derived from the call. */
function watcher(calls: Call[], keyOf: (c: Call) => string | null) {
  const waiting = new Map<string, Array<(c: Call) => void>>();
  const seen = new Map<string, number>();
  let next = 0;
  const timer = setInterval(() => {
    for (; next < calls.length; next++) {
      const key = keyOf(calls[next]!);
      if (key === null) continue;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      waiting.get(key)?.shift()?.(calls[next]!); // first come, first served per key
    }
  }, 2);
  return {
    wait: (key: string) => new Promise<Call>((resolve) => waiting.set(key, [...(waiting.get(key) ?? []), resolve])),
    count: (key: string) => seen.get(key) ?? 0,
    stop: () => clearInterval(timer),
  };
}

export async function benchEndToEnd(): Promise<Record<string, unknown>> {
  const fake = await startFakeTelegram({ token: TOKEN, limits: { perChatPerSecond: 1e4, perChatBurst: 1e4, perGroupPerMinute: 1e7, globalPerSecond: 1e6 } });
  const schema = `bench_e2e_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const prefix = `wle2e_${Date.now().toString(36)}`;
  const config = parseConfig({
    NODE_ENV: "production", ROLE: "all", PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "error", PRETTY_LOGS: "false",
    DATABASE_URL, REDIS_URL, QUEUE_PREFIX: prefix, IDENTITY_KEY: randomBytes(32).toString("hex"),
    TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_MODE: "webhook", TELEGRAM_WEBHOOK_SECRET: SECRET, PUBLIC_URL: "https://wardline.example.org",
    SEND_RATE_PER_SECOND: "1000", RESIDENT_TIPS_PER_HOUR: "1000", RESIDENT_MESSAGES_PER_MINUTE: "1000", WORKER_CONCURRENCY: "50",
  });
  const app = await startApp(config, { log: pino({ level: "error" }, pino.destination(2)), schema, botInfo: fake.botInfoFor(TOKEN) });
  const u = createUpdateFactory({ bot: { id: fake.botInfoFor(TOKEN).id, username: fake.botInfoFor(TOKEN).username } });
  const post = (update: object) =>
    fetch(`${app.address}/webhooks/telegram`, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET }, body: JSON.stringify(update) }).then((r) => r.status);
  const offers = watcher(fake.calls, (c) => (c.method === "sendMessage" && JSON.stringify(c.params["reply_markup"] ?? "").includes("d:send") ? `offer:${String(c.params["chat_id"])}` : null));
  const cards = watcher(fake.calls, (c) => (c.method === "sendMessage" && String(c.params["chat_id"]) === String(INBOX) ? /E2E-(\d+)/.exec(String(c.params["text"] ?? ""))?.[0] ?? null : null));
  try {
    // The ward's inbox, and residents who have chosen the ward (not timed).
    const group = await app.deps.db.chatGroup.create({ data: { channel: "TELEGRAM", chatId: String(INBOX), title: "Bench inbox", purpose: "INBOX" } });
    await app.deps.db.ward.update({ where: { code: WARD }, data: { inboxGroupId: group.id } });
    const residents = Array.from({ length: RESIDENTS }, (_, i) => user(8_100_000_000 + i));
    for (let i = 0; i < residents.length; i += 50) await Promise.all(residents.slice(i, i + 50).map((r) => post(u.privateCommand(r, "/start", WARD))));
    for (let ready = 0; ready < RESIDENTS; await sleep(200)) {
      ready = await app.deps.db.resident.count({ where: { wardId: { not: null } } });
      if (process.env["BENCH_VERBOSE"]) process.stderr.write(`residents ready: ${ready}/${RESIDENTS}\n`);
    }

    const total = RATE * SECONDS;
    const latencies: number[] = [];
    let non200 = 0;
    const t0 = performance.now();
    const tips: Array<Promise<void>> = [];
    for (let n = 0; n < total; n++) {
      const due = t0 + (n * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      const r = residents[n % RESIDENTS]!;
      tips.push((async () => {
        const offered = offers.wait(`offer:${r.id}`);
        if ((await post(u.privateText(r, `E2E-${n} có người lạ khả nghi đi lại trước cổng trường`))) !== 200) non200++;
        if ((await Promise.race([offered, sleep(120_000).then(() => null)])) === null) return;
        const tag = `E2E-${n}`;
        const card = cards.wait(tag);
        const tapped = performance.now();
        if ((await post(u.callback(r, "d:send", { chatId: r.id, messageId: 1 }))) !== 200) non200++;
        await Promise.race([card, sleep(120_000)]);
        if (cards.count(tag) > 0) latencies.push(performance.now() - tapped);
      })());
    }
    const offeredSeconds = (performance.now() - t0) / 1000;
    await Promise.all(tips);
    const elapsed = (performance.now() - t0) / 1000;
    latencies.sort((a, b) => a - b);
    let duplicates = 0;
    for (let n = 0; n < total; n++) duplicates += Math.max(0, cards.count(`E2E-${n}`) - 1);
    return {
      offered_tips_per_s: RATE,
      seconds: SECONDS,
      tips: total,
      cards: latencies.length,
      no_card_within_120s: total - latencies.length, // given up on by the benchmark, not necessarily lost
      duplicates,
      non_200: non200,
      achieved_tips_per_s: Math.round((latencies.length / elapsed) * 10) / 10,
      achieved_vs_offered: Math.round((latencies.length / elapsed / RATE) * 100) / 100,
      offering_kept_pace: Math.round((SECONDS / offeredSeconds) * 100) / 100,
      tap_to_card_p50_ms: pct(latencies, 0.5),
      tap_to_card_p95_ms: pct(latencies, 0.95),
      residents: RESIDENTS,
      fake_limits: "lifted",
    };
  } finally {
    offers.stop();
    cards.stop();
    await app.shutdown("bench done");
    await fake.close();
    await dropSchema(schema).catch(() => undefined);
    await clearPrefix(prefix);
  }
}
