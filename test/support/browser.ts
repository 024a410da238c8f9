import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { createLoginLink } from "../../src/core/sign-in.js";
import { WAIT_MS, type TestApp } from "./app.js";

/** Debian's Chromium (installed by .ci/run); never a downloaded browser. */
export const CHROMIUM_PATH = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
export const ARTIFACTS = join(import.meta.dirname, "..", "artifacts");

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** The app's address as a browser should use it: localhost is a secure context, so Secure cookies work. */
export const browserBase = (app: TestApp) => app.baseUrl.replace("127.0.0.1", "localhost");

/** Writes a full-page screenshot to test/artifacts/<name>.png for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Gives the context's actions and navigations the tests' generous ceiling (Playwright's own is 30 s). */
export function patient(context: BrowserContext): BrowserContext {
  context.setDefaultTimeout(WAIT_MS);
  context.setDefaultNavigationTimeout(WAIT_MS);
  return context;
}

/** Signs an officer in through a one-time link (as the bot would send) in a fresh browser context. */
export async function signedInPage(browser: Browser, app: TestApp, officerId: number): Promise<{ context: BrowserContext; page: Page }> {
  const context = patient(await browser.newContext({ locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" }));
  const page = await context.newPage();
  const { token } = await createLoginLink(app.deps.db, officerId);
  await page.goto(`${browserBase(app)}/auth/${token}`);
  await Promise.all([page.waitForURL(/\/inbox/), page.getByRole("button").first().click()]);
  return { context, page };
}
