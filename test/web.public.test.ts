import { randomUUID } from "node:crypto";
import { execFileSync } from "node:child_process";
import { Redis } from "ioredis";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeTelegram, type FakeTelegram } from "./fakes/telegram-api.js";
import { createUpdateFactory, user } from "./fakes/telegram-updates.js";
import { BOT_INFO, PG_URL, REDIS_URL, dumpRedis, eventually, startTestApp, type TestApp } from "./support/app.js";
import { settled } from "./support/settle.js";
import { officerWithInbox } from "./support/inbox.js";
import { messageIdOf, telegramSession, textOf, to } from "./support/telegram-session.js";
import { signInOfficer } from "./support/web.js";
import { upsertResident } from "../src/core/residents.js";
import { createTip } from "../src/core/tips/create.js";
import { routeTipJob } from "../src/jobs/route-tip.js";
import { enqueue, jobId } from "../src/queue/job.js";
import { LIMITS, clientOf } from "../src/web/public-rate-limit.js";

const officer = user(5_301_001, { firstName: "Minh" });
const INBOX = -1_005_300_000_001;
const WARD = "00004"; // Phường Ba Đình, Hà Nội
const TEXT = "Nhóm thanh niên tụ tập bán hàng cấm sau chợ Long Biên mỗi tối";

/** A photo straight from a phone: GPS position and device in its EXIF. */
const phonePhoto = () =>
  sharp({ create: { width: 80, height: 60, channels: 3, background: "#336699" } })
    .jpeg()
    .withExif({ IFD0: { Make: "CheapPhone", Model: "X1" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "21/1 2/1 3/1", GPSLongitudeRef: "E", GPSLongitude: "105/1 51/1 0/1" } })
    .toBuffer();

type Photo = { bytes: Buffer; name: string; type: string };

/** The form as a browser sends it: text fields first, the file input last. */
function tipForm(fields: Record<string, string>, photos: Photo[] = []): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries({ category: "drugs", ward: WARD, anonymous: "1", website: "", do: "send", ...fields })) form.append(k, v);
  if (photos.length === 0) form.append("photos", new Blob([]), "");
  for (const p of photos) form.append("photos", new Blob([p.bytes], { type: p.type }), p.name);
  return form;
}

const dataField = (page: string, name: string) => new RegExp(`data-field="${name}">([^<]+)<`).exec(page)?.[1] ?? null;

