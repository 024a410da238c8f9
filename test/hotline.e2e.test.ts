import { execFileSync } from "node:child_process";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeTelegram, type FakeTelegram } from "./fakes/telegram-api.js";
import { createUpdateFactory, user } from "./fakes/telegram-updates.js";
import { BOT_INFO, dumpRedis, eventually, PG_URL, startTestApp, WAIT_MS, type TestApp } from "./support/app.js";
import { settled } from "./support/settle.js";
import { officerWithInbox } from "./support/inbox.js";
import { buttons, messageIdOf, telegramSession, textOf, to } from "./support/telegram-session.js";

// A tipster whose identity must never reach the officers' chat, the logs, or the database in clear.
const TIPSTER_ID = 7_359_182_046;
const tipster = user(TIPSTER_ID, { firstName: "Hoa", lastName: "Nguyen", username: "hoa_tipster_x", languageCode: "vi" });
const officer = user(5_001_002, { firstName: "Minh", username: "officer_minh" });
const outsider = user(5_009_999, { firstName: "Stranger" });
const INBOX = -1_001_234_567_890;
const WARD = "00004"; // Phường Ba Đình, Hà Nội

describe("tip hotline on Telegram, end to end", () => {
  let fake: FakeTelegram;
  let app: TestApp;
  let tg: ReturnType<typeof telegramSession>;
  const u = createUpdateFactory({ bot: { id: BOT_INFO.id, username: BOT_INFO.username } });
  let code = "";
  let tipId = 0;
  let cardMessageId = 0;

  beforeAll(async () => {
    fake = await startFakeTelegram({ limits: { perChatPerSecond: 30, perChatBurst: 30, perGroupPerMinute: 600, globalPerSecond: 100 } });
    app = await startTestApp({ apiRoot: fake.apiRoot, env: { RESIDENT_MESSAGES_PER_MINUTE: "120" } });
    tg = telegramSession(fake, app.baseUrl);
    const { confirmation: bound } = await officerWithInbox(app, tg, u, { officer, wardCode: WARD, inbox: INBOX, name: "Cán bộ Minh" });
    expect(textOf(bound)).toContain("Phường Ba Đình");
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  it("greets in Vietnamese and mentions anonymity and 113", async () => {
    const c = await tg.send(u.privateCommand(tipster, "/start"), to(TIPSTER_ID));
    expect(textOf(c)).toMatch(/ẩn danh/);
    expect(textOf(c)).toContain("113");
  });

  it("takes a report: diacritic-free ward search, category, text, location, photo, anonymity, code", async () => {
    await tg.send(u.privateCommand(tipster, "/report"), (c) => to(TIPSTER_ID)(c) && /không dấu/i.test(textOf(c)));
    const offered = await tg.send(u.privateText(tipster, "ba dinh"), (c) => to(TIPSTER_ID)(c) && buttons(c).some((b) => b.callback_data?.startsWith("w:")));
    const choice = buttons(offered).find((b) => b.callback_data === `w:${WARD}`);
    expect(choice?.text).toContain("Ba Đình");
    const msg = { chatId: TIPSTER_ID, messageId: messageIdOf(offered) };
    await tg.send(u.callback(tipster, `w:${WARD}`, msg), (c) => to(TIPSTER_ID)(c) && buttons(c).some((b) => b.callback_data === "f:cat:drugs"));
    await tg.send(u.callback(tipster, "f:cat:drugs", msg), (c) => to(TIPSTER_ID)(c) && /mô tả/i.test(textOf(c)));
    await tg.send(u.privateText(tipster, "Có người bán ma túy ở quán nước đầu ngõ 12, xe máy biển 29X1-123.45"), (c) => to(TIPSTER_ID)(c) && /ở đâu/i.test(textOf(c)));
    await tg.send(u.location(tipster, 21.0341, 105.8372), (c) => to(TIPSTER_ID)(c) && /khi nào/i.test(textOf(c)));
    await tg.send(u.callback(tipster, "f:when:now", msg), (c) => to(TIPSTER_ID)(c) && /ảnh/i.test(textOf(c)));

    // A photo straight from a phone camera, with GPS and device data in its EXIF.
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#804020" } })
      .jpeg()
      .withExif({ IFD0: { Make: "CheapPhone", Model: "X1" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "21/1 2/1 3/1" } })
      .toBuffer();
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    const file = fake.addFile(jpeg, { mime: "image/jpeg" });
    await tg.send(u.photo(tipster, file.file_id), (c) => to(TIPSTER_ID)(c) && /1 tệp/.test(textOf(c)));
    await tg.send(u.callback(tipster, "f:media-done", msg), (c) => to(TIPSTER_ID)(c) && /ẩn danh/i.test(textOf(c)));
    await tg.send(u.callback(tipster, "f:anon:1", msg), (c) => to(TIPSTER_ID)(c) && buttons(c).some((b) => b.callback_data === "f:send"));
    const sendUpdate = u.callback(tipster, "f:send", msg);
    const sent = await tg.send(sendUpdate, (c) => to(TIPSTER_ID)(c) && /Mã tin báo/.test(textOf(c)));
    code = textOf(sent).match(/([3-9A-Z]{4}-[3-9A-Z]{4})/)![1]!;
    expect(textOf(sent)).toContain("Phường Ba Đình");

    // Delivered again (Telegram retries, a proxy replays): still one tip.
    await tg.post(sendUpdate);
    await eventually(async () => (await app.deps.db.inboundUpdate.findFirst({ where: { externalId: String(sendUpdate.update_id), processedAt: { not: null } } })) !== null);
    expect(await app.deps.db.tip.count()).toBe(1);
    tipId = (await app.deps.db.tip.findUniqueOrThrow({ where: { code }, select: { id: true } })).id;
  });

  it("puts the card in the ward's inbox, with a cleaned photo and the shared location", async () => {
    const card = await fake.waitFor((c) => to(INBOX)(c) && textOf(c).includes(code));
    cardMessageId = messageIdOf(card);
    expect(textOf(card)).toContain("Ma túy");
    expect(textOf(card)).toContain("quán nước đầu ngõ 12");
    expect(textOf(card)).toContain("ẩn danh");
    expect(buttons(card).map((b) => b.callback_data)).toEqual(expect.arrayContaining([`t:claim:${tipId}`, `t:ask:${tipId}`, `t:v1:${tipId}`, `t:res:${tipId}`, `t:tr:${tipId}`]));
    await fake.waitFor(to(INBOX, "sendLocation"));
    const photo = await fake.waitFor(to(INBOX, "sendPhoto"));
    const upload = fake.uploads.find((x) => x.field === "photo" || x.contentType?.startsWith("image/"));
    expect(upload, `uploads: ${JSON.stringify(fake.uploads.map((x) => ({ ...x, bytes: undefined })))}`).toBeDefined();
    const meta = await sharp(upload!.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(photo.params["caption"]).toContain(code);
  });

  it("lets only the ward's officers act, and updates the card in place", async () => {
    const denied = await tg.send(u.callback(outsider, `t:claim:${tipId}`, { chatId: INBOX, messageId: cardMessageId }), (c) => c.method === "answerCallbackQuery");
    expect(String(denied.params["text"])).toMatch(/cán bộ đã đăng ký/);
    await tg.send(u.callback(officer, `t:claim:${tipId}`, { chatId: INBOX, messageId: cardMessageId }), (c) => c.method === "answerCallbackQuery");
    await eventually(async () => (fake.message(INBOX, cardMessageId)?.text ?? "").includes("Cán bộ Minh đang xử lý"), WAIT_MS, "card edited");
    const status = await tg.send(u.privateCommand(tipster, "/status", code), to(TIPSTER_ID));
    expect(textOf(status)).toContain("cán bộ đang xử lý");
  });

  it("relays an officer's question and the tipster's answer, anonymously both ways", async () => {
    const question = "Anh/chị thấy người bán vào khoảng mấy giờ?";
    const relayed = await tg.send(
      u.groupText(INBOX, officer, question, { replyTo: { messageId: cardMessageId, fromBot: true, text: fake.message(INBOX, cardMessageId)?.text ?? code } }),
      (c) => to(TIPSTER_ID)(c) && textOf(c).includes(question),
    );
    expect(textOf(relayed)).toContain("Cán bộ phường, xã hỏi");
    expect(textOf(relayed)).not.toContain("Minh");
    await tg.send(u.callback(tipster, `r:ans:${code}`, { chatId: TIPSTER_ID, messageId: messageIdOf(relayed) }), (c) => to(TIPSTER_ID)(c) && /câu trả lời/.test(textOf(c)));
    const answer = "Khoảng 9 giờ tối, hầu như ngày nào cũng thấy";
    const posted = await tg.send(u.privateText(tipster, answer), (c) => to(INBOX)(c) && textOf(c).includes(answer));
    expect(textOf(posted)).toContain(code);
    const thread = await app.deps.db.tipMessage.findMany({ where: { tipId }, orderBy: { id: "asc" }, select: { author: true, text: true } });
    expect(thread.map((m) => m.author)).toEqual(["TIPSTER", "OFFICER", "TIPSTER"]);
  });

  it("records valuable and resolved, visible to the tipster and in the audit trail", async () => {
    await tg.send(u.callback(officer, `t:v1:${tipId}`, { chatId: INBOX, messageId: cardMessageId }), (c) => c.method === "answerCallbackQuery");
    await tg.send(u.callback(officer, `t:res:${tipId}`, { chatId: INBOX, messageId: cardMessageId }), (c) => c.method === "answerCallbackQuery");
    await eventually(async () => /Đã xử lý xong/.test(fake.message(INBOX, cardMessageId)?.text ?? ""), WAIT_MS, "card shows resolved");
    const status = await tg.send(u.privateCommand(tipster, "/status", code), to(TIPSTER_ID));
    expect(textOf(status)).toContain("đã xử lý xong");
    expect(textOf(status)).toContain("có giá trị");
    const events = await app.deps.db.tipEvent.findMany({ where: { tipId }, orderBy: { id: "asc" }, select: { type: true } });
    expect(events.map((e) => e.type)).toEqual(["created", "routed", "claimed", "asked", "assessed", "resolved"]);
  });

  it("never shows the tipster's account in the officers' chat", () => {
    const inboxCalls = JSON.stringify(fake.calls.filter((c) => String(c.params["chat_id"]) === String(INBOX)).map((c) => c.params));
    expect(inboxCalls).not.toContain(String(TIPSTER_ID));
    expect(inboxCalls).not.toContain("hoa_tipster_x");
    expect(inboxCalls).not.toMatch(/\bHoa\b/);
  });

  it("handles updates it has no use for without crashing or confusing the resident", async () => {
    const before = fake.sentTo(TIPSTER_ID).length;
    const odd = [
      u.poll(tipster, "Bình chọn?"),
      u.channelPost(-1_009_876_543_210, "tin kênh"),
      u.editedMessage(tipster, 3, "sửa tin nhắn"),
      u.messageReaction(tipster, TIPSTER_ID, 3, "👍"),
      u.migrateToSupergroup(-4_001, -1_004_001),
    ];
    for (const update of odd) await tg.post(update);
    // A sticker in the middle of a report gets a hint, not an error.
    await tg.send(u.privateCommand(tipster, "/report"), (c) => to(TIPSTER_ID)(c) && buttons(c).some((b) => b.callback_data === "f:cat:scam"));
    const hint = await tg.send(u.sticker(tipster), to(TIPSTER_ID));
    expect(textOf(hint)).toMatch(/hướng dẫn|\/cancel/);
    await tg.send(u.privateCommand(tipster, "/cancel"), to(TIPSTER_ID));
    await settled(app.deps, fake); // every update handled and every answer recorded
    const failed = await app.deps.queues.inbound.getJobCounts("failed");
    expect(failed.failed).toBe(0);
    const sentToTipster = fake.sentTo(TIPSTER_ID).slice(before).map(textOf);
    expect(sentToTipster.join("\n")).not.toMatch(/error|lỗi/i);
  });

  it("keeps no tipster Telegram id, username or name in clear in the database", () => {
    const dump = execFileSync("pg_dump", ["--data-only", "--schema", app.schema, PG_URL], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    expect(dump.length).toBeGreaterThan(1000);
    expect(dump).not.toContain(String(TIPSTER_ID));
    expect(dump).not.toContain("hoa_tipster_x");
    expect(dump).toContain(code);
  });

  it("keeps no tipster id, username, name or tip text in clear anywhere in Redis", async () => {
    const everything = (await dumpRedis(app.prefix)).map((e) => `${e.key}\n${e.value}`).join("\n");
    expect(everything.length).toBeGreaterThan(100); // the events stream and metrics at least
    for (const leak of [String(TIPSTER_ID), "hoa_tipster_x", "Nguyen", "quán nước đầu ngõ 12"]) expect(everything, leak).not.toContain(leak);
  });

  it("never logs the tip's text or the tipster's id", () => {
    const logs = app.logs.lines.join("\n");
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain("quán nước đầu ngõ 12");
    expect(logs).not.toContain(String(TIPSTER_ID));
  });
});
