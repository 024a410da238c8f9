import { readFile } from "node:fs/promises";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Channel } from "../src/generated/prisma/enums.js";
import { startTestApp, type TestApp } from "./support/app.js";
import { browserBase, launchBrowser, screenshot, signedInPage } from "./support/browser.js";

const FROM = "2025-01-06"; // a Monday
const TO = "2025-03-02"; // a Sunday: eight whole weeks
const CATEGORIES = ["scam", "scam", "scam", "theft", "drugs", "disorder", "racing", "stranger", "other"];
const CHANNELS: Channel[] = ["TELEGRAM", "TELEGRAM", "ZALO_OA", "WEB", "ZALO_BOT"];
const TIPS = 60;

/** percentile_cont(0.5), rounded to whole minutes, as the report computes it. */
function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length / 2;
  return Math.round(s.length % 2 ? s[Math.floor(mid)]! : (s[mid - 1]! + s[mid]!) / 2);
}

/** A ward's two months of tips, varied but deterministic, and what the report must say about them. */
function plan() {
  const tips = Array.from({ length: TIPS }, (_, i) => {
    const day = (i * 37) % 56;
    const resolved = i % 3 === 0 ? 120 + ((i * 97) % 3000) : null;
    return {
      i, day,
      at: new Date(Date.parse(`${FROM}T00:00:00+07:00`) + day * 86_400_000 + (7 + ((i * 5) % 14)) * 3_600_000),
      category: CATEGORIES[i % CATEGORIES.length]!,
      channel: CHANNELS[i % CHANNELS.length]!,
      // Every resolved tip had a first action, at the latest when it was resolved.
      firstAction: i % 4 === 3 && resolved === null ? null : Math.min(20 + ((i * 13) % 300), resolved ?? Infinity),
      resolved,
      valuable: i % 3 === 0 ? true : i % 7 === 1 ? false : null,
    };
  });
  const count = <K extends string>(key: (t: (typeof tips)[number]) => K) => tips.reduce<Record<string, number>>((m, t) => ((m[key(t)] = (m[key(t)] ?? 0) + 1), m), {});
  return {
    tips,
    expected: {
      figures: {
        received: String(TIPS),
        valuable: String(tips.filter((t) => t.valuable === true).length),
        notValuable: String(tips.filter((t) => t.valuable === false).length),
        resolved: String(tips.filter((t) => t.resolved !== null).length),
        duplicates: "0",
        medianFirstActionMinutes: String(median(tips.flatMap((t) => (t.firstAction === null ? [] : [t.firstAction])))),
        medianResolutionMinutes: String(median(tips.flatMap((t) => (t.resolved === null ? [] : [t.resolved])))),
        warningsSent: "1", deliveriesSent: "4", groupsReached: "2", membersReached: "310", residentsReached: "2", replies: "3",
      },
      categories: count((t) => t.category),
      channels: count((t) => t.channel),
      weeks: Array.from({ length: 8 }, (_, w) => tips.filter((t) => Math.floor(t.day / 7) === w).length),
    },
  };
}

