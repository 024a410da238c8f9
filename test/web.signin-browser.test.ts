import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveOfficer } from "../src/core/officer-admin.js";
import { createLoginLink } from "../src/core/sign-in.js";
import { startTestApp, type TestApp } from "./support/app.js";
import { browserBase, launchBrowser, patient } from "./support/browser.js";

/**
 * POST /auth refuses forms from other sites by their Origin. A real browser must still send our
 * own origin from the sign-in page (a "no-referrer" page makes it send `Origin: null`), and must
 * not carry the one-time token anywhere in a Referer.
 */
describe("signing in from the link's page in a real browser", () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startTestApp({ env: { ROLE: "web" } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("signs in with the button, sending our origin and never the token in a Referer", async () => {
    const saved = await saveOfficer(app.deps.db, { telegramUserId: "8300001", displayName: "Cán bộ Hà", role: "WARD_OFFICER", wardCode: "00004", canBroadcast: false });
    if (!saved.ok) throw new Error(saved.reason);
    const { token } = await createLoginLink(app.deps.db, saved.id);
    const context = patient(await browser.newContext({ locale: "vi-VN" }));
    const page = await context.newPage();
    const sent: Array<{ method: string; url: string; origin: string | undefined; referer: string | undefined }> = [];
    page.on("request", (r) => {
      const h = r.headers();
      sent.push({ method: r.method(), url: r.url(), origin: h["origin"], referer: h["referer"] });
    });
    const base = browserBase(app);
    await page.goto(`${base}/auth/${token}`);
    await Promise.all([page.waitForURL(/\/inbox$/), page.getByRole("button", { name: "Đăng nhập" }).click()]);
    expect(await page.locator("body").getAttribute("data-csrf")).toMatch(/.{20,}/);

    const post = sent.find((r) => r.method === "POST" && r.url === `${base}/auth`);
    expect(post?.origin).toBe(base);
    expect(sent.filter((r) => r.referer?.includes(token))).toEqual([]);
    await context.close();
  });
});
