import sharp from "sharp";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeTelegram, type FakeTelegram } from "./fakes/telegram-api.js";
import { createUpdateFactory, user } from "./fakes/telegram-updates.js";
import { BOT_INFO, startTestApp, type TestApp } from "./support/app.js";
import { browserBase, launchBrowser, patient, screenshot, signedInPage } from "./support/browser.js";
import { officerWithInbox } from "./support/inbox.js";
import { telegramSession, textOf, to } from "./support/telegram-session.js";

const WARD = "00004"; // Phường Ba Đình, Hà Nội
const INBOX = -1_005_400_000_001;
const officer = user(5_401_001, { firstName: "Hung" });
const TEXT = "Xe máy không biển số chở hàng cấm ra vào ngõ 5 phố Đội Cấn lúc nửa đêm";

describe("public tip page in Chromium", () => {
  let fake: FakeTelegram;
  let app: TestApp;
  let browser: Browser;
  let resident: BrowserContext;
  let officerId = 0;
  let code = "";

  beforeAll(async () => {
    fake = await startFakeTelegram({ limits: { perChatPerSecond: 100, perChatBurst: 100, perGroupPerMinute: 5000, globalPerSecond: 1000 } });
    app = await startTestApp({ apiRoot: fake.apiRoot });
    const tg = telegramSession(fake, app.baseUrl);
    const u = createUpdateFactory({ bot: { id: BOT_INFO.id, username: BOT_INFO.username } });
    ({ officerId } = await officerWithInbox(app, tg, u, { officer, wardCode: WARD, inbox: INBOX, name: "Cán bộ Hùng" }));
    browser = await launchBrowser();
    // A phone that lets the page read its position when the resident asks.
    resident = patient(await browser.newContext({
      locale: "vi-VN",
      timezoneId: "Asia/Ho_Chi_Minh",
      viewport: { width: 412, height: 915 },
      geolocation: { latitude: 21.0352, longitude: 105.8231 },
      permissions: ["geolocation"],
    }));
  }, 120_000);

  afterAll(async () => {
    await resident?.close();
    await browser?.close();
    await app?.stop();
    await fake?.close();
  });

  it("lets a resident find the ward, fill the form with a photo and the phone's location, and get a tracking code", async () => {
    const page = await resident.newPage();
    await page.goto(`${browserBase(app)}/report`);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Gửi tin báo cho Công an phường, xã");

    await page.fill("input[name=ward_q]", "ba dinh");
    await page.getByRole("button", { name: "Tìm", exact: true }).click();
    const ward = page.getByRole("radio", { name: /Phường Ba Đình, Thành phố Hà Nội/ });
    await ward.check();
    await page.selectOption("select[name=category]", "drugs");
    await page.fill("textarea[name=text]", TEXT);
    await page.fill("input[name=place]", "Ngõ 5 Đội Cấn");
    await page.getByRole("button", { name: /Dùng vị trí hiện tại/ }).click();
    // What the resident reads once the phone gave its position (the page fills the fields first).
    const located = page.locator("#locate-status");
    await located.filter({ hasText: /\S/ }).waitFor();
    await expect(located.textContent()).resolves.toBe("Đã điền vị trí.");
    await expect(page.inputValue("input[name=lat]")).resolves.toBe("21.035200");
    await expect(page.inputValue("input[name=lng]")).resolves.toBe("105.823100");
    const photo = await sharp({ create: { width: 120, height: 90, channels: 3, background: "#aa5522" } })
      .jpeg()
      .withExif({ IFD0: { Make: "CheapPhone" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "21/1 2/1 3/1" } })
      .toBuffer();
    await page.setInputFiles("input[name=photos]", { name: "IMG_2024.jpg", mimeType: "image/jpeg", buffer: photo });
    await screenshot(page, "public-report-form");

    await page.getByRole("button", { name: "Gửi tin báo", exact: true }).click();
    await page.getByRole("heading", { name: "Đã gửi tin báo" }).waitFor();
    code = (await page.locator("[data-field=code]").textContent()) ?? "";
    const key = (await page.locator("[data-field=key]").textContent()) ?? "";
    expect(code).toMatch(/^[3-9A-Z]{4}-[3-9A-Z]{4}$/);
    expect(key).toMatch(/^[3-9A-Z]{4}(-[3-9A-Z]{4}){3}$/);
    expect(page.url()).not.toContain(key);
    await screenshot(page, "public-report-sent");

    const tip = await app.deps.db.tip.findUniqueOrThrow({ where: { code }, select: { channel: true, lat: true, lng: true, text: true, _count: { select: { attachments: true } } } });
    expect(tip).toMatchObject({ channel: "WEB", lat: 21.0352, lng: 105.8231, text: TEXT, _count: { attachments: 1 } });

    // The button on the receipt opens the status with code and key, without putting them in the address.
    await page.getByRole("button", { name: "Xem tình trạng tin báo" }).click();
    await page.getByRole("heading", { name: `Tin báo ${code}` }).waitFor();
    await expect(page.locator("[data-field=state]").textContent()).resolves.toContain("đã tiếp nhận");
    expect(page.url()).toMatch(/\/report\/status$/);
    await screenshot(page, "public-report-status");
    await page.close();
  });

  it("puts the tip in the ward's queue on the officers' dashboard and in the Telegram inbox", async () => {
    expect(code).not.toBe("");
    const card = await fake.waitFor((c) => to(INBOX)(c) && textOf(c).includes(code));
    expect(textOf(card)).toContain(TEXT);
    await fake.waitFor(to(INBOX, "sendPhoto"));
    const { context, page } = await signedInPage(browser, app, officerId);
    try {
      await page.goto(`${browserBase(app)}/inbox`);
      const row = page.locator(`tr[data-code="${code}"]`);
      await row.waitFor();
      await expect(row.textContent()).resolves.toContain("Ma túy");
      await Promise.all([page.waitForURL(new RegExp(`/tips/${code}$`)), page.getByRole("link", { name: code }).click()]);
      await expect(page.locator(".thread").textContent()).resolves.toContain(TEXT);
      // The photo the resident attached is shown inline, from its cleaned copy.
      const img = page.locator(".attachments img");
      await img.waitFor();
      const src = await img.getAttribute("src");
      const res = await page.request.get(`${browserBase(app)}${src}`);
      expect(res.status()).toBe(200);
      expect((await sharp(await res.body()).metadata()).exif).toBeUndefined();
    } finally {
      await context.close();
    }
  });
});
