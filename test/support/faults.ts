/**
 * Helpers for the fault tests (test/faults.*.test.ts): service processes started and killed for
 * real, residents who already chose a ward, the one-tap "send this as a tip" path driven through
 * the webhook, and an audit of what reached the database and the fake Bot API.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import type { Update, User } from "grammy/types";
import { residentChatId, setResidentWard, upsertResident } from "../../src/core/residents.js";
import type { Deps } from "../../src/deps.js";
import type { Call, DeliverOptions, DeliveryResult, FakeTelegram } from "../fakes/telegram-api.js";
import { createUpdateFactory, user } from "../fakes/telegram-updates.js";
import { BOT_INFO, PG_URL, REDIS_URL, TEST_TOKEN, WEBHOOK_SECRET, eventually } from "./app.js";
import { ROOT } from "./service.js";
import { buttons, messageIdOf, textOf } from "./telegram-session.js";

/** Shared by the in-process web and the worker processes: pseudonyms and sealed payloads depend on it. */
export const FAULT_IDENTITY_KEY = "fa".repeat(32);
export const WARD = "00004"; // Phường Ba Đình
/** Loose resident limits and a fast send rate: these tests are about faults, not pacing. */
export const FAST_ENV = { RESIDENT_MESSAGES_PER_MINUTE: "1000", RESIDENT_TIPS_PER_HOUR: "1000", SEND_RATE_PER_SECOND: "300", IDENTITY_KEY: FAULT_IDENTITY_KEY };
const CODE = /([3-9A-Z]{4}-[3-9A-Z]{4})/;

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

export type ServiceProcess = { child: ChildProcess; address: string | null; logs: () => string; stop(signal?: NodeJS.Signals): Promise<void> };

/** Environment for a compiled service process on the test's schema, queue prefix and fake Bot API. */
export function processEnv(t: { schema: string; prefix: string; apiRoot: string }, role: "web" | "worker" | "all", extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: "test", ROLE: role, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "warn", SHUTDOWN_TIMEOUT_MS: "3000",
    DATABASE_URL: PG_URL, REDIS_URL, QUEUE_PREFIX: t.prefix,
    TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: t.apiRoot, TELEGRAM_MODE: "webhook",
    TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET, PUBLIC_URL: "https://wardline.example.org",
    TEST_SCHEMA: t.schema, TEST_BOT_INFO: JSON.stringify(BOT_INFO), ...FAST_ENV, ...extra,
  };
}

/** Starts test/support/fault-process.mjs (the compiled service); resolves once it is running. */
export function startProcess(env: Record<string, string>, timeoutMs = 90_000): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [join(ROOT, "test", "support", "fault-process.mjs")], {
    cwd: ROOT,
    env: { PATH: process.env["PATH"] ?? "/usr/bin:/bin", HOME: process.env["HOME"] ?? "/tmp", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let logs = "";
  child.stderr!.on("data", (d: Buffer) => (logs = (logs + d.toString()).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const handle = (address: string | null): ServiceProcess => ({
    child,
    address,
    logs: () => logs,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`service process not ready in ${timeoutMs} ms: ${logs.slice(-2_000)}`));
    }, timeoutMs);
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /FAULT_READY (\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolve(handle(m[1] === "-" ? null : m[1]!));
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`service process exited (${code ?? signal}) before it was ready: ${logs.slice(-2_000)}`));
    });
  });
}

/** Makes `chatId` the inbox of `wardCode` (what `/bind` does). */
export async function bindInbox(db: Deps["db"], wardCode: string, chatId: number): Promise<void> {
  const ward = await db.ward.findUniqueOrThrow({ where: { code: wardCode }, select: { id: true } });
  const group = await db.chatGroup.create({ data: { channel: "TELEGRAM", chatId: String(chatId), title: `Inbox ${wardCode}`, purpose: "INBOX", wardId: ward.id }, select: { id: true } });
  await db.ward.update({ where: { id: ward.id }, data: { inboxGroupId: group.id } });
}

/** `count` residents (ids from `firstId`) who already chose `wardCode`, as if they had sent /start <ward>. */
export async function seedResidents(deps: Pick<Deps, "db" | "identity">, firstId: number, count: number, wardCode = WARD): Promise<User[]> {
  const people = Array.from({ length: count }, (_, i) => user(firstId + i));
  await mapLimit(people, 8, async (p) => {
    const r = await upsertResident(deps.db, deps.identity, { channel: "TELEGRAM", accountId: String(p.id), chatId: String(p.id), language: "vi" });
    await setResidentWard(deps.db, r.id, wardCode);
  });
  return people;
}

export const updates = () => createUpdateFactory({ bot: { id: BOT_INFO.id, username: BOT_INFO.username } });

/** POSTs an update the way Telegram does, retrying on anything but 2xx (Telegram keeps trying for hours). */
export function deliver(fake: FakeTelegram, baseUrl: string, update: Update, opts: DeliverOptions = {}): Promise<DeliveryResult> {
  return fake.deliverWebhook(`${baseUrl}/webhooks/telegram`, update, { secretToken: WEBHOOK_SECRET, maxAttempts: 600, retryDelayMs: 200, timeoutMs: 10_000, ...opts });
}

const isOffer = (c: Call) => c.ok && c.method === "sendMessage" && Number(c.params["chat_id"]) > 0 && buttons(c).some((b) => b.callback_data === "d:send");

/** The "send this as a tip?" offers the bot made, by resident chat id (each resident's latest). */
export function draftOffers(fake: FakeTelegram): Map<number, number> {
  const offers = new Map<number, number>();
  for (const c of fake.calls) if (isOffer(c)) offers.set(Number(c.params["chat_id"]), messageIdOf(c));
  return offers;
}

