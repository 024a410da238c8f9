import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeTelegram, type FakeTelegram } from "./fakes/telegram-api.js";
import { createUpdateFactory, user } from "./fakes/telegram-updates.js";
import { BOT_INFO, eventually, startTestApp, WAIT_MS, type TestApp } from "./support/app.js";
import { liveSubscribed, settled } from "./support/settle.js";
import { officerWithInbox } from "./support/inbox.js";
import { messageIdOf, telegramSession, textOf, to } from "./support/telegram-session.js";
import { createLoginLink } from "../src/core/sign-in.js";
import { seedTelegramTip, signInOfficer, type WebClient } from "./support/web.js";

const BA_DINH = "00004";
const CUA_NAM = "00082";
const INBOX_A = -1_007_000_000_001;
const INBOX_B = -1_007_000_000_002;
const officerA = user(6_700_001, { firstName: "Lan" });
const officerB = user(6_700_002, { firstName: "Tuan" });
const resident = user(7_700_001, { firstName: "Mai" });

const linkIn = (text: string) => /\/auth\/([A-Za-z0-9_-]{20,})/.exec(text)?.[1] ?? null;
const cookieOf = (res: Response) => res.headers.getSetCookie().find((c) => /wl_session=/.test(c)) ?? "";

describe("officers' dashboard over HTTP: sign-in, sessions, CSRF, scope, queue, actions", () => {
  let fake: FakeTelegram;
  let app: TestApp;
  let tg: ReturnType<typeof telegramSession>;
  const u = createUpdateFactory({ bot: { id: BOT_INFO.id, username: BOT_INFO.username } });
  let idA = 0;
  let idB = 0;
  let webA: WebClient;
  let webB: WebClient;
  let tip: { id: number; code: string };

  beforeAll(async () => {
    fake = await startFakeTelegram({ limits: { perChatPerSecond: 100, perChatBurst: 100, perGroupPerMinute: 5000, globalPerSecond: 1000 } });
    app = await startTestApp({ apiRoot: fake.apiRoot });
    tg = telegramSession(fake, app.baseUrl);
    ({ officerId: idA } = await officerWithInbox(app, tg, u, { officer: officerA, wardCode: BA_DINH, inbox: INBOX_A, name: "Cán bộ Lan" }));
    ({ officerId: idB } = await officerWithInbox(app, tg, u, { officer: officerB, wardCode: CUA_NAM, inbox: INBOX_B, name: "Cán bộ Tuấn" }));
    tip = await seedTelegramTip(app, { chatId: resident.id, wardCode: BA_DINH, category: "drugs", text: "Bán ma túy ở quán nước đầu ngõ 12" });
    await fake.waitFor((c) => to(INBOX_A)(c) && textOf(c).includes(tip.code));
    webA = await signInOfficer(app, idA);
    webB = await signInOfficer(app, idB);
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  it("gives a registered officer a one-time link by /login in private chat, and refuses anyone else", async () => {
    const refused = await tg.send(u.privateCommand(resident, "/login"), to(resident.id));
    expect(textOf(refused)).toMatch(/chỉ dành cho cán bộ/);
    expect(linkIn(textOf(refused))).toBeNull();
    const sent = await tg.send(u.privateCommand(officerA, "/login"), to(officerA.id));
    expect(sent.params["protect_content"]).toBe(true);
    const token = linkIn(textOf(sent))!;
    expect(textOf(sent)).toContain("https://wardline.example.org/auth/");

    // Opening the link (or a chat app previewing it) does not spend it; the button does.
    for (let i = 0; i < 2; i++) expect((await fetch(`${app.baseUrl}/auth/${token}`)).status).toBe(200);
    const first = await fetch(`${app.baseUrl}/auth`, { method: "POST", body: new URLSearchParams({ token }), redirect: "manual" });
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe("/inbox");
    const cookie = cookieOf(first);
    expect(cookie).toMatch(/^__Host-wl_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const again = await fetch(`${app.baseUrl}/auth`, { method: "POST", body: new URLSearchParams({ token }), redirect: "manual" });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("đã được dùng");
    expect(cookieOf(again)).toBe("");
  });

  it("refuses an expired link and a made-up one", async () => {
    const old = await createLoginLink(app.deps.db, idA, new Date(Date.now() - 11 * 60_000));
    const expired = await fetch(`${app.baseUrl}/auth`, { method: "POST", body: new URLSearchParams({ token: old.token }), redirect: "manual" });
    expect(expired.status).toBe(400);
    expect(await expired.text()).toContain("hết hạn");
    const bogus = await fetch(`${app.baseUrl}/auth`, { method: "POST", body: new URLSearchParams({ token: "x".repeat(43) }), redirect: "manual" });
    expect(bogus.status).toBe(400);
  });

  it("sends a visitor without a session to the sign-in page, and ends a session on sign-out", async () => {
    const anon = await fetch(`${app.baseUrl}/inbox`, { redirect: "manual" });
    expect(anon.status).toBe(303);
    expect(anon.headers.get("location")).toMatch(/^\/login/);
    expect((await fetch(`${app.baseUrl}/tips/${tip.code}`, { redirect: "manual" })).status).toBe(303);

    const web = await signInOfficer(app, idA);
    expect((await web.get("/inbox")).status).toBe(200);
    const out = await web.post("/logout", {});
    expect(out.status).toBe(303);
    const after = await web.get("/inbox");
    expect(after.status).toBe(303);
    expect(after.headers.get("location")).toMatch(/^\/login/);
  });

  it("refuses a state change without the page's CSRF token or from another origin, and changes nothing", async () => {
    const noToken = await webA.post(`/tips/${tip.code}/claim`, {}, { csrf: false });
    expect(noToken.status).toBe(403);
    const wrong = await webA.post(`/tips/${tip.code}/claim`, { _csrf: "forged" }, { csrf: false });
    expect(wrong.status).toBe(403);
    // Even with the right token, a form posted from another site is refused.
    const crossSite = await fetch(`${app.baseUrl}/tips/${tip.code}/claim`, {
      method: "POST",
      headers: { cookie: webA.cookie, origin: "https://evil.example" },
      body: new URLSearchParams({ _csrf: webA.csrf }),
      redirect: "manual",
    });
    expect(crossSite.status).toBe(403);
    const row = await app.deps.db.tip.findUniqueOrThrow({ where: { id: tip.id }, select: { status: true, claimedById: true } });
    expect(row).toEqual({ status: "NEW", claimedById: null });
  });

  it("answers 404 to an officer of another ward, for the tip, its actions and its files, and changes nothing", async () => {
    const page = await webB.get(`/tips/${tip.code}`);
    expect(page.status).toBe(404);
    expect(await page.text()).not.toContain("ma túy");
    for (const action of ["claim", "resolve", "assess"]) {
      const r = await webB.post(`/tips/${tip.code}/${action}`, { outcome: "x", valuable: "yes" });
      expect(r.status).toBe(404);
    }
    expect((await webB.get(`/tips/${tip.code}/files/1`)).status).toBe(404);
    expect(await (await webB.get("/inbox")).text()).not.toContain(tip.code);
    const row = await app.deps.db.tip.findUniqueOrThrow({ where: { id: tip.id }, select: { status: true, valuable: true } });
    expect(row).toEqual({ status: "NEW", valuable: null });
    // The same answer as for a code that does not exist.
    expect((await webB.get("/tips/ZZZZ-ZZZZ")).status).toBe(404);
  });

  it("filters the queue by category, ward, claimed-by-me and text, counts each state, and flags tips past the target time", async () => {
    const old = await seedTelegramTip(app, { chatId: resident.id, wardCode: BA_DINH, category: "scam", text: "Gọi giả danh công an đòi chuyển tiền" });
    await app.deps.db.tip.update({ where: { id: old.id }, data: { createdAt: new Date(Date.now() - 30 * 3_600_000) } });
    const codes = async (q: string) => [...(await (await webA.get(`/inbox${q}`)).text()).matchAll(/data-code="([^"]+)"/g)].map((m) => m[1]);
    expect(await codes("")).toEqual([old.code, tip.code]); // oldest first
    expect(await codes("?category=scam")).toEqual([old.code]);
    expect(await codes("?q=ma+t%C3%BAy")).toEqual([tip.code]);
    expect(await codes(`?q=${old.code}`)).toEqual([old.code]);
    expect(await codes("?mine=1")).toEqual([]);
    const html = await (await webA.get("/inbox")).text();
    expect(html).toMatch(new RegExp(`<tr data-code="${old.code}" class="overdue">`));
    expect(html).not.toMatch(new RegExp(`<tr data-code="${tip.code}" class="overdue">`));
    expect(html).toMatch(/data-count="new">2</);

    expect((await webA.post(`/tips/${old.code}/claim`, {})).status).toBe(303);
    expect(await codes("?mine=1")).toEqual([old.code]);
    expect(await codes("?state=claimed")).toEqual([old.code]);
    expect(await codes(`?from=2000-01-01&to=2000-01-31`)).toEqual([]);
    const counts = await (await webA.get("/inbox")).text();
    expect(counts).toMatch(/data-count="new">1</);
    expect(counts).toMatch(/data-count="claimed">1</);
  });

  it("claims, judges, asks (relayed to the tipster on Telegram), resolves and audits from the page; the inbox card follows", async () => {
    expect((await webA.post(`/tips/${tip.code}/claim`, {})).headers.get("location")).toBe(`/tips/${tip.code}?done=claim`);
    expect((await webA.post(`/tips/${tip.code}/assess`, { valuable: "yes" })).status).toBe(303);
    const nonce = randomUUID();
    await webA.post(`/tips/${tip.code}/ask`, { text: "Quán nước tên là gì?", nonce });
    await webA.post(`/tips/${tip.code}/ask`, { text: "Quán nước tên là gì?", nonce }); // a double click asks once
    const relayed = await fake.waitFor((c) => to(resident.id)(c) && textOf(c).includes("Quán nước tên là gì?"));
    expect(textOf(relayed)).toContain(tip.code);
    expect((await webA.post(`/tips/${tip.code}/resolve`, { outcome: "Đã bắt quả tang" })).status).toBe(303);

    const page = await (await webA.get(`/tips/${tip.code}`)).text();
    expect(page).toContain("Đã xử lý xong");
    expect(page).toContain("Đã bắt quả tang");
    expect(page).toMatch(/Quán nước tên là gì\?/);
    expect(page).toContain("đã xem");
    const events = await app.deps.db.tipEvent.findMany({ where: { tipId: tip.id }, orderBy: { id: "asc" }, select: { type: true } });
    expect(events.map((e) => e.type).filter((t) => t !== "viewed")).toEqual(["created", "routed", "claimed", "assessed", "asked", "resolved"]);
    expect(await app.deps.db.tipMessage.count({ where: { tipId: tip.id, author: "OFFICER" } })).toBe(1);
    await fake.waitFor((c) => c.method === "editMessageText" && String(c.params["chat_id"]) === String(INBOX_A) && textOf(c).includes(tip.code) && /Cán bộ Lan/.test(textOf(c)));
  });

  it("merges a duplicate into another tip, and both pages say so", async () => {
    const dup = await seedTelegramTip(app, { chatId: resident.id + 1, wardCode: BA_DINH, category: "theft", text: "Trộm xe máy ngõ 5" });
    const orig = await seedTelegramTip(app, { chatId: resident.id + 2, wardCode: BA_DINH, category: "theft", text: "Mất xe máy ở ngõ 5" });
    expect((await webA.post(`/tips/${dup.code}/merge`, { into: dup.code })).headers.get("location")).toContain("error=same-tip");
    expect((await webA.post(`/tips/${dup.code}/merge`, { into: orig.code })).headers.get("location")).toContain("done=merge");
    const page = await (await webA.get(`/tips/${dup.code}`)).text();
    expect(page).toContain(`href="/tips/${orig.code}"`);
    expect(await (await webA.get(`/tips/${orig.code}`)).text()).toContain(dup.code);
    const row = await app.deps.db.tip.findUniqueOrThrow({ where: { id: dup.id }, select: { status: true, mergedIntoId: true } });
    expect(row).toEqual({ status: "RESOLVED", mergedIntoId: orig.id });
  });

  it("streams changes to open pages of officers whose scope holds the tip, whoever made the change", async () => {
    const fresh = await seedTelegramTip(app, { chatId: resident.id + 3, wardCode: BA_DINH, text: "Người lạ lảng vảng trước cổng trường" });
    await fake.waitFor((c) => to(INBOX_A)(c) && textOf(c).includes(fresh.code));
    const listen = async (web: WebClient) => {
      const ctrl = new AbortController();
      const res = await fetch(`${app.baseUrl}/live`, { headers: { cookie: web.cookie }, signal: ctrl.signal });
      const reader = res.body!.getReader();
      let text = "";
      void (async () => {
        for (;;) {
          const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
          if (done) break;
          text += new TextDecoder().decode(value);
        }
      })();
      return { res, seen: () => text, stop: () => ctrl.abort() };
    };
    const a = await listen(webA);
    const b = await listen(webB);
    expect(a.res.headers.get("content-type")).toMatch(/text\/event-stream/);
    // Both pages listen once their stream has begun and the web process is subscribed to changes.
    await eventually(async () => a.seen().startsWith("retry:") && b.seen().startsWith("retry:"), WAIT_MS, "both streams open");
    await liveSubscribed(app);
    // A change made in the chat (the officer taps "claim" under the card) reaches the page.
    const card = fake.calls.find((c) => to(INBOX_A)(c) && textOf(c).includes(fresh.code))!;
    await tg.post(u.callback(officerA, `t:claim:${fresh.id}`, { chatId: INBOX_A, messageId: messageIdOf(card) }));
    await eventually(async () => a.seen().includes(fresh.code), WAIT_MS, "the change on ward A's page");
    // A question asked on the page reaches the stream once the bot has relayed it.
    await webA.post(`/tips/${fresh.code}/ask`, { text: "Người đó mặc áo màu gì?", nonce: randomUUID() });
    await eventually(async () => a.seen().includes(`{"code":"${fresh.code}","kind":"asked"}`), WAIT_MS, "the question on ward A's page");
    expect(fake.calls.some((c) => to(resident.id + 3)(c) && textOf(c).includes("Người đó mặc áo màu gì?"))).toBe(true);
    // Ward B's page hears only its own ward: once every change to the fresh tip has been published
    // (nothing left to do) and a later change in ward B has reached B's page, A's would have too.
    await settled(app.deps, fake);
    const mine = await seedTelegramTip(app, { chatId: resident.id + 4, wardCode: CUA_NAM, text: "Mất trộm xe đạp ở chợ Cửa Nam" });
    await eventually(async () => b.seen().includes(mine.code), WAIT_MS, "the change on ward B's page");
    expect(b.seen()).not.toContain(fresh.code);
    a.stop();
    b.stop();
  });
});

