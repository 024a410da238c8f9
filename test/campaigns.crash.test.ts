import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchCampaign } from "../src/core/campaigns/control.js";
import { parseTarget } from "../src/core/campaigns/target.js";
import { startFakeTelegram, type FakeTelegram } from "./fakes/telegram-api.js";
import { createUpdateFactory, user } from "./fakes/telegram-updates.js";
import { BOT_INFO, eventually, PG_URL, REDIS_URL, startTestApp, TEST_TOKEN, WAIT_MS, type TestApp } from "./support/app.js";
import { ensureBuilt, ROOT } from "./support/service.js";

const N = 150;
const IDENTITY_KEY = "cd".repeat(32);

/** Starts a worker-only service process on the test's schema and queue prefix; resolves once it runs. */
function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(ROOT, "test", "support", "worker-process.mjs")], {
    cwd: ROOT,
    env: { PATH: process.env["PATH"] ?? "/usr/bin:/bin", HOME: process.env["HOME"] ?? "/tmp", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => d.toString().includes("ready") && resolve(child));
    child.once("exit", (code) => reject(new Error(`worker exited (${code}) before it was ready: ${err.slice(-2_000)}`)));
  });
}

describe("warning campaigns: a worker killed mid-campaign", () => {
  let fake: FakeTelegram;
  let app: TestApp;
  const children: ChildProcess[] = [];
  const u = createUpdateFactory({ bot: { id: BOT_INFO.id, username: BOT_INFO.username } });
  const admin = user(6_500_001);

  beforeAll(async () => {
    await ensureBuilt();
    fake = await startFakeTelegram({ limits: {} }); // Telegram's limits: 30/s overall, 1/s per chat, 20/min per group
    // This process only produces (ROLE=web); the deliveries run in the worker processes.
    app = await startTestApp({ apiRoot: fake.apiRoot, env: { ROLE: "web", IDENTITY_KEY } });
  }, 300_000);

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    await app?.stop();
    await fake?.close();
  });

  it("another worker delivers every remaining recipient exactly once", async () => {
    const env = {
      NODE_ENV: "test",
      ROLE: "worker",
      DATABASE_URL: PG_URL,
      REDIS_URL,
      QUEUE_PREFIX: app.prefix,
      IDENTITY_KEY,
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_API_ROOT: fake.apiRoot,
      TEST_SCHEMA: app.schema,
      TEST_BOT_INFO: JSON.stringify(BOT_INFO),
    };
    const officer = await app.deps.db.officer.create({ data: { telegramUserId: BigInt(admin.id), displayName: "Quản trị", role: "ADMIN", canBroadcast: true }, select: { id: true } });
    const ward = await app.deps.db.ward.findUniqueOrThrow({ where: { code: "00004" }, select: { id: true } });
    const groups = Array.from({ length: N }, (_, i) => -1_004_000_000_000 - i);
    await app.deps.db.chatGroup.createMany({ data: groups.map((id) => ({ channel: "TELEGRAM" as const, chatId: String(id), title: `Nhóm ${id}`, memberCount: 50, purpose: "AUDIENCE" as const, wardId: ward.id })) });
    const update = u.privateText(admin, "⚠️ Cảnh báo: giả danh công an gọi điện");
    fake.ingest(update);
    const sourceId = update.message!.message_id;
    const copies = () => fake.calls.filter((c) => c.ok && c.method === "copyMessage" && c.params["message_id"] === sourceId);

    children.push(await startWorker({ ...env, WORKER_CONCURRENCY: "5" }));
    const { id } = await launchCampaign(app.deps, {
      officerId: officer.id, title: "crash", templateKey: null, sourceChatId: String(admin.id), sourceMessageIds: [sourceId],
      target: parseTarget({ wardIds: [ward.id] }), scheduledAt: null, locale: "vi",
    });
    await eventually(async () => copies().length >= 40 || null, WAIT_MS, "first sends");

    // Freeze the sends at the Bot API until every send the worker has started is held there, then
    // kill it: those requests did leave the worker, and the Bot API carries them out afterwards.
    fake.hang("copyMessage", 2 * WAIT_MS);
    const held = () => new Set(fake.inFlight().filter((r) => r.method === "copyMessage").map((r) => String(r.params["chat_id"])));
    const inFlight = await eventually(async () => {
      const sending = await app.deps.db.campaignDelivery.findMany({ where: { campaignId: id, status: "SENDING" }, select: { id: true, group: { select: { chatId: true } } } });
      const atApi = held();
      return sending.length === 5 && sending.every((d) => atApi.has(d.group!.chatId)) && sending;
    }, WAIT_MS, "five sends in flight, held at the Bot API");
    const dead = new Promise((r) => children[0]!.once("exit", r));
    children[0]!.kill("SIGKILL");
    await dead; // only then may the Bot API answer: nobody is left to hear it
    fake.release("copyMessage");
    for (const d of inFlight) await fake.waitFor((c) => c.ok && c.method === "copyMessage" && String(c.params["chat_id"]) === d.group!.chatId);
    const beforeRestart = copies().length;
    expect(beforeRestart).toBeLessThan(N);

    children.push(await startWorker(env));
    // Done when every group got it and nothing is left to send but the five in doubt: from then on
    // no recipient can be claimed, and only a claim leads to a send, so any duplicate is already here.
    const inDoubt = new Set(inFlight.map((d) => d.id));
    await eventually(async () => {
      const open = await app.deps.db.campaignDelivery.findMany({ where: { campaignId: id, status: { in: ["PENDING", "SENDING"] } }, select: { id: true } });
      return open.every((d) => inDoubt.has(d.id)) && new Set(copies().map((c) => Number(c.params["chat_id"]))).size === N;
    }, WAIT_MS, "every group reached, nothing left to send");
    const perChat = new Map<number, number>();
    for (const c of copies()) perChat.set(Number(c.params["chat_id"]), (perChat.get(Number(c.params["chat_id"])) ?? 0) + 1);
    expect([...perChat.keys()].sort((a, b) => a - b)).toEqual([...groups].sort((a, b) => a - b));
    expect([...perChat.values()].every((n) => n === 1)).toBe(true);
    // The five the dead worker had claimed stay in doubt (never resent); every other one is recorded sent.
    const rows = await app.deps.db.campaignDelivery.groupBy({ by: ["status"], where: { campaignId: id }, _count: { _all: true } });
    const count = (s: string) => rows.find((r) => r.status === s)?._count._all ?? 0;
    expect(count("SENT")).toBe(N - 5);
    expect(count("SENDING") + count("UNCONFIRMED")).toBe(5);
  }, 300_000);
});