describe("public web tip page: /report and /report/status", () => {
  let fake: FakeTelegram;
  let app: TestApp;
  let tg: ReturnType<typeof telegramSession>;
  const u = createUpdateFactory({ bot: { id: BOT_INFO.id, username: BOT_INFO.username } });
  let officerId = 0;
  const nonce = randomUUID();
  let code = "";
  let key = "";
  let cardMessageId = 0;

  const post = (path: string, body: FormData | URLSearchParams, headers: Record<string, string> = {}) =>
    fetch(`${app.baseUrl}${path}`, { method: "POST", body, headers, redirect: "manual" });
  const status = (c: string, k: string) => post("/report/status", new URLSearchParams({ code: c, key: k }));

  beforeAll(async () => {
    fake = await startFakeTelegram({ limits: { perChatPerSecond: 100, perChatBurst: 100, perGroupPerMinute: 5000, globalPerSecond: 1000 } });
    app = await startTestApp({ apiRoot: fake.apiRoot });
    tg = telegramSession(fake, app.baseUrl);
    ({ officerId } = await officerWithInbox(app, tg, u, { officer, wardCode: WARD, inbox: INBOX, name: "Cán bộ Minh" }));
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  it("shows the form in Vietnamese without an account, finds wards without diacritics, and takes a ward from a QR link", async () => {
    const blank = await fetch(`${app.baseUrl}/report`);
    expect(blank.status).toBe(200);
    expect(blank.headers.get("content-security-policy")).toContain("script-src 'self'");
    const form = await blank.text();
    expect(form).toContain('lang="vi"');
    expect(form).toContain("Gửi tin báo");
    expect(form).toContain("113");
    expect(form).toMatch(/<input type="hidden" name="nonce" value="[0-9a-f-]{36}"/);
    expect(form).toContain('enctype="multipart/form-data"');

    const english = await (await fetch(`${app.baseUrl}/report`, { headers: { cookie: "wl_lang=en" } })).text();
    expect(english).toContain('lang="en"');
    expect(english).toContain("Send a tip to the ward or commune police");

    const searched = await (await fetch(`${app.baseUrl}/report?ward_q=${encodeURIComponent("ba dinh ha noi")}`)).text();
    expect(searched).toMatch(new RegExp(`<input type="radio" name="ward" value="${WARD}"[^>]*>\\s*Phường Ba Đình`));
    const none = await (await fetch(`${app.baseUrl}/report?ward_q=zzzqqq`)).text();
    expect(none).toContain("Không tìm thấy phường, xã nào khớp với “zzzqqq”");

    const fromPoster = await (await fetch(`${app.baseUrl}/report?ward=4`)).text();
    expect(fromPoster).toMatch(new RegExp(`value="${WARD}" required checked`));
    expect(fromPoster).toContain("Tin báo sẽ gửi về:");
  });

  it("takes a tip with text, place, location and a phone photo, and gives the tracking code and a status key", async () => {
    const res = await post("/report", tipForm({ nonce, text: TEXT, place: "Ngõ chợ Long Biên", when: "Tối hôm qua", lat: "21.0417", lng: "105.8490" }, [{ bytes: await phonePhoto(), name: "IMG_0001.jpg", type: "image/jpeg" }]));
    const page = await res.text();
    expect(res.status, page).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    expect(page).toContain("Đã gửi tin báo");
    expect(page).toContain("Phường Ba Đình");
    code = dataField(page, "code")!;
    key = dataField(page, "key")!;
    expect(code).toMatch(/^[3-9A-Z]{4}-[3-9A-Z]{4}$/);
    expect(key).toMatch(/^[3-9A-Z]{4}(-[3-9A-Z]{4}){3}$/);
    // The key is never put in an address: only in the form that posts it.
    expect(page).not.toMatch(new RegExp(`href="[^"]*${key}`));

    const tip = await app.deps.db.tip.findUniqueOrThrow({
      where: { code },
      select: { channel: true, text: true, place: true, lat: true, anonymous: true, identitySealed: true, resident: { select: { channel: true, chatRef: true, pseudonym: true } }, attachments: { select: { kind: true, fileRef: true, blob: { select: { bytes: true, mime: true } } } } },
    });
    expect(tip).toMatchObject({ channel: "WEB", text: TEXT, place: "Ngõ chợ Long Biên", lat: 21.0417, anonymous: true, identitySealed: null });
    expect(tip.resident).toMatchObject({ channel: "WEB", chatRef: "" });
    expect(tip.resident!.pseudonym).not.toContain(key.replace(/-/g, ""));
    expect(tip.attachments).toHaveLength(1);
    expect(tip.attachments[0]).toMatchObject({ kind: "photo", fileRef: "blob:1" });
    const stored = Buffer.from(tip.attachments[0]!.blob!.bytes);
    const meta = await sharp(stored).metadata();
    expect(meta.format).toBe("jpeg");
    expect(meta.exif).toBeUndefined();
    expect(stored.includes("CheapPhone")).toBe(false);
  });

  it("puts the card in the ward's inbox with the cleaned photo and the location, like any channel", async () => {
    const card = await fake.waitFor((c) => to(INBOX)(c) && textOf(c).includes(code));
    cardMessageId = messageIdOf(card);
    expect(textOf(card)).toContain("Ma túy");
    expect(textOf(card)).toContain(TEXT);
    expect(textOf(card)).toContain("Web");
    const photo = await fake.waitFor(to(INBOX, "sendPhoto"));
    expect(String(photo.params["caption"])).toContain(code);
    const upload = fake.uploads.find((x) => x.method === "sendPhoto");
    expect(upload).toBeDefined();
    expect((await sharp(upload!.bytes).metadata()).exif).toBeUndefined();
    expect(upload!.bytes.includes("CheapPhone")).toBe(false);
    await fake.waitFor(to(INBOX, "sendLocation"));
  });

  it("makes one tip of a double submit, and shows the same code and key again", async () => {
    const again = await post("/report", tipForm({ nonce, text: TEXT, place: "Ngõ chợ Long Biên", when: "Tối hôm qua", lat: "21.0417", lng: "105.8490" }, [{ bytes: await phonePhoto(), name: "IMG_0001.jpg", type: "image/jpeg" }]));
    const page = await again.text();
    expect(again.status).toBe(200);
    expect(dataField(page, "code")).toBe(code);
    expect(dataField(page, "key")).toBe(key);
    expect(await app.deps.db.tip.count()).toBe(1);
    expect(await app.deps.db.attachmentBlob.count()).toBe(1);
  });

  it("shows the state for code and key (typed loosely), and a generic 404 for any wrong pair", async () => {
    const ok = await status(code.toLowerCase().replace("-", " "), key.toLowerCase());
    const page = await ok.text();
    expect(ok.status).toBe(200);
    expect(page).toContain(`Tin báo ${code}`);
    expect(page).toContain("đã tiếp nhận");
    expect(page).toContain("Cán bộ chưa hỏi thêm gì");

    const wrongKey = await status(code, "ABCD-EFGH-JKMN-PQRT");
    const wrongCode = await status("ABCD-EFGH", key);
    const nonsense = await status("x", "y");
    for (const r of [wrongKey, wrongCode, nonsense]) {
      expect(r.status).toBe(404);
      const body = await r.text();
      expect(body).toContain("Không tìm thấy tin báo với mã và khóa tra cứu này");
      expect(body).not.toContain("đã tiếp nhận");
    }
  });

  it("shows an officer's question on the status page, unsigned, and takes the answer to the inbox under the card", async () => {
    const question = "Nhóm đó thường đi xe gì, biển số bao nhiêu?";
    const web = await signInOfficer(app, officerId);
    const asked = await web.post(`/tips/${code}/ask`, { text: question, nonce: randomUUID() });
    expect(asked.status).toBe(303);
    // No chat to relay to: the inbox is told that the question waits on the status page.
    const note = await fake.waitFor((c) => to(INBOX)(c) && textOf(c).includes("trang web") && textOf(c).includes(code));
    expect(JSON.stringify(note.params["reply_parameters"])).toContain(String(cardMessageId));
    const message = await app.deps.db.tipMessage.findFirstOrThrow({ where: { author: "OFFICER", tip: { code } }, select: { id: true, relayedAt: true } });
    expect(message.relayedAt).toBeNull();

    const wrong = await (await status(code, "ABCD-EFGH-JKMN-PQRT")).text();
    expect(wrong).not.toContain(question);

    const page = await (await status(code, key)).text();
    expect(page).toContain(question);
    expect(page).toContain("Cán bộ hỏi");
    expect(page).toContain("cán bộ đang chờ bạn trả lời");
    expect(page).not.toContain("Minh");
    expect(page).toContain('action="/report/status/answer"');
    const seen = await app.deps.db.tipMessage.findUniqueOrThrow({ where: { id: message.id }, select: { relayedAt: true } });
    expect(seen.relayedAt).not.toBeNull();

    const answer = "Hai xe Exciter màu đen, biển 29-X1 không nhớ số cuối";
    const answerNonce = randomUUID();
    const sent = await post("/report/status/answer", new URLSearchParams({ code, key, text: answer, nonce: answerNonce }));
    const after = await sent.text();
    expect(sent.status).toBe(200);
    expect(after).toContain("Đã chuyển câu trả lời của bạn cho cán bộ");
    expect(after).toContain("Bạn trả lời");
    expect(after).toContain(answer);
    const posted = await fake.waitFor((c) => to(INBOX)(c) && textOf(c).includes(answer));
    expect(textOf(posted)).toContain(code);
    expect(JSON.stringify(posted.params["reply_parameters"])).toContain(String(cardMessageId));

    // A resubmitted answer (reload, double click) is one answer.
    await post("/report/status/answer", new URLSearchParams({ code, key, text: answer, nonce: answerNonce }));
    const wrongAnswer = await post("/report/status/answer", new URLSearchParams({ code, key: "ABCD-EFGH-JKMN-PQRT", text: "chen ngang", nonce: randomUUID() }));
    expect(wrongAnswer.status).toBe(404);
    const thread = await app.deps.db.tipMessage.findMany({ where: { tip: { code } }, orderBy: { id: "asc" }, select: { author: true } });
    expect(thread.map((m) => m.author)).toEqual(["TIPSTER", "OFFICER", "TIPSTER"]);
    const dashboard = await (await web.get(`/tips/${code}`)).text();
    expect(dashboard).toContain("đã chuyển đến người báo");
  });

  it("refuses files that are not pictures, too many photos, filled honeypots and other sites' forms, keeping the text", async () => {
    const before = await app.deps.db.tip.count();
    const fakePhoto = await post("/report", tipForm({ nonce: randomUUID(), text: "Ảnh giả mạo" }, [{ bytes: Buffer.from("<svg onload=alert(1)>"), name: "x.jpg", type: "image/jpeg" }]));
    expect(fakePhoto.status).toBe(400);
    const page = await fakePhoto.text();
    expect(page).toContain("Có tệp không phải là ảnh");
    expect(page).toContain(">Ảnh giả mạo</textarea>");
    expect(page).toContain("hãy chọn lại ảnh");

    const photo = await phonePhoto();
    const four = Array.from({ length: 4 }, (_, i) => ({ bytes: photo, name: `p${i}.jpg`, type: "image/jpeg" }));
    const tooMany = await post("/report", tipForm({ nonce: randomUUID(), text: "Bốn ảnh" }, four));
    expect(tooMany.status).toBe(400);
    const many = await tooMany.text();
    expect(many).toContain("tối đa 3 ảnh");
    expect(many).toContain(">Bốn ảnh</textarea>");

    const huge = Buffer.concat([photo, Buffer.alloc(9 * 1024 * 1024)]);
    const tooBig = await post("/report", tipForm({ nonce: randomUUID(), text: "Ảnh quá lớn" }, [{ bytes: huge, name: "big.jpg", type: "image/jpeg" }]));
    expect(tooBig.status).toBe(400);
    const big = await tooBig.text();
    expect(big).toContain("Mỗi ảnh phải nhỏ hơn 8 MB");
    expect(big).toContain(">Ảnh quá lớn</textarea>");

    const missing = await post("/report", tipForm({ nonce: randomUUID(), text: "", ward: "" }));
    expect(missing.status).toBe(400);
    const missingPage = await missing.text();
    expect(missingPage).toContain("Hãy chọn phường, xã nhận tin.");
    expect(missingPage).toContain("Hãy mô tả sự việc");

    const bot = await post("/report", tipForm({ nonce: randomUUID(), text: "spam", website: "http://spam.example" }));
    expect(bot.status).toBe(400);
    const elsewhere = await post("/report", tipForm({ nonce: randomUUID(), text: "từ trang khác" }), { origin: "https://evil.example" });
    expect(elsewhere.status).toBe(403);
    expect(await app.deps.db.tip.count()).toBe(before);
  });

  it("answers 429 past the limit, keeping what was typed; its Redis keys expire within minutes and hold no address", async () => {
    // Start from a clean count for this address (earlier tests sent from it too).
    const redis = new Redis(REDIS_URL);
    const old = (await dumpRedis(app.prefix)).filter((e) => e.key.startsWith(`${app.prefix}:rl:report:`)).map((e) => e.key);
    if (old.length) await redis.del(...old);
    redis.disconnect();

    for (let i = 0; i < LIMITS.report.limit; i++) {
      const r = await post("/report", tipForm({ nonce: randomUUID(), text: `Tin thứ ${i + 2}` }));
      expect(r.status, await r.text()).toBe(200);
    }
    const refused = await post("/report", tipForm({ nonce: randomUUID(), text: "Tin này phải được giữ lại" }));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const page = await refused.text();
    expect(page).toContain("gửi lại sau khoảng 10 phút");
    expect(page).toContain(">Tin này phải được giữ lại</textarea>");
    expect(await app.deps.db.tip.count({ where: { text: "Tin này phải được giữ lại" } })).toBe(0);

    const keys = (await dumpRedis(app.prefix)).filter((e) => e.key.startsWith(`${app.prefix}:rl:`));
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) {
      expect(k.ttl, k.key).toBeGreaterThan(0);
      expect(k.ttl, k.key).toBeLessThanOrEqual(600);
      expect(k.key).not.toMatch(/127\.0\.0\.1|::1|ffff/);
      expect(k.value).toMatch(/^\d+$/);
    }
  });

  it("counts an IPv6 subscriber's /64 as one client, and an IPv4-mapped address as its IPv4 address", () => {
    expect(clientOf("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(clientOf("203.0.113.7")).toBe("203.0.113.7");
    expect(clientOf("2001:db8:a:b:1:2:3:4")).toBe("2001:db8:a:b::/64");
    expect(clientOf("2001:0DB8:000a:b::9")).toBe("2001:db8:a:b::/64");
    expect(clientOf("2001:db8::1")).toBe("2001:db8:0:0::/64");
  });

  it("keeps the cleaned copy of a Telegram photo for the dashboard when it posts the card", async () => {
    const file = fake.addFile(await phonePhoto(), { mime: "image/jpeg" });
    const resident = await upsertResident(app.deps.db, app.deps.identity, { channel: "TELEGRAM", accountId: "7300001", chatId: "7300001", language: "vi" });
    const tip = await createTip(app.deps.db, app.deps.identity, {
      sourceKey: `tg-test-${randomUUID()}`, channel: "TELEGRAM", residentId: resident.id, wardCode: WARD, provinceCode: "01",
      category: "theft", text: "Trộm xe đạp trước cổng trường", media: [{ kind: "photo", fileRef: file.file_id }], anonymous: true,
    });
    await enqueue(app.deps.queues, routeTipJob, { tipId: tip.id }, jobId("route", tip.id));
    await fake.waitFor((c) => to(INBOX, "sendPhoto")(c) && String(c.params["caption"]).includes(tip.code));
    const attachment = await app.deps.db.attachment.findFirstOrThrow({ where: { tipId: tip.id }, select: { id: true, blob: { select: { bytes: true, mime: true } } } });
    expect(attachment.blob?.mime).toBe("image/jpeg");
    expect((await sharp(Buffer.from(attachment.blob!.bytes)).metadata()).exif).toBeUndefined();
    const web = await signInOfficer(app, officerId);
    const shown = await web.get(`/tips/${tip.code}/files/${attachment.id}`);
    expect(shown.status).toBe(200);
    expect(shown.headers.get("content-type")).toBe("image/jpeg");
  });

  it("keeps no client address, status key or photo metadata in the database, Redis or logs, and no tip text in Redis or logs", async () => {
    await settled(app.deps, fake); // every job run, so the logs and Redis hold all they will
    const dump = execFileSync("pg_dump", ["--data-only", "--schema", app.schema, PG_URL], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    expect(dump).toContain(code);
    expect(dump).not.toContain("127.0.0.1");
    expect(dump).not.toContain(key);
    expect(dump).not.toContain(key.replace(/-/g, ""));

    const redis = (await dumpRedis(app.prefix)).map((e) => `${e.key}\n${e.value}`).join("\n");
    expect(redis.length).toBeGreaterThan(100);
    for (const leak of ["127.0.0.1", TEXT, key, "Hai xe Exciter"]) expect(redis, leak).not.toContain(leak);

    // Start-up lines name the address the server listens on, which is not a client's.
    const logs = app.logs.lines.filter((l) => !l.includes(app.baseUrl)).join("\n");
    for (const leak of ["127.0.0.1", TEXT, key, "Hai xe Exciter"]) expect(logs, leak).not.toContain(leak);
  });
});