/**
 * Each resident writes something (one update), and the bot offers to send it as a tip. Resolves
 * with the offer's message id per resident, once every resident has one.
 */
export async function writeDrafts(fake: FakeTelegram, baseUrl: string, u: ReturnType<typeof updates>, people: User[], timeoutMs = 240_000): Promise<Map<number, number>> {
  await mapLimit(people, 16, async (p, i) => {
    const r = await deliver(fake, baseUrl, u.privateText(p, `Tin báo số ${i + 1}: có người lạ bán hàng cấm ở ngõ ${p.id % 997}`));
    if (r.status !== 200) throw new Error(`webhook answered ${r.status}: ${r.body}`);
  });
  return eventually(async () => {
    const offers = draftOffers(fake);
    return people.every((p) => offers.has(p.id)) && offers;
  }, timeoutMs, `a draft offer to each of ${people.length} residents`);
}

/** The update that turns a resident's draft into a tip: a tap on "send this as a tip". */
export const tapSend = (u: ReturnType<typeof updates>, p: User, offers: Map<number, number>): Update => u.callback(p, "d:send", { chatId: p.id, messageId: offers.get(p.id)! });

export type TipAudit = {
  tips: number;
  /** Residents (by id) with no tip, or with more than one. */
  missing: number[];
  extra: number[];
  unrouted: number;
  /** Codes of tips whose card was never recorded as posted. */
  uncarded: string[];
  /** Tip codes whose card the inbox received other than exactly once, with how many. */
  cardsNotOnce: Array<[string, number]>;
  /** Residents whose "tip sent, your code is …" arrived other than exactly once, with how many. */
  confirmationsNotOnce: Array<[number, number]>;
  /** Per tip: when it was routed, the card message recorded, and every card message the inbox got (arrival time at the Bot API). */
  rows: Array<{ code: string; routedAt: Date | null; cardMessageId: number | null; cards: Array<{ at: number; messageId: number }> }>;
};

/** What reached PostgreSQL and the Bot API for `people` (one tip each expected) and `inbox`. */
export async function auditTips(deps: Pick<Deps, "db" | "identity">, fake: FakeTelegram, people: User[], inbox: number): Promise<TipAudit> {
  const tips = await deps.db.tip.findMany({ select: { code: true, routedAt: true, resident: { select: { pseudonym: true } }, cards: { select: { messageId: true } } } });
  const byPseudonym = new Map<string, number>();
  for (const t of tips) byPseudonym.set(t.resident!.pseudonym, (byPseudonym.get(t.resident!.pseudonym) ?? 0) + 1);
  const residents = await deps.db.resident.findMany({ select: { pseudonym: true, chatRef: true } });
  const countFor = new Map<number, number>();
  for (const r of residents) countFor.set(Number(residentChatId(deps.identity, r.chatRef)), byPseudonym.get(r.pseudonym) ?? 0);
  const cards = new Map<string, Array<{ at: number; messageId: number }>>(tips.map((t) => [t.code, []]));
  const confirmations = new Map<number, number>(people.map((p) => [p.id, 0]));
  for (const c of fake.calls) {
    if (!c.ok || c.method !== "sendMessage") continue;
    const code = CODE.exec(textOf(c))?.[1];
    const chat = Number(c.params["chat_id"]);
    if (chat === inbox && code) cards.set(code, [...(cards.get(code) ?? []), { at: c.at, messageId: messageIdOf(c) }]);
    else if (confirmations.has(chat) && code && /Mã tin báo/.test(textOf(c))) confirmations.set(chat, confirmations.get(chat)! + 1);
  }
  return {
    tips: tips.length,
    missing: people.filter((p) => (countFor.get(p.id) ?? 0) === 0).map((p) => p.id),
    extra: people.filter((p) => (countFor.get(p.id) ?? 0) > 1).map((p) => p.id),
    unrouted: tips.filter((t) => !t.routedAt).length,
    uncarded: tips.filter((t) => !t.cards.some((c) => c.messageId)).map((t) => t.code),
    cardsNotOnce: [...cards].filter(([, list]) => list.length !== 1).map(([code, list]) => [code, list.length]),
    confirmationsNotOnce: [...confirmations].filter(([, n]) => n !== 1),
    rows: tips.map((t) => {
      const recorded = t.cards.find((c) => c.messageId)?.messageId;
      return { code: t.code, routedAt: t.routedAt, cardMessageId: recorded ? Number(recorded) : null, cards: cards.get(t.code) ?? [] };
    }),
  };
}

const brief = (a: TipAudit | null) =>
  JSON.stringify(a && { ...a, rows: undefined }, (_k, v: unknown) => (Array.isArray(v) && v.length > 20 ? [...v.slice(0, 20), `…${v.length}`] : v));

/** Polls until every resident has exactly one routed tip with its card posted (or times out with the last audit). */
export async function allTipsDelivered(deps: Pick<Deps, "db" | "identity">, fake: FakeTelegram, people: User[], inbox: number, timeoutMs: number): Promise<TipAudit> {
  let last: TipAudit | null = null;
  try {
    return await eventually(async () => {
      last = await auditTips(deps, fake, people, inbox);
      return last.missing.length === 0 && last.unrouted === 0 && last.uncarded.length === 0 && last.cardsNotOnce.every(([, n]) => n > 0) && last;
    }, timeoutMs, "every tip routed with its card posted");
  } catch (err) {
    throw new Error(`${(err as Error).message}\nlast audit: ${brief(last)}`);
  }
}
