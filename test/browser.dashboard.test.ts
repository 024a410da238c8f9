import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeTelegram, type FakeTelegram } from "./fakes/telegram-api.js";
import { createUpdateFactory, user } from "./fakes/telegram-updates.js";
import { BOT_INFO, startTestApp, WAIT_MS, type TestApp } from "./support/app.js";
import { browserBase, launchBrowser, patient, screenshot } from "./support/browser.js";
import { officerWithInbox } from "./support/inbox.js";
import { messageIdOf, telegramSession, textOf, to } from "./support/telegram-session.js";
import { liveSubscribed } from "./support/settle.js";
import { seedTelegramTip } from "./support/web.js";

const BA_DINH = "00004";
const CUA_NAM = "00082";
const INBOX_A = -1_008_000_000_001;
const INBOX_B = -1_008_000_000_002;
const officerA = user(6_800_001, { firstName: "Lan" });
const officerB = user(6_800_002, { firstName: "Tuan" });
const resident = user(7_800_001, { firstName: "Mai" });

describe("officers' dashboard in Chromium", () => {
  let fake: FakeTelegram;
  let app: TestApp;
  let tg: ReturnType<typeof telegramSession>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const u = createUpdateFactory({ bot: { id: BOT_INFO.id, username: BOT_INFO.username } });
  const tips: Record<string, { id: number; code: string }> = {};

  beforeAll(async () => {
    fake = await startFakeTelegram({ limits: { perChatPerSecond: 100, perChatBurst: 100, perGroupPerMinute: 5000, globalPerSecond: 1000 } });
    app = await startTestApp({ apiRoot: fake.apiRoot });
    tg = telegramSession(fake, app.baseUrl);
    await officerWithInbox(app, tg, u, { officer: officerA, wardCode: BA_DINH, inbox: INBOX_A, name: "Cán bộ Lan" });
    await officerWithInbox(app, tg, u, { officer: officerB, wardCode: CUA_NAM, inbox: INBOX_B, name: "Cán bộ Tuấn" });
    tips["drugs"] = await seedTelegramTip(app, { chatId: resident.id, wardCode: BA_DINH, category: "drugs", text: "Bán ma túy ở quán nước đầu ngõ 12", lat: 21.0341, lng: 105.8372 });
    tips["scam"] = await seedTelegramTip(app, { chatId: resident.id + 1, wardCode: BA_DINH, category: "scam", text: "Gọi giả danh công an đòi chuyển tiền" });
    tips["racing"] = await seedTelegramTip(app, { chatId: resident.id + 2, wardCode: BA_DINH, category: "racing", text: "Đua xe trên đường Hoàng Hoa Thám đêm qua" });
    tips["other"] = await seedTelegramTip(app, { chatId: resident.id + 3, wardCode: CUA_NAM, category: "theft", text: "Trộm xe đạp ở chợ Cửa Nam" });
    for (const tip of Object.values(tips)) await fake.waitFor((c) => c.method === "sendMessage" && textOf(c).includes(tip.code));
    browser = await launchBrowser();
    context = patient(await browser.newContext({ locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" }));
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.stop();
    await fake?.close();
  });

  const codesOnPage = () => page.locator("tr[data-code]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-code")));

  it("signs an officer in with the link the bot sends after /login", async () => {
    const sent = await tg.send(u.privateCommand(officerA, "/login"), to(officerA.id));
    const link = /https:\/\/wardline\.example\.org(\/auth\/\S+)/.exec(textOf(sent))![1]!;
    await page.goto(`${browserBase(app)}${link}`);
    await Promise.all([page.waitForURL(/\/inbox$/), page.getByRole("button", { name: "Đăng nhập" }).click()]);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Hàng đợi tin báo");
    await expect(page.locator(".who").textContent()).resolves.toContain("Cán bộ Lan");
    expect(await codesOnPage()).toEqual([tips["drugs"]!.code, tips["scam"]!.code, tips["racing"]!.code]);
    await screenshot(page, "queue");
  });

  it("filters the queue by category and by words in the text", async () => {
    await page.selectOption("select[name=category]", "scam");
    await Promise.all([page.waitForURL(/category=scam/), page.getByRole("button", { name: "Lọc" }).click()]);
    expect(await codesOnPage()).toEqual([tips["scam"]!.code]);
    await page.goto(`${browserBase(app)}/inbox`);
    await page.fill("input[name=q]", "đua xe");
    await Promise.all([page.waitForURL(/q=/), page.getByRole("button", { name: "Lọc" }).click()]);
    expect(await codesOnPage()).toEqual([tips["racing"]!.code]);
  });

  it("opens a tip, asks the tipster (relayed by the bot), marks it valuable and resolved", async () => {
    const code = tips["drugs"]!.code;
    await page.goto(`${browserBase(app)}/inbox`);
    await Promise.all([page.waitForURL(new RegExp(`/tips/${code}$`)), page.getByRole("link", { name: code }).click()]);
    await expect(page.locator(".thread").textContent()).resolves.toContain("Bán ma túy ở quán nước đầu ngõ 12");
    await expect(page.locator(".map a").getAttribute("href")).resolves.toContain("mlat=21.0341");
    await screenshot(page, "tip");

    await page.getByRole("button", { name: "Nhận xử lý" }).click();
    await page.waitForURL(/done=claim/);
    await page.fill("textarea[name=text]", "Quán nước tên là gì, mở cửa mấy giờ?");
    await Promise.all([page.waitForURL(/done=ask/), page.getByRole("button", { name: "Gửi câu hỏi" }).click()]);
    const relayed = await fake.waitFor((c) => to(resident.id)(c) && textOf(c).includes("Quán nước tên là gì, mở cửa mấy giờ?"));
    expect(textOf(relayed)).toContain(code);
    // The officer sees the question as relayed. Its live notice may have missed this page (sent
    // before the page listened) or may reload it at any moment, losing a click: reload until then.
    await expect.poll(async () => {
      await page.reload();
      return page.locator(".thread .msg.officer .meta").textContent();
    }, { timeout: WAIT_MS, interval: 200 }).toContain("đã chuyển đến người báo");

    await Promise.all([page.waitForURL(/done=assess/), page.locator("button[name=valuable][value=yes]").click()]);
    await expect(page.locator("[data-field=valuable]").textContent()).resolves.toBe("Có giá trị");
    await page.fill("input[name=outcome]", "Đã phối hợp bắt quả tang");
    await Promise.all([page.waitForURL(/done=resolve/), page.getByRole("button", { name: "Đã xử lý xong" }).click()]);
    await expect(page.locator("[data-field=state]").textContent()).resolves.toContain("Đã xử lý xong");
    await expect(page.locator(".audit").textContent()).resolves.toMatch(/nhận xử lý[\s\S]*hỏi người báo[\s\S]*đánh giá[\s\S]*đánh dấu đã xử lý/);
    await screenshot(page, "tip-resolved");
    const row = await app.deps.db.tip.findUniqueOrThrow({ where: { code }, select: { status: true, valuable: true, outcome: true } });
    expect(row).toEqual({ status: "RESOLVED", valuable: true, outcome: "Đã phối hợp bắt quả tang" });
  });

  it("shows a change made in the chat on an open tip page without a reload by the officer", async () => {
    const tip = tips["scam"]!;
    const streaming = page.waitForResponse((r) => new URL(r.url()).pathname === "/live", { timeout: WAIT_MS });
    await page.goto(`${browserBase(app)}/tips/${tip.code}`);
    await expect(page.locator("[data-field=state]").textContent()).resolves.toBe("Mới");
    // The page hears changes once its event stream has begun and the server is subscribed to them.
    await streaming;
    await liveSubscribed(app);
    const card = fake.calls.find((c) => to(INBOX_A)(c) && textOf(c).includes(tip.code))!;
    await tg.post(u.callback(officerA, `t:claim:${tip.id}`, { chatId: INBOX_A, messageId: messageIdOf(card) }));
    // The page reloads itself on the server-sent event; the test only reads it.
    await expect.poll(() => page.locator("[data-field=state]").textContent(), { timeout: WAIT_MS }).toContain("Đang xử lý");
  });

  it("answers 404, without the tip, when an officer of ward A opens a tip of ward B", async () => {
    const res = await page.goto(`${browserBase(app)}/tips/${tips["other"]!.code}`);
    expect(res?.status()).toBe(404);
    const text = await page.locator("main").textContent();
    expect(text).toContain("Không tìm thấy");
    expect(text).not.toContain("Trộm xe đạp");
  });

  it("signs out, after which the queue asks to sign in again", async () => {
    await page.goto(`${browserBase(app)}/inbox`);
    await Promise.all([page.waitForURL(/\/login$/), page.getByRole("button", { name: "Đăng xuất" }).click()]);
    await page.goto(`${browserBase(app)}/inbox`);
    expect(page.url()).toMatch(/\/login\?next=/);
  });
});
