/**
 * Warning campaign throughput against a fake Bot API enforcing Telegram's limits (answering
 * 429 with retry_after beyond them): a campaign to N recipients (a fifth groups, the rest
 * subscribers) through the real workers, and, in the same process against the same server,
 * the approach grammY's documentation recommends: a `sendMessage` loop with auto-retry.
 * Run at 30 messages/s (free) and 1,000/s (paid broadcasts). Peak RSS is of this one process
 * (app, workers, fake server and the baseline together: the fake keeps every message it was
 * sent); `rss_at_start_mb` is the same process just before the run.
 *
 *   BENCH_BROADCAST_N=20000 npm run bench:broadcast   # N for both rates (default 3,000 at 30/s, 20,000 at 1,000/s)
 */
import { randomBytes } from "node:crypto";
import { autoRetry } from "@grammyjs/auto-retry";
import { Bot } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { pino } from "pino";
import { startApp } from "../src/app.js";
import { parseConfig } from "../src/config.js";
import { launchCampaign } from "../src/core/campaigns/control.js";
import { parseTarget } from "../src/core/campaigns/target.js";
import { pseudonym, seal } from "../src/crypto/identity.js";
import { startFakeTelegram, type FakeTelegram } from "../test/fakes/telegram-api.js";
import { clearPrefix, DATABASE_URL, dropSchema, REDIS_URL } from "./support.js";

const TOKEN = "123456789:BENCH-token_abcdefghijklmnopqrstuv";
const BOT_INFO = { id: 123456789, is_bot: true, first_name: "Wardline", username: "wardline_bench_bot", can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false } as UserFromGetMe;
const ADMIN_CHAT = 6_900_000_001;