describe("the report page in a browser", () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let ward: { id: number; code: string; name: string };
  const { tips, expected } = plan();

  beforeAll(async () => {
    app = await startTestApp();
    const db = app.deps.db;
    ward = await db.ward.findFirstOrThrow({ where: { provinceCode: "01" }, orderBy: { code: "asc" }, select: { id: true, code: true, name: true } });
    const leader = await db.officer.create({ data: { displayName: "Trần Thị Lan", role: "WARD_LEADER", wardId: ward.id, canBroadcast: true }, select: { id: true } });
    const resident = await db.resident.create({ data: { pseudonym: "browser-report", channel: "TELEGRAM", chatRef: "sealed" }, select: { id: true } });
    const at = (t: (typeof tips)[number], m: number | null) => (m === null ? null : new Date(t.at.getTime() + m * 60_000));
    await db.tip.createMany({
      data: tips.map((t) => ({
        code: `BRW-${t.i}`, sourceKey: `brw-${t.i}`, channel: t.channel, residentId: resident.id, wardId: ward.id, provinceCode: "01",
        category: t.category, text: `Tin ${t.i}`, createdAt: t.at, valuable: t.valuable,
        status: t.resolved !== null ? "RESOLVED" : t.firstAction !== null ? "CLAIMED" : "NEW",
        firstActionAt: at(t, t.firstAction), resolvedAt: at(t, t.resolved),
      })),
    });
    // A warning to two of the ward's groups and two subscribers, three replies.
    const campaign = await db.campaign.create({ data: { officerId: leader.id, title: "Cảnh báo lừa đảo", sourceChatId: "1", sourceMessageIds: [1], target: { wardIds: [ward.id] }, status: "DONE", startedAt: new Date(`2025-02-03T09:00:00+07:00`) }, select: { id: true } });
    for (const [n, members, replies] of [[1, 190, 2], [2, 120, 0]] as const) {
      const g = await db.chatGroup.create({ data: { channel: "TELEGRAM", chatId: `-100777${n}`, title: `Tổ dân phố ${n}`, memberCount: members, purpose: "AUDIENCE", wardId: ward.id }, select: { id: true } });
      const d = await db.campaignDelivery.create({ data: { campaignId: campaign.id, groupId: g.id, status: "SENT", reach: members, messageId: 10 + n, sentAt: new Date() }, select: { id: true } });
      for (let r = 0; r < replies; r++) await db.campaignReply.create({ data: { campaignId: campaign.id, deliveryId: d.id, key: `d${d.id}-m${r}` } });
    }
    for (const n of [1, 2]) {
      const r = await db.resident.create({ data: { pseudonym: `browser-sub-${n}`, channel: "TELEGRAM", chatRef: "sealed", wardId: ward.id }, select: { id: true } });
      await db.subscription.create({ data: { residentId: r.id, wardId: ward.id } });
      const d = await db.campaignDelivery.create({ data: { campaignId: campaign.id, residentId: r.id, status: "SENT", reach: 1, messageId: 20 + n, sentAt: new Date() }, select: { id: true } });
      if (n === 1) await db.campaignReply.create({ data: { campaignId: campaign.id, deliveryId: d.id, key: `d${d.id}-m0` } });
    }
    browser = await launchBrowser();
    ({ context, page } = await signedInPage(browser, app, leader.id));
    await page.setViewportSize({ width: 1100, height: 900 });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.stop();
  });

  /** The figures as the page shows them, read from the DOM. */
  const readPage = async () => {
    const pairs = (selector: string, key: string, value: string) =>
      page.locator(selector).evaluateAll((els, [k, v]) => els.map((e) => [e.getAttribute(k!), e.querySelector(v!)?.getAttribute("data-value")]), [key, value]);
    const numbers = (xs: unknown[][]) => Object.fromEntries(xs.map(([k, v]) => [k, Number(v)]));
    return {
      figures: Object.fromEntries(await pairs("[data-figure]", "data-figure", "b")),
      categories: numbers(await pairs("table.by-category tbody tr", "data-category", "td[data-value]")),
      channels: numbers(await pairs("table.by-channel tbody tr", "data-channel", "td[data-value]")),
      weeks: await page.locator("svg[aria-labelledby^='chart-weeks'] g[data-value]").evaluateAll((gs) => gs.map((g) => Number(g.getAttribute("data-value")))),
    };
  };

  it("shows the ward's figures for a period picked in the form, and downloads the same figures as CSV", async () => {
    await page.goto(`${browserBase(app)}/reports`);
    await page.fill("input[name=from]", FROM);
    await page.fill("input[name=to]", TO);
    await Promise.all([page.waitForURL(/from=2025-01-06/), page.getByRole("button", { name: "Xem báo cáo" }).click()]);
    const shown = await readPage();
    await expect(page.locator("h2.report-heading").textContent()).resolves.toBe(`${ward.name}, từ 06/01/2025 đến 02/03/2025`);
    expect(shown.figures).toEqual(expected.figures);
    expect(shown.categories).toEqual(expected.categories);
    expect(shown.channels).toEqual(expected.channels);
    expect(shown.weeks).toEqual(expected.weeks);
    expect(shown.weeks).toHaveLength(8);
    // The charts are drawn, with their titles for screen readers.
    await expect(page.getByRole("img", { name: /Tin báo theo loại/ }).count()).resolves.toBe(1);
    await screenshot(page, "report");

    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#report-csv")]);
    expect(download.suggestedFilename()).toBe(`wardline-report-ward-${ward.code}-${FROM}-${TO}.csv`);
    const text = await readFile((await download.path())!, "utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = text.slice(1).trim().split("\r\n").map((l) => l.split(","));
    const section = (s: string) => Object.fromEntries(rows.filter((r) => r[0] === s).map((r) => [r[1]!, r.at(-1)!]));
    expect({ ...section("tips"), ...section("warnings") }).toEqual(shown.figures);
    expect(Object.fromEntries(Object.entries(section("category")).map(([k, v]) => [k, Number(v)]))).toEqual(shown.categories);
    expect(Object.fromEntries(Object.entries(section("channel")).map(([k, v]) => [k, Number(v)]))).toEqual(shown.channels);
    expect(Object.values(section("week")).map(Number)).toEqual(shown.weeks);
  });

  it("prints without the form and buttons, and has a printable page with the same figures", async () => {
    await page.emulateMedia({ media: "print" });
    await expect(page.locator("#report-filters").isVisible()).resolves.toBe(false);
    await expect(page.locator(".report-actions").isVisible()).resolves.toBe(false);
    await expect(page.locator("#report").isVisible()).resolves.toBe(true);
    await page.emulateMedia({ media: "screen" });
    const onScreen = await readPage();
    await Promise.all([page.waitForURL(/\/reports\/print\?/), page.click("#report-print")]);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toContain("Báo cáo sơ kết");
    expect((await readPage()).figures).toEqual(onScreen.figures);
  });
});
