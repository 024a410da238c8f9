import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchCampaign } from "../src/core/campaigns/control.js";
import { unseal } from "../src/crypto/identity.js";
import { startFakeTelegram, type FakeTelegram } from "./fakes/telegram-api.js";
import { createUpdateFactory, user } from "./fakes/telegram-updates.js";
import { signOaWebhook, startFakeZalo, type FakeZalo } from "./fakes/zalo-api.js";
import { BOT_INFO, eventually, startTestApp, WAIT_MS, type TestApp } from "./support/app.js";
import { waitForJobs } from "./support/settle.js";
import { officerWithInbox } from "./support/inbox.js";
import { telegramSession, textOf, to } from "./support/telegram-session.js";
import { oaTexts, zaloOaEnv } from "./support/zalo.js";

const officer = user(5_101_002, { firstName: "Lan", username: "officer_lan" });
const INBOX = -1_001_777_000_111;
const WARD = "00004"; // Phường Ba Đình, Hà Nội
const RESIDENT = "8470001112223334"; // a Zalo user id, scoped to the OA
const LATE_RESIDENT = "8470009998887776";
const BOT_RESIDENT = "zb-user-77";
const BOT_SECRET = "zalo_bot_secret_0123456789";
const HOUR = 3_600_000;


describe("Zalo channel, end to end (fake Zalo OA + Bot Platform, Telegram inbox)", () => {
  let tgFake: FakeTelegram;
  let zalo: FakeZalo;
  let app: TestApp;
  let tg: ReturnType<typeof telegramSession>;
  let files: Server;
  let photoUrl = "";
  // Zalo's clock: shifted back to make a resident's last message 49 hours old.
  let zaloClockOffset = 0;
  const u = createUpdateFactory({ bot: { id: BOT_INFO.id, username: BOT_INFO.username } });
  let code = "";
  let tipId = 0;

  /** What the resident sees next: the first OA message after `before` texts. */
  const nextOaText = async (userId: string, before: number, pattern: RegExp) =>
    eventually(async () => oaTexts(zalo, userId).slice(before).find((t) => pattern.test(t)), WAIT_MS, `an OA message matching ${pattern}`);

  /** The resident writes on Zalo and waits for the answer matching `pattern`. */
  const say = async (userId: string, text: string, pattern: RegExp) => {
    const before = oaTexts(zalo, userId).length;
    const r = await zalo.userSends(userId, { text });
    expect(r.status).toBe(200);
    return nextOaText(userId, before, pattern);
  };

  beforeAll(async () => {
    // A photo straight from a phone, with GPS in its EXIF, where Zalo's CDN would serve it.
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#336699" } })
      .jpeg()
      .withExif({ IFD0: { Make: "CheapPhone" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "21/1 2/1 3/1" } })
      .toBuffer();
    files = createServer((_req, res) => res.writeHead(200, { "content-type": "image/jpeg" }).end(jpeg));
    await new Promise<void>((r) => files.listen(0, "127.0.0.1", r));
    photoUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}/photo.jpg`;

    tgFake = await startFakeTelegram({ limits: { perChatPerSecond: 30, perChatBurst: 30, perGroupPerMinute: 600, globalPerSecond: 100 } });
    zalo = await startFakeZalo({ oaSendsPerSecond: 50, botSendsPerSecond: 50, accessTokenTtlSeconds: 30 * 24 * 3600, now: () => Date.now() + zaloClockOffset });
    app = await startTestApp({
      apiRoot: tgFake.apiRoot,
      env: {
        ...zaloOaEnv(zalo),
        ZALO_OA_MONTHLY_QUOTA: "1",
        ZALO_BOT_TOKEN: zalo.botToken,
        ZALO_BOT_API_ROOT: zalo.botApiRoot,
        ZALO_BOT_WEBHOOK_SECRET: BOT_SECRET,
        ZALO_SEND_RATE_PER_SECOND: "40",
      },
    });
    tg = telegramSession(tgFake, app.baseUrl);
    zalo.setOaWebhook(`${app.baseUrl}/webhooks/zalo/oa`);
    // The app registers https://<PUBLIC_URL>/webhooks/zalo/bot; a reverse proxy would forward it here.
    await zalo.waitFor((c) => c.method === "setWebhook");
    await fetch(`${zalo.botApiRoot}/bot${zalo.botToken}/setWebhook`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ url: `${app.baseUrl}/webhooks/zalo/bot`, secret_token: BOT_SECRET }),
    });

    const { confirmation: bound } = await officerWithInbox(app, tg, u, { officer, wardCode: WARD, inbox: INBOX, name: "Cán bộ Lan", canBroadcast: true });
    expect(textOf(bound)).toContain("Phường Ba Đình");
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await zalo?.close();
    await tgFake?.close();
    await new Promise((r) => files?.close(r));
  });

  it("refuses OA events that are unsigned or wrongly signed, and bot updates without the secret: 401, nothing queued", async () => {
    const unsigned = await zalo.userSends(RESIDENT, { text: "tin giả mạo" }, { signature: "none" });
    const wrong = await zalo.userSends(RESIDENT, { text: "tin giả mạo" }, { signature: "wrong" });
    expect([unsigned.status, wrong.status]).toEqual([401, 401]);
    // Signed for another app: the app id is part of what is signed.
    const body = JSON.stringify({ ...unsigned.event, app_id: "999" });
    const forged = await fetch(`${app.baseUrl}/webhooks/zalo/oa`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-zevent-signature": signOaWebhook("999", body, String(unsigned.event.timestamp), zalo.oaSecretKey) },
      body,
    });
    expect(forged.status).toBe(401);
    const noSecret = await fetch(`${app.baseUrl}/webhooks/zalo/bot`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ event_name: "message.text.received" }) });
    expect(noSecret.status).toBe(401);
    const wrongSecret = await zalo.botUserSends(BOT_RESIDENT, { text: "xin chào" }, { secret: "wrong" });
    expect(wrongSecret.status).toBe(401);
    const jobs = await app.deps.queues.inbound.getJobs(["waiting", "active", "delayed", "completed", "failed"]);
    expect(jobs.filter((j) => j.name === "zalo-update")).toHaveLength(0);
    expect(await app.deps.db.resident.count()).toBe(0);
    // A signed but malformed event is a 400 (Zalo would retry a 5xx for hours).
    const raw = "{\"app_id\":\"" + zalo.appId + "\",\"timestamp\":\"1\",\"event_name\":5}";
    const malformed = await fetch(`${app.baseUrl}/webhooks/zalo/oa`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-zevent-signature": signOaWebhook(zalo.appId, raw, "1", zalo.oaSecretKey) },
      body: raw,
    });
    expect(malformed.status).toBe(400);
  });

  it("takes a whole report on Zalo OA with numbered choices, photo and location, and the tip reaches the ward's Telegram inbox", async () => {
    expect(await say(RESIDENT, "menu", /1\. Báo tin/)).toMatch(/ẩn danh/);
    await say(RESIDENT, "1", /phường, xã nào/i);
    const offered = await say(RESIDENT, "ba dinh ha noi", /Gõ số để chọn/);
    const line = offered.split("\n").find((l) => /Ba Đình, .*Hà Nội/.test(l) && !/trước đây/.test(l));
    expect(line).toBeDefined();
    await say(RESIDENT, line!.split(".")[0]!, /Đây là việc gì\?/);
    await say(RESIDENT, "3", /mô tả/i); // 3. Đua xe
    await say(RESIDENT, "Nhóm thanh niên đua xe máy mỗi tối trên đường Hoàng Hoa Thám, khoảng 22h", /ở đâu/i);
    let before = oaTexts(zalo, RESIDENT).length;
    await zalo.userSends(RESIDENT, { location: { lat: 21.0412, lng: 105.8249 } });
    await nextOaText(RESIDENT, before, /khi nào/i);
    await say(RESIDENT, "1", /ảnh, video/i);
    before = oaTexts(zalo, RESIDENT).length;
    await zalo.userSends(RESIDENT, { image: { url: photoUrl } });
    await nextOaText(RESIDENT, before, /Đã nhận 1 tệp/);
    await say(RESIDENT, "0", /ẩn danh/);
    const summary = await say(RESIDENT, "1", /Gõ 1 để GỬI/);
    expect(summary).toContain("Đua xe");
    const sent = await say(RESIDENT, "1", /Mã tin báo/);
    code = sent.match(/([3-9A-Z]{4}-[3-9A-Z]{4})/)![1]!;
    expect(sent).toContain("Phường Ba Đình");

    const tip = await app.deps.db.tip.findUniqueOrThrow({ where: { code }, select: { id: true, channel: true, category: true, lat: true, anonymous: true } });
    tipId = tip.id;
    expect(tip).toMatchObject({ channel: "ZALO_OA", category: "racing", lat: 21.0412, anonymous: true });

    // The officers' card says where it came from and never who sent it.
    const card = await tgFake.waitFor((c) => to(INBOX)(c) && textOf(c).includes(code));
    expect(textOf(card)).toContain("Zalo OA");
    expect(textOf(card)).not.toContain(RESIDENT);
    // The photo arrives as a cleaned copy: no EXIF, no link to the resident's file.
    const photo = await tgFake.waitFor((c) => c.method === "sendPhoto" && String(c.params["chat_id"]) === String(INBOX));
    const upload = tgFake.uploads.find((up) => up.method === "sendPhoto");
    expect(upload).toBeDefined();
    expect((await sharp(upload!.bytes).metadata()).exif).toBeUndefined();
    expect(JSON.stringify(photo.params)).not.toContain(photoUrl);
    await tgFake.waitFor((c) => c.method === "sendLocation" && String(c.params["chat_id"]) === String(INBOX));

    // Every reply was inside the free window: nothing charged.
    expect(zalo.oaSentTo(RESIDENT).every((s) => s.billing === "free")).toBe(true);
  });

  it("a redelivered OA event (same msg_id) makes no second tip and no second answer", async () => {
    await say(RESIDENT, "Có người lạ hay đứng nhìn vào các nhà trong ngõ 5 vào buổi chiều", /Gõ 1 để gửi ngay/);
    const tipsBefore = await app.deps.db.tip.count();
    const repliesBefore = oaTexts(zalo, RESIDENT).length;
    const first = await zalo.userSends(RESIDENT, { text: "1" }, { msgId: "dup-msg-001" });
    const again = await zalo.userSends(RESIDENT, { text: "1" }, { msgId: "dup-msg-001" });
    expect([first.status, again.status]).toEqual([200, 200]);
    await nextOaText(RESIDENT, repliesBefore, /Mã tin báo/);
    await eventually(async () => (await app.deps.queues.inbound.getJobs(["waiting", "active", "delayed"])).every((j) => j.name !== "zalo-update"));
    expect(await app.deps.db.tip.count()).toBe(tipsBefore + 1);
    expect(oaTexts(zalo, RESIDENT).slice(repliesBefore)).toHaveLength(1);
  });

  it("relays the officer's question to Zalo, and the resident's plain reply reaches the inbox", async () => {
    const card = await tgFake.waitFor((c) => to(INBOX)(c) && textOf(c).includes(code));
    const cardMessageId = (card.response as { result: { message_id: number } }).result.message_id;
    const before = oaTexts(zalo, RESIDENT).length;
    await tg.post(u.groupText(INBOX, officer, "Nhóm này thường tụ tập ở đoạn nào?", { replyTo: { messageId: cardMessageId, fromBot: true, text: textOf(card) } }));
    const relayed = await nextOaText(RESIDENT, before, /Cán bộ phường, xã hỏi/);
    expect(relayed).toContain("Nhóm này thường tụ tập ở đoạn nào?");
    expect(relayed).toContain(code);
    expect(relayed).not.toContain("Lan");
    // Zalo has no reply button: the next thing the resident writes is the answer.
    await say(RESIDENT, "Đoạn gần cổng công viên Thủ Lệ", /Đã chuyển câu trả lời/);
    const posted = await tgFake.waitFor((c) => to(INBOX)(c) && textOf(c).includes("Thủ Lệ"));
    expect(textOf(posted)).toContain(code);
    const thread = await app.deps.db.tipMessage.findMany({ where: { tipId }, orderBy: { id: "asc" }, select: { author: true } });
    expect(thread.map((m) => m.author)).toEqual(["TIPSTER", "OFFICER", "TIPSTER"]);
  });

  it("refreshes an expired access token once, keeps the new single-use refresh token, and resends", async () => {
    zalo.expireAccessToken();
    const refreshesBefore = zalo.refreshCount();
    const sentBefore = oaTexts(zalo, RESIDENT).length;
    const answer = await say(RESIDENT, `trangthai ${code}`, new RegExp(code));
    expect(answer).toMatch(/cán bộ|tiếp nhận/);
    expect(zalo.refreshCount()).toBe(refreshesBefore + 1);
    const row = await app.deps.db.zaloToken.findUniqueOrThrow({ where: { id: "oa" }, select: { refreshSealed: true, accessSealed: true } });
    expect(unseal(app.deps.identity, row.refreshSealed).toString("utf8")).toBe(zalo.refreshToken);
    expect(unseal(app.deps.identity, row.accessSealed).toString("utf8")).toBe(zalo.accessToken);
    // Stored sealed, never in clear.
    expect(row.refreshSealed).not.toContain(zalo.refreshToken);
    // The rejected send and the resend: the resident got the answer once.
    expect(oaTexts(zalo, RESIDENT).slice(sentBefore).filter((t) => t.includes(`Tin báo ${code}`)).length).toBe(1);
  });

  it("two workers noticing an expired token at once spend the single-use refresh token once", async () => {
    const { createZaloClients } = await import("../src/zalo/clients.js");
    const a = createZaloClients(app.deps.config, app.deps.db, app.deps.identity).oa!;
    const b = createZaloClients(app.deps.config, app.deps.db, app.deps.identity).oa!;
    await Promise.all([a.getOa(), b.getOa()]);
    zalo.expireAccessToken();
    const before = zalo.refreshCount();
    const [x, y] = await Promise.all([a.getOa(), b.getOa()]);
    expect(x.oaId).toBe(zalo.oaId);
    expect(y.oaId).toBe(zalo.oaId);
    expect(zalo.refreshCount()).toBe(before + 1);
  });

  it("outside the 48-hour window a question waits, the officer is told why, and it goes when the resident writes again", async () => {
    // The resident reported two days ago (by Zalo's clock) and has not written since.
    zaloClockOffset = -49 * HOUR;
    await zalo.userSends(LATE_RESIDENT, { text: "baocao" });
    const late = await eventually(async () => app.deps.db.resident.findFirst({ where: { channel: "ZALO_OA", windowOpenedAt: { not: null }, NOT: { id: (await app.deps.db.tip.findUniqueOrThrow({ where: { code } })).residentId! } } }));
    expect(Date.now() - late.windowOpenedAt!.getTime()).toBeGreaterThan(48 * HOUR);
    zaloClockOffset = 0;
    const lateTip = await app.deps.db.tip.create({
      data: { code: "WAKE-3456", sourceKey: "zoa-late-1", channel: "ZALO_OA", residentId: late.id, wardId: (await app.deps.db.ward.findUniqueOrThrow({ where: { code: WARD } })).id, category: "theft", text: "Mất xe đạp", messages: { create: { author: "TIPSTER", text: "Mất xe đạp" } } },
    });
    await app.deps.queues.routing.add("route-tip", { tipId: lateTip.id }, { jobId: `route-${lateTip.id}` });
    const card = await tgFake.waitFor((c) => to(INBOX)(c) && textOf(c).includes("WAKE-3456"));
    await eventually(async () => (await app.deps.db.tipCard.findFirst({ where: { tipId: lateTip.id, messageId: { not: null } } })) !== null);
    const sentBefore = zalo.oaSentTo(LATE_RESIDENT).length;

    await tg.post(u.groupText(INBOX, officer, "Xe đạp màu gì?", { replyTo: { messageId: (card.response as { result: { message_id: number } }).result.message_id, fromBot: true, text: textOf(card) } }));
    const notice = await tgFake.waitFor((c) => to(INBOX)(c) && /WAKE-3456/.test(textOf(c)) && /chưa gửi được/.test(textOf(c)));
    expect(textOf(notice)).toMatch(/48 giờ/);
    expect(zalo.oaSentTo(LATE_RESIDENT).length).toBe(sentBefore);
    const waiting = await app.deps.db.tipMessage.findFirstOrThrow({ where: { tipId: lateTip.id, author: "OFFICER" }, select: { relayedAt: true } });
    expect(waiting.relayedAt).toBeNull();

    // The resident writes again: the window opens and the question goes out, free.
    await zalo.userSends(LATE_RESIDENT, { text: "menu" });
    const question = await nextOaText(LATE_RESIDENT, sentBefore, /Xe đạp màu gì\?/);
    expect(question).toContain("WAKE-3456");
    expect(zalo.oaSentTo(LATE_RESIDENT).every((s) => s.billing === "free")).toBe(true);
  });

  it("takes a report on the Zalo Bot Platform too, wrapped or bare updates alike", async () => {
    const texts = () => zalo.botSentTo(BOT_RESIDENT).map((c) => String(c.body["text"] ?? ""));
    const botSay = async (text: string, pattern: RegExp, wrapped = false) => {
      const before = texts().length;
      const r = await zalo.botUserSends(BOT_RESIDENT, { text }, { wrapped });
      expect(r.status).toBe(200);
      return eventually(async () => texts().slice(before).find((t) => pattern.test(t)), WAIT_MS, `bot reply ${pattern}`);
    };
    await botSay("phuong ba dinh", /Gõ số để chọn/);
    await botSay("1", /Đã ghi nhận phường, xã/, true);
    await botSay("4", /Đã đăng ký nhận cảnh báo/);
  });

  it("delivers a warning campaign once to each Zalo subscriber (OA and Bot), and counts it", async () => {
    // The ward chosen while reporting is the one subscribed to.
    expect(await say(RESIDENT, "dangky", /chưa chọn phường|Đã đăng ký/)).toMatch(/Đã đăng ký .*Phường Ba Đình/);
    const officerRow = await app.deps.db.officer.findFirstOrThrow({ select: { id: true, wardId: true } });
    const oaBefore = oaTexts(zalo, RESIDENT).length;
    const botBefore = zalo.botSentTo(BOT_RESIDENT).length;
    const warning = "⚠️ Cảnh báo: kẻ gian giả danh công an gọi điện yêu cầu chuyển tiền. Công an không bao giờ làm vậy.";
    const created = await launchCampaign(app.deps, {
      officerId: officerRow.id,
      title: "Giả danh công an",
      templateKey: "fake-police",
      sourceChatId: "1",
      sourceMessageIds: [1],
      plainText: warning,
      target: { all: false, wardIds: [officerRow.wardId!], provinceCodes: [], tags: [], groups: false, residents: true },
      scheduledAt: null,
      locale: "vi",
    });
    let seen: unknown = null;
    await eventually(async () => {
      const ds = await app.deps.db.campaignDelivery.findMany({ where: { campaignId: created.id }, select: { status: true, reason: true } });
      seen = ds;
      return ds.length === 2 && ds.every((d) => d.status === "SENT");
    }, WAIT_MS, "both deliveries sent").catch(async (err: Error) => {
      const failed = await app.deps.queues.broadcast.getFailed();
      throw new Error(`${err.message}: ${JSON.stringify(seen)}; failed jobs: ${failed.map((j) => `${j.name}: ${j.failedReason}`).join("; ")}`);
    });
    expect(oaTexts(zalo, RESIDENT).slice(oaBefore).filter((t) => t === warning)).toHaveLength(1);
    expect(zalo.botSentTo(BOT_RESIDENT).slice(botBefore).filter((c) => c.body["text"] === warning)).toHaveLength(1);

    // A delivery job run again (a retry, a redelivered job) sends nothing more.
    const ids = await app.deps.db.campaignDelivery.findMany({ where: { campaignId: created.id }, select: { id: true } });
    const again = await Promise.all(ids.map((d) => app.deps.queues.broadcast.add("campaign-deliver", { deliveryId: d.id, gen: 0 }, { jobId: `again-${d.id}` })));
    await waitForJobs(app.deps.queues.broadcast, again.map((j) => j.id!));
    // They ran to the delivery's status and stopped there.
    const results = await Promise.all(again.map(async (j) => (await app.deps.queues.broadcast.getJob(j.id!))?.returnvalue));
    expect(results).toEqual(ids.map(() => ({ skipped: "SENT" })));
    expect(oaTexts(zalo, RESIDENT).filter((t) => t === warning)).toHaveLength(1);
    expect(zalo.botSentTo(BOT_RESIDENT).filter((c) => c.body["text"] === warning)).toHaveLength(1);
  });

  it("never puts a Zalo resident's id or words in Redis or the logs in clear", async () => {
    const logs = app.logs.lines.join("\n");
    expect(logs).not.toContain(RESIDENT);
    expect(logs).not.toContain("Hoàng Hoa Thám");
    expect(logs).not.toContain(zalo.refreshToken);
    const keys = await app.deps.redis.keys(`${app.prefix}:*`);
    for (const k of keys) {
      const type = await app.deps.redis.type(k);
      const dump = type === "hash" ? JSON.stringify(await app.deps.redis.hgetall(k)) : type === "string" ? String(await app.deps.redis.get(k)) : "";
      expect(dump).not.toContain(RESIDENT);
      expect(dump).not.toContain("Thủ Lệ");
    }
  });
});
