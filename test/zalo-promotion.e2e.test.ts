import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seal } from "../src/crypto/identity.js";
import { sendZaloText } from "../src/zalo/send.js";
import { nextPromotionMorning } from "../src/zalo/window.js";
import { startFakeZalo, type FakeZalo } from "./fakes/zalo-api.js";
import { startTestApp, type TestApp } from "./support/app.js";
import { zaloOaEnv } from "./support/zalo.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Today (UTC date) at `hour`:00 Vietnam time (UTC+7). */
const vnAt = (hour: number) => new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 10, hour - 7));
const WARNING = "⚠️ Cảnh báo: kẻ gian giả danh công an gọi điện yêu cầu chuyển tiền. Công an không bao giờ làm vậy.";

/** What the resident sees in a promotion: its text elements. */
const promotionText = (m: Record<string, unknown>) =>
  ((m as { attachment: { payload: { elements: Array<{ type: string; content: string }> } } }).attachment.payload.elements ?? [])
    .filter((e) => e.type === "text")
    .map((e) => e.content)
    .join("");

describe("Zalo OA warnings outside the reply window go as promotion messages (fake Zalo, real PostgreSQL and Redis)", () => {
  let zalo: FakeZalo;
  let app: TestApp;
  // Both clocks are set per test: the fake's through `zaloNow`, the app's through sendZaloText's `now`.
  let zaloNow = Date.now();
  let n = 0;

  /** A subscriber who last wrote `silentMs` before `at` (on Zalo's record and ours). */
  const resident = async (at: Date, silentMs: number) => {
    const userId = `84700055500${String(++n).padStart(5, "0")}`;
    zaloNow = at.getTime() - silentMs;
    await zalo.userSends(userId, { text: "xin chào" });
    zaloNow = at.getTime();
    const row = await app.deps.db.resident.create({
      data: { pseudonym: `promo-${n}-${at.getTime()}`, channel: "ZALO_OA", chatRef: seal(app.deps.identity, JSON.stringify({ user_id: userId })), windowOpenedAt: new Date(at.getTime() - silentMs) },
      select: { id: true, channel: true, chatRef: true },
    });
    return { userId, to: row };
  };
  const used = async (at: Date) => (await app.deps.db.zaloQuota.findUnique({ where: { month: at.toISOString().slice(0, 7) } }))?.used ?? 0;

  beforeAll(async () => {
    zalo = await startFakeZalo({ oaSendsPerSecond: 50, accessTokenTtlSeconds: 365 * 24 * 3600, now: () => zaloNow });
    app = await startTestApp({
      env: {
        ...zaloOaEnv(zalo),
        ZALO_OA_MONTHLY_QUOTA: "100",
        ZALO_SEND_RATE_PER_SECOND: "40",
        PUBLIC_URL: "https://wardline.example.org",
      },
    });
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await zalo?.close();
  });

  it("a subscriber silent for 10 days gets the warning as a proactive message within the allowed hours, never as a consultation message", async () => {
    const at = vnAt(10);
    const { userId, to } = await resident(at, 10 * DAY);
    const before = await used(at);
    expect(await sendZaloText(app.deps, to, WARNING, "warning", at)).toMatchObject({ kind: "sent" });
    const promos = zalo.promotionsTo(userId);
    expect(promos).toHaveLength(1);
    expect(promotionText(promos[0]!.message)).toBe(WARNING);
    expect(zalo.oaSentTo(userId)).toHaveLength(0);
    expect(zalo.callsTo("message/cs").filter((c) => JSON.stringify(c.body).includes(userId))).toHaveLength(0);
    expect(await used(at)).toBe(before + 1);

    // A second warning the same Vietnam day waits (Zalo allows one promotion per user per day).
    expect(await sendZaloText(app.deps, to, `${WARNING} (2)`, "warning", new Date(at.getTime() + 2 * HOUR))).toEqual({ kind: "waiting", reason: "daily" });
    expect(zalo.promotionsTo(userId)).toHaveLength(1);
    expect(await used(at)).toBe(before + 1);
  });

  it("a subscriber inside the free window gets the warning as a free consultation reply", async () => {
    const at = vnAt(11);
    const { userId, to } = await resident(at, 2 * HOUR);
    const before = await used(at);
    expect(await sendZaloText(app.deps, to, WARNING, "warning", at)).toMatchObject({ kind: "sent" });
    expect(zalo.oaSentTo(userId).map((s) => [s.message["text"], s.billing])).toEqual([[WARNING, "free"]]);
    expect(zalo.promotionsTo(userId)).toHaveLength(0);
    expect(await used(at)).toBe(before);
  });

  it("at 23:00 Vietnam time the proactive warning waits for the morning, and nothing goes as a consultation message", async () => {
    const at = vnAt(23);
    const { userId, to } = await resident(at, 3 * DAY);
    const before = await used(at);
    expect(await sendZaloText(app.deps, to, WARNING, "warning", at)).toEqual({ kind: "waiting", reason: "hours" });
    expect(zalo.promotionsTo(userId)).toHaveLength(0);
    expect(zalo.oaSentTo(userId)).toHaveLength(0);
    expect(await used(at)).toBe(before);
    // The fake enforces the hours too.
    expect(zalo.calls.filter((c) => c.path.endsWith("message/promotion") && JSON.stringify(c.body).includes(userId))).toHaveLength(0);
  });

  it("a promotion Zalo refuses gives its quota unit back", async () => {
    const at = vnAt(15);
    const { userId, to } = await resident(at, 10 * DAY);
    const before = await used(at);
    zalo.failNext("message/promotion", { error: -201, message: "Parameters are invalid" });
    expect(await sendZaloText(app.deps, to, WARNING, "warning", at)).toMatchObject({ kind: "refused" });
    expect(zalo.promotionsTo(userId)).toHaveLength(0);
    expect(zalo.oaSentTo(userId)).toHaveLength(0);
    expect(await used(at)).toBe(before);
    // The day's promotion was given back too: the next try the same day goes.
    expect(await sendZaloText(app.deps, to, WARNING, "warning", new Date(at.getTime() + HOUR))).toMatchObject({ kind: "sent" });
    expect(zalo.promotionsTo(userId)).toHaveLength(1);
    expect(await used(at)).toBe(before + 1);
  });

  it("a warning that must wait is due at the next 06:00 Vietnam time", () => {
    expect(nextPromotionMorning(new Date("2026-12-06T16:00:00Z")).toISOString()).toBe("2026-12-06T23:00:00.000Z"); // 23:00 VN
    expect(nextPromotionMorning(new Date("2026-12-06T20:30:00Z")).toISOString()).toBe("2026-12-06T23:00:00.000Z"); // 03:30 VN
    expect(nextPromotionMorning(new Date("2026-12-06T23:00:00Z")).toISOString()).toBe("2026-12-07T23:00:00.000Z"); // 06:00 VN, after a daily wait
    expect(nextPromotionMorning(new Date("2026-12-07T03:00:00Z")).toISOString()).toBe("2026-12-07T23:00:00.000Z"); // 10:00 VN
  });
});
