import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTip } from "../src/core/tips/create.js";
import { submitWebTip } from "../src/core/web-tips.js";
import { startFakeTelegram, type FakeTelegram } from "./fakes/telegram-api.js";
import { createUpdateFactory, user } from "./fakes/telegram-updates.js";
import { startFakeZalo, type FakeZalo } from "./fakes/zalo-api.js";
import { BOT_INFO, eventually, startTestApp, WAIT_MS, type TestApp } from "./support/app.js";
import { officerWithInbox } from "./support/inbox.js";
import { messageIdOf, telegramSession, textOf, to } from "./support/telegram-session.js";
import { seedTelegramTip, signInOfficer, type WebClient } from "./support/web.js";
import { oaResident, oaTexts, zaloOaEnv } from "./support/zalo.js";

// Tipsters hear, once each, that their tip was judged and that it was closed (issue 14, item 5).
const officer = user(5_101_001, { firstName: "Minh", username: "officer_minh_n" });
const INBOX = -1_001_777_000_001;
const WARD = "00004"; // Phường Ba Đình, Hà Nội
const JUDGED = /đã được cán bộ xem xét/;
const CLOSED = /đã được xử lý xong/;

describe("tipster notices: tip judged, tip closed", () => {
  let fake: FakeTelegram;
  let zalo: FakeZalo;
  let app: TestApp;
  let web: WebClient;
  let tg: ReturnType<typeof telegramSession>;
  const u = createUpdateFactory({ bot: { id: BOT_INFO.id, username: BOT_INFO.username } });

  /** Every notice job has run: nothing waiting, running or due for a retry on the outbound queue. */
  const outboundDrained = () =>
    eventually(async () => {
      const c = await app.deps.queues.outbound.getJobCounts("waiting", "active", "delayed", "prioritized");
      return Object.values(c).every((n) => n === 0);
    }, WAIT_MS, "outbound queue drained");

  const act = async (code: string, action: "assess" | "resolve", form: Record<string, string>) => {
    const res = await web.post(`/tips/${code}/${action}`, form);
    expect(res.status).toBe(303);
  };

  beforeAll(async () => {
    fake = await startFakeTelegram({ limits: { perChatPerSecond: 30, perChatBurst: 30, perGroupPerMinute: 600, globalPerSecond: 100 } });
    zalo = await startFakeZalo({ oaSendsPerSecond: 50, botSendsPerSecond: 50, accessTokenTtlSeconds: 30 * 24 * 3600 });
    app = await startTestApp({ apiRoot: fake.apiRoot, env: { ...zaloOaEnv(zalo), ZALO_SEND_RATE_PER_SECOND: "40" } });
    zalo.setOaWebhook(`${app.baseUrl}/webhooks/zalo/oa`);
    tg = telegramSession(fake, app.baseUrl);
    const { officerId } = await officerWithInbox(app, tg, u, { officer, wardCode: WARD, inbox: INBOX, name: "Cán bộ Minh" });
    web = await signInOfficer(app, officerId);
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await zalo?.close();
    await fake?.close();
  });

  it("a Telegram tipster gets one 'reviewed' and one 'closed' message, however often the judgement changes", async () => {
    const chatId = 7_400_000_001;
    const tip = await seedTelegramTip(app, { chatId, wardCode: WARD, text: "Có người lạ cạy khóa xe máy ở ngõ 5" });
    const card = await fake.waitFor((c) => to(INBOX)(c) && textOf(c).includes(tip.code));
    const at = { chatId: INBOX, messageId: messageIdOf(card) };
    // Not valuable, then valuable, then not valuable again through the inbox buttons; then resolved.
    for (const b of ["v0", "v1", "v0"]) await tg.send(u.callback(officer, `t:${b}:${tip.id}`, at), (c) => c.method === "answerCallbackQuery");
    await tg.send(u.callback(officer, `t:res:${tip.id}`, at), (c) => c.method === "answerCallbackQuery");
    await eventually(async () => fake.sentTo(chatId).some((c) => CLOSED.test(textOf(c))), WAIT_MS, "closed notice");
    await outboundDrained();
    const texts = fake.sentTo(chatId).map(textOf);
    expect(texts.filter((t) => JUDGED.test(t))).toHaveLength(1);
    expect(texts.filter((t) => CLOSED.test(t))).toHaveLength(1);
    const judged = texts.find((t) => JUDGED.test(t))!;
    expect(judged).toContain(tip.code);
    expect(judged).not.toMatch(/không có giá trị/);
    expect(judged).toContain("/tatthongbao");
    // The officers see no trace of the notices.
    const inbox = JSON.stringify(fake.calls.filter((c) => String(c.params["chat_id"]) === String(INBOX)).map((c) => c.params));
    expect(inbox).not.toMatch(/Cảm ơn bạn/);
    expect(inbox).not.toContain(String(chatId));
  });

  it("a tipster who sent /tatthongbao gets neither notice, and the notice jobs carry no text or identity", async () => {
    const chatId = 7_400_000_002;
    const tipster = user(chatId, { firstName: "Lan", username: "lan_tipster_n", languageCode: "vi" });
    const off = await tg.send(u.privateCommand(tipster, "/tatthongbao"), to(chatId));
    expect(textOf(off)).toMatch(/Đã tắt/);
    const tip = await seedTelegramTip(app, { chatId, wardCode: WARD, text: "Nhóm thanh niên tụ tập đua xe lúc nửa đêm" });
    await act(tip.code, "assess", { valuable: "yes" });
    await act(tip.code, "resolve", { outcome: "Đã xác minh" });
    await outboundDrained();
    const events = await app.deps.db.tipEvent.findMany({ where: { tipId: tip.id }, select: { type: true } });
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(["assessed", "resolved"]));
    expect(fake.sentTo(chatId).map(textOf).filter((t) => JUDGED.test(t) || CLOSED.test(t))).toEqual([]);
    // Turned back on, the next tip's notices come again.
    await tg.send(u.privateCommand(tipster, "/batthongbao"), (c) => to(chatId)(c) && /Đã bật/.test(textOf(c)));
    const next = await seedTelegramTip(app, { chatId, wardCode: WARD, text: "Xe lạ đỗ trước cổng trường nhiều ngày" });
    await act(next.code, "resolve", { outcome: "Đã xác minh" });
    await eventually(async () => fake.sentTo(chatId).some((c) => CLOSED.test(textOf(c)) && textOf(c).includes(next.code)), WAIT_MS, "closed notice after /batthongbao");
  });

  it("a Zalo OA tipster gets one 'judged' and one 'closed' message; 'tắt thông báo' turns them off", async () => {
    const { say } = oaResident(zalo);
    const userId = "zalo-notify-user-1";
    await say(userId, "xin chào", /./);
    const resident = await app.deps.db.resident.findFirstOrThrow({ where: { channel: "ZALO_OA" }, orderBy: { id: "desc" }, select: { id: true } });
    const tip = await createTip(app.deps.db, app.deps.identity, {
      sourceKey: `zalo-notify-${randomUUID()}`, channel: "ZALO_OA", residentId: resident.id, wardCode: WARD, provinceCode: null,
      category: "other", text: "Có người bán hàng giả ở chợ", media: [], anonymous: true,
    });
    await act(tip.code, "assess", { valuable: "yes" });
    await act(tip.code, "assess", { valuable: "no" });
    await act(tip.code, "resolve", { outcome: "Đã xác minh" });
    await eventually(async () => oaTexts(zalo, userId).some((t) => CLOSED.test(t)), WAIT_MS, "closed notice on Zalo");
    await outboundDrained();
    const texts = oaTexts(zalo, userId);
    expect(texts.filter((t) => JUDGED.test(t))).toHaveLength(1);
    expect(texts.filter((t) => CLOSED.test(t))).toHaveLength(1);
    expect(texts.find((t) => CLOSED.test(t))).toContain(tip.code);
    expect(texts.find((t) => JUDGED.test(t))).toMatch(/tắt thông báo/);
    expect(JSON.stringify(fake.calls.map((c) => c.params))).not.toContain(userId);

    await say(userId, "tắt thông báo", /Đã tắt/);
    const second = await createTip(app.deps.db, app.deps.identity, {
      sourceKey: `zalo-notify-${randomUUID()}`, channel: "ZALO_OA", residentId: resident.id, wardCode: WARD, provinceCode: null,
      category: "other", text: "Lại thấy bán hàng giả", media: [], anonymous: true,
    });
    await act(second.code, "resolve", { outcome: "Đã xác minh" });
    await outboundDrained();
    expect(oaTexts(zalo, userId).filter((t) => t.includes(second.code))).toEqual([]);
  });

  it("on the OA outside the 48-hour window a notice waits, and goes when the resident writes again", async () => {
    const { say, nextOaText } = oaResident(zalo);
    const userId = "zalo-notify-user-2";
    await say(userId, "xin chào", /./);
    const resident = await app.deps.db.resident.findFirstOrThrow({ where: { channel: "ZALO_OA" }, orderBy: { id: "desc" }, select: { id: true } });
    // Three days pass: the window the greeting opened has closed.
    await app.deps.db.resident.update({ where: { id: resident.id }, data: { windowOpenedAt: new Date(Date.now() - 72 * 3_600_000) } });
    const tip = await createTip(app.deps.db, app.deps.identity, {
      sourceKey: `zalo-notify-${randomUUID()}`, channel: "ZALO_OA", residentId: resident.id, wardCode: WARD, provinceCode: null,
      category: "other", text: "Đèn đường hỏng cả tuần", media: [], anonymous: true,
    });
    const before = oaTexts(zalo, userId).length;
    await act(tip.code, "resolve", { outcome: "Đã báo điện lực" });
    await eventually(async () => (await app.deps.db.tipEvent.count({ where: { tipId: tip.id, type: "notice-waiting" } })) > 0, WAIT_MS, "notice waiting");
    expect(oaTexts(zalo, userId).slice(before).filter((t) => CLOSED.test(t))).toEqual([]);
    await zalo.userSends(userId, { text: "menu" });
    const closed = await nextOaText(userId, before, CLOSED);
    expect(closed).toContain(tip.code);
    expect(zalo.oaSentTo(userId).every((m) => m.billing === "free")).toBe(true);
  });

  it("a tip merged as a duplicate is closed for its tipster, without naming the tip it joined", async () => {
    const chatId = 7_400_000_003;
    const first = await seedTelegramTip(app, { chatId: 7_400_000_004, wardCode: WARD, text: "Cháy nhỏ ở bãi rác cuối phố" });
    const dup = await seedTelegramTip(app, { chatId, wardCode: WARD, text: "Khói bốc lên ở bãi rác cuối phố" });
    const res = await web.post(`/tips/${dup.code}/merge`, { into: first.code });
    expect(res.status).toBe(303);
    const closed = await eventually(async () => fake.sentTo(chatId).map(textOf).find((t) => CLOSED.test(t)), WAIT_MS, "closed notice for the duplicate");
    expect(closed).toContain(dup.code);
    expect(closed).not.toContain(first.code);
  });

  it("a web tipster sees the review and the closure on the status page, one line each", async () => {
    const sent = await submitWebTip(app.deps, { nonce: randomUUID(), locale: "vi", wardCode: WARD, category: "other", text: "Tiếng ồn lớn mỗi đêm ở số 9", photos: [] });
    if (sent.kind !== "sent") throw new Error("web tip not sent");
    const status = async () => (await fetch(`${app.baseUrl}/report/status`, { method: "POST", body: new URLSearchParams({ code: sent.code, key: sent.statusKey }) })).text();
    expect(await status()).not.toMatch(/data-event=/);
    await act(sent.code, "assess", { valuable: "no" });
    await act(sent.code, "resolve", { outcome: "Đã nhắc nhở" });
    const page = await status();
    expect(page).toContain("Cán bộ đã xem xét tin báo.");
    expect(page).toContain("Tin báo đã được xử lý xong.");
    expect(page).not.toMatch(/không có giá trị/);
    expect(page.match(/data-event=/g)).toHaveLength(2);
  });

  it("puts neither the tip's text nor the tipster in a notice job", async () => {
    const jobs = await app.deps.queues.outbound.getJobs(["completed", "failed", "waiting", "delayed"]);
    const notices = jobs.filter((j) => j?.name === "notify-tipster");
    expect(notices.length).toBeGreaterThan(0);
    for (const j of notices) expect(Object.keys(j.data).sort()).toEqual(["kind", "tipId"]);
  });
});