const uniqueName = (p: string) => `${p}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

type Figures = { messages_per_s: number; ratio_to_limit: number; http_429: number; duplicates: number; lost: number; seconds: number; peak_rss_mb: number; rss_at_start_mb: number };

/** Samples this process's RSS every 100 ms while `run` runs; returns the peak in MB. */
async function withPeakRss<T>(run: () => Promise<T>): Promise<{ result: T; peakMb: number; startMb: number }> {
  let peak = process.memoryUsage().rss;
  const startMb = Math.round(peak / 1e6);
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  try {
    const result = await run();
    return { result, peakMb: Math.round(peak / 1e6), startMb };
  } finally {
    clearInterval(timer);
  }
}

/** What the fake saw for a set of chats: sends per second from first to last, 429s, duplicates, losses. */
function figures(fake: FakeTelegram, method: string, chats: number[], limit: number, rss: { peakMb: number; startMb: number }): Figures {
  const ok = fake.calls.filter((c) => c.ok && c.method === method);
  const limited = fake.calls.filter((c) => !c.ok && (c.response as { error_code?: number }).error_code === 429).length;
  const reached = new Set(ok.map((c) => Number(c.params["chat_id"])));
  const first = Math.min(...ok.map((c) => c.at));
  const last = Math.max(...ok.map((c) => c.at));
  const seconds = Math.max(0.001, (last - first) / 1000);
  // n sends span n-1 intervals
  const rate = (ok.length - 1) / seconds;
  return {
    messages_per_s: round(rate, 1),
    ratio_to_limit: round(rate / limit),
    http_429: limited,
    duplicates: ok.length - reached.size,
    lost: chats.filter((c) => !reached.has(c)).length,
    seconds: round(seconds, 1),
    peak_rss_mb: rss.peakMb,
    rss_at_start_mb: rss.startMb,
  };
}


/** Our campaign: N recipients through the workers, at `rate` messages/s. */
async function runCampaign(fake: FakeTelegram, rate: number, n: number): Promise<Figures & { concurrency: number }> {
  const schema = uniqueName("benchbc");
  const prefix = uniqueName("wlbc");
  const concurrency = rate > 30 ? 50 : 20;
  const config = parseConfig({
    NODE_ENV: "production",
    ROLE: "worker",
    LOG_LEVEL: "error",
    PRETTY_LOGS: "false",
    DATABASE_URL,
    DATABASE_POOL_MAX: "20",
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    IDENTITY_KEY: randomBytes(32).toString("hex"),
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: fake.apiRoot,
    SEND_RATE_PER_SECOND: String(rate),
    WORKER_CONCURRENCY: String(concurrency),
  });
  const app = await startApp(config, { log: pino({ level: process.env["BENCH_LOG_LEVEL"] ?? "error" }, pino.destination(2)), schema, botInfo: BOT_INFO });
  try {
    const db = app.deps.db;
    const ward = await db.ward.findUniqueOrThrow({ where: { code: "00004" }, select: { id: true } });
    const officer = await db.officer.create({ data: { telegramUserId: BigInt(ADMIN_CHAT), displayName: "Bench", role: "ADMIN", canBroadcast: true }, select: { id: true } });
    const groups = Math.round(n / 5);
    const groupChats = Array.from({ length: groups }, (_, i) => -1_005_000_000_000 - i);
    const residentChats = Array.from({ length: n - groups }, (_, i) => 8_000_000_000 + i);
    for (let i = 0; i < groupChats.length; i += 1_000) {
      await db.chatGroup.createMany({ data: groupChats.slice(i, i + 1_000).map((id) => ({ channel: "TELEGRAM" as const, chatId: String(id), title: "g", memberCount: 40, purpose: "AUDIENCE" as const, wardId: ward.id })) });
    }
    for (let i = 0; i < residentChats.length; i += 1_000) {
      const slice = residentChats.slice(i, i + 1_000);
      await db.resident.createMany({ data: slice.map((id) => ({ pseudonym: pseudonym(app.deps.identity, "TELEGRAM", String(id)), channel: "TELEGRAM" as const, chatRef: seal(app.deps.identity, String(id)), wardId: ward.id })) });
      const rows = await db.resident.findMany({ where: { pseudonym: { in: slice.map((id) => pseudonym(app.deps.identity, "TELEGRAM", String(id))) } }, select: { id: true } });
      await db.subscription.createMany({ data: rows.map((r) => ({ residentId: r.id, wardId: ward.id })) });
    }
    const source = { update_id: 1, message: { message_id: 1, date: 0, chat: { id: ADMIN_CHAT, type: "private" as const, first_name: "A" }, from: { id: ADMIN_CHAT, is_bot: false, first_name: "A" }, text: "⚠️ Cảnh báo: giả danh công an gọi điện yêu cầu chuyển tiền" } };
    fake.ingest(source as never);
    fake.reset();
    const rss = await withPeakRss(async () => {
      const { id } = await launchCampaign(app.deps, {
        officerId: officer.id, title: "bench", templateKey: null, sourceChatId: String(ADMIN_CHAT), sourceMessageIds: [1],
        target: parseTarget({ wardIds: [ward.id] }), scheduledAt: null, locale: "vi",
      });
      for (;;) {
        const c = await db.campaign.findUniqueOrThrow({ where: { id }, select: { status: true } });
        if (c.status === "DONE") break;
        await new Promise((r) => setTimeout(r, 250));
      }
    });
    return { ...figures(fake, "copyMessage", [...groupChats, ...residentChats], rate, rss), concurrency };
  } finally {
    await app.shutdown("bench done");
    await dropSchema(schema);
    await clearPrefix(prefix);
  }
}

/** grammY's recommended broadcast: a loop of sendMessage, with the auto-retry plugin waiting out 429s. */
async function runGrammyLoop(fake: FakeTelegram, rate: number, n: number): Promise<Figures> {
  const bot = new Bot(TOKEN, { botInfo: BOT_INFO, client: { apiRoot: fake.apiRoot } });
  bot.api.config.use(autoRetry());
  const groups = Math.round(n / 5);
  const chats = [...Array.from({ length: groups }, (_, i) => -1_006_000_000_000 - i), ...Array.from({ length: n - groups }, (_, i) => 8_100_000_000 + i)];
  fake.reset();
  const rss = await withPeakRss(async () => {
    for (const chat of chats) await bot.api.sendMessage(chat, "⚠️ Cảnh báo: giả danh công an gọi điện yêu cầu chuyển tiền");
  });
  return figures(fake, "sendMessage", chats, rate, rss);
}

export async function benchBroadcast(): Promise<Record<string, unknown>> {
  const fixedN = process.env["BENCH_BROADCAST_N"] ? Number(process.env["BENCH_BROADCAST_N"]) : null;
  const out: Record<string, unknown> = { recipients_mix: "1/5 groups, 4/5 subscribers" };
  for (const rate of [30, 1_000]) {
    const n = fixedN ?? (rate === 30 ? 3_000 : 20_000);
    const fake = await startFakeTelegram({ limits: { globalPerSecond: rate, perChatPerSecond: 1, perChatBurst: 3, perGroupPerMinute: 20 } });
    try {
    const wardline = await runCampaign(fake, rate, n);
      const grammy = await runGrammyLoop(fake, rate, n);
      out[`at_${rate}_per_s`] = { recipients: n, wardline, grammy_loop_auto_retry: grammy };
    } finally {
      await fake.close();
    }
  }
  return out;
}
