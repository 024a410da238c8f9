import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeTelegram, type FakeTelegram } from "./fakes/telegram-api.js";
import { createUpdateFactory, user } from "./fakes/telegram-updates.js";
import { BOT_INFO, startTestApp, type TestApp } from "./support/app.js";
import { officerWithInbox } from "./support/inbox.js";
import { telegramSession, textOf, to } from "./support/telegram-session.js";
import { seedTelegramTip, signInOfficer, type WebClient } from "./support/web.js";

const BA_DINH = "00004";
const CUA_NAM = "00082";
const INBOX = -1_007_100_000_001;
const officer = user(6_710_001, { firstName: "Lan" });

/** The text of an HTML fragment, tags dropped and spaces collapsed. */
const plain = (s: string) => s.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();
const rowOf = (page: string, code: string) => [...page.matchAll(/<tr data-code="([^"]+)"[\s\S]*?<\/tr>/g)].find((m) => m[1] === code)?.[0] ?? "";
const cellOf = (row: string, cls: string) => plain(new RegExp(`<td class="${cls}">([\\s\\S]*?)</td>`).exec(row)?.[1] ?? "");

describe("dashboard wording: waiting times, the assessment, the audit trail, codes typed in lower case", () => {
  let fake: FakeTelegram;
  let app: TestApp;
  let admin: WebClient;
  let tip: { id: number; code: string };
  const u = createUpdateFactory({ bot: { id: BOT_INFO.id, username: BOT_INFO.username } });

  beforeAll(async () => {
    fake = await startFakeTelegram({ limits: { perChatPerSecond: 100, perChatBurst: 100, perGroupPerMinute: 5000, globalPerSecond: 1000 } });
    app = await startTestApp({ apiRoot: fake.apiRoot });
    const tg = telegramSession(fake, app.baseUrl);
    await officerWithInbox(app, tg, u, { officer, wardCode: BA_DINH, inbox: INBOX, name: "Cán bộ Lan" });
    tip = await seedTelegramTip(app, { chatId: 7_710_001, wardCode: BA_DINH, category: "theft", text: "Trộm xe máy trước chợ" });
    await fake.waitFor((c) => to(INBOX)(c) && textOf(c).includes(tip.code));
    const { id } = await app.deps.db.officer.create({ data: { telegramUserId: 6_710_009n, displayName: "Quản trị", role: "ADMIN" }, select: { id: true } });
    admin = await signInOfficer(app, id);
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  it("writes waiting times in words: phút and giờ in Vietnamese, min and h in English", async () => {
    await app.deps.db.tip.update({ where: { id: tip.id }, data: { createdAt: new Date(Date.now() - (5 * 60 + 23) * 60_000 - 30_000) } });
    const vi = cellOf(rowOf(await (await admin.get("/inbox")).text(), tip.code), "waited");
    expect(vi).toMatch(/^5 giờ \d+ phút$/);
    const en = await fetch(`${app.baseUrl}/inbox`, { headers: { cookie: `${admin.cookie}; wl_lang=en` } });
    expect(cellOf(rowOf(await en.text(), tip.code), "waited")).toMatch(/^5 h \d+ min$/);
  });

  it("labels the assessment instead of repeating its value", async () => {
    const before = await (await admin.get(`/tips/${tip.code}`)).text();
    expect(plain(/<dt>[^<]*<\/dt><dd data-field="valuable">[^<]*<\/dd>/.exec(before)?.[0] ?? "")).toBe("Đánh giá Chưa đánh giá");
    expect((await admin.post(`/tips/${tip.code}/assess`, { valuable: "yes" })).status).toBe(303);
    const after = await (await admin.get(`/tips/${tip.code}`)).text();
    expect(plain(/<dt>[^<]*<\/dt><dd data-field="valuable">[^<]*<\/dd>/.exec(after)?.[0] ?? "")).toBe("Đánh giá Có giá trị");
  });

  it("names the ward a tip was sent to and the ward it was transferred to", async () => {
    expect((await admin.post(`/tips/${tip.code}/transfer`, { ward: CUA_NAM, reason: "địa bàn Cửa Nam" })).status).toBe(303);
    const page = await (await admin.get(`/tips/${tip.code}`)).text();
    const audit = [.../<ol class="audit">([\s\S]*?)<\/ol>/.exec(page)![1]!.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => plain(m[1]!));
    expect(audit.find((l) => l.includes("chuyển đến"))).toMatch(/chuyển đến · Phường Ba Đình$/);
    expect(audit.find((l) => l.includes("chuyển phường"))).toMatch(/chuyển phường · Quản trị · Phường Cửa Nam$/);
  });

  it("sends a code typed in lower case, or with a space, to the tip's page", async () => {
    for (const typed of [tip.code.toLowerCase(), tip.code.replace("-", " ").toLowerCase()]) {
      const res = await admin.get(`/tips/${encodeURIComponent(typed)}?done=claim`);
      expect(res.status).toBe(301);
      expect(res.headers.get("location")).toBe(`/tips/${tip.code}?done=claim`);
    }
    expect((await admin.get(`/tips/${tip.code}`)).status).toBe(200);
    expect((await admin.get("/tips/zzzz-zzzz")).status).toBe(404);
  });
});
