import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeTelegram, type FakeTelegram } from "./fakes/telegram-api.js";
import { createUpdateFactory, user } from "./fakes/telegram-updates.js";
import { BOT_INFO, eventually, startTestApp, WAIT_MS, type TestApp } from "./support/app.js";
import { settled } from "./support/settle.js";
import { officerWithInbox } from "./support/inbox.js";
import { buttons, messageIdOf, telegramSession, textOf, to } from "./support/telegram-session.js";

const BA_DINH = "00004";
const CUA_NAM = "00082";
const INBOX_A = -1_002_000_000_001;
const INBOX_B = -1_002_000_000_002;
const officerA = user(6_100_001, { firstName: "Lan" });
const officerB = user(6_100_002, { firstName: "Tuan" });

describe("tip hotline: transfers, ward choice, shortcuts, languages, floods", () => {
  let fake: FakeTelegram;
  let app: TestApp;
  let tg: ReturnType<typeof telegramSession>;
  const u = createUpdateFactory({ bot: { id: BOT_INFO.id, username: BOT_INFO.username } });

  /** A resident with a ward already chosen sends a tip with the one-tap shortcut; returns its code. */
  const quickTip = async (resident: ReturnType<typeof user>, text: string): Promise<string> => {
    const offer = await tg.send(u.privateText(resident, text), (c) => to(resident.id)(c) && buttons(c).some((b) => b.callback_data === "d:send"));
    const sent = await tg.send(u.callback(resident, "d:send", { chatId: resident.id, messageId: messageIdOf(offer) }), (c) => to(resident.id)(c) && /([3-9A-Z]{4}-[3-9A-Z]{4})/.test(textOf(c)));
    return textOf(sent).match(/([3-9A-Z]{4}-[3-9A-Z]{4})/)![1]!;
  };

  beforeAll(async () => {
    fake = await startFakeTelegram({ limits: { perChatPerSecond: 50, perChatBurst: 50, perGroupPerMinute: 1000, globalPerSecond: 200 } });
    app = await startTestApp({ apiRoot: fake.apiRoot, env: { RESIDENT_MESSAGES_PER_MINUTE: "60", RESIDENT_TIPS_PER_HOUR: "3" } });
    tg = telegramSession(fake, app.baseUrl);
    await officerWithInbox(app, tg, u, { officer: officerA, wardCode: BA_DINH, inbox: INBOX_A, name: "Cán bộ Lan" });
    await officerWithInbox(app, tg, u, { officer: officerB, wardCode: CUA_NAM, inbox: INBOX_B, name: "Cán bộ Tuấn" });
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  it("a poster's deep link preselects the ward, and the one-tap shortcut sends a tip there", async () => {
    const r = user(7_100_001, { languageCode: "vi" });
    const set = await tg.send(u.privateCommand(r, "/start", BA_DINH), (c) => to(r.id)(c) && /Đã ghi nhận/.test(textOf(c)));
    expect(textOf(set)).toContain("Phường Ba Đình");
    const code = await quickTip(r, "Có nhóm thanh niên tụ tập đua xe trên phố Điện Biên Phủ mỗi tối");
    const card = await fake.waitFor((c) => to(INBOX_A)(c) && textOf(c).includes(code));
    expect(textOf(card)).toContain("đua xe");
    const mine = await tg.send(u.privateCommand(r, "/mytips"), to(r.id));
    expect(textOf(mine)).toContain(code);
  });

  it("a former name that several places had asks which one, with district and province", async () => {
    const r = user(7_100_002);
    await tg.send(u.privateCommand(r, "/ward"), to(r.id));
    const offer = await tg.send(u.privateText(r, "phuong 12"), (c) => to(r.id)(c) && buttons(c).length > 1);
    // Eleven places had one, more than a list shows: first the province, then the former district.
    expect(buttons(offer).map((b) => b.text)).toEqual(expect.arrayContaining(["Thành phố Hồ Chí Minh (10)", "Lâm Đồng (1)"]));
    const districts = await tg.send(u.callback(r, "wp:79", { chatId: r.id, messageId: messageIdOf(offer) }), (c) => to(r.id)(c) && buttons(c).length > 1);
    expect(buttons(districts).map((b) => b.text)).toEqual(expect.arrayContaining(["Quận Gò Vấp (1)", "Quận Tân Bình (1)", "Thành phố Vũng Tàu, Tỉnh Bà Rịa - Vũng Tàu (1)"]));
    const goVap = await tg.send(u.privateText(r, "phuong 12 go vap"), (c) => to(r.id)(c) && buttons(c).length > 0);
    expect(buttons(goVap)[0]!.text).toContain("Phường An Hội Tây");
    expect(buttons(goVap)[0]!.text).toContain("Gò Vấp");
  });

  it("transfers a tip to another ward, leaving a read-only card behind", async () => {
    const r = user(7_100_003);
    await tg.send(u.privateCommand(r, "/start", BA_DINH), (c) => to(r.id)(c) && /Đã ghi nhận/.test(textOf(c)));
    const code = await quickTip(r, "Người lạ đi hỏi từng nhà mua vàng, nói giọng lạ, đi xe không biển");
    const card = await fake.waitFor((c) => to(INBOX_A)(c) && textOf(c).includes(code));
    const tipId = Number(buttons(card).find((b) => b.callback_data?.startsWith("t:tr:"))!.callback_data!.split(":")[2]);
    const prompt = await tg.send(u.callback(officerA, `t:tr:${tipId}`, { chatId: INBOX_A, messageId: messageIdOf(card) }), (c) => to(INBOX_A)(c) && textOf(c).startsWith("↪"));
    await tg.send(
      u.groupText(INBOX_A, officerA, "Cửa Nam - nhà dân ở phố Hàng Bông thuộc Cửa Nam", { replyTo: { messageId: messageIdOf(prompt), fromBot: true, text: textOf(prompt) } }),
      (c) => to(INBOX_A)(c) && /Đã chuyển/.test(textOf(c)),
    );
    const newCard = await fake.waitFor((c) => to(INBOX_B)(c) && textOf(c).includes(code));
    expect(textOf(newCard)).toContain("Phường Cửa Nam");
    await eventually(async () => /đã chuyển sang Phường Cửa Nam/.test(fake.message(INBOX_A, messageIdOf(card))?.text ?? ""), WAIT_MS, "old card read-only");
    expect(buttons({ ...card, params: { reply_markup: fake.message(INBOX_A, messageIdOf(card))?.reply_markup } } as never)).toHaveLength(0);
    // The first ward can no longer act on it; the new ward can.
    const denied = await tg.send(u.callback(officerA, `t:claim:${tipId}`, { chatId: INBOX_A, messageId: messageIdOf(card) }), (c) => c.method === "answerCallbackQuery");
    expect(String(denied.params["text"])).toMatch(/Không tìm thấy/);
    const ok = await tg.send(u.callback(officerB, `t:claim:${tipId}`, { chatId: INBOX_B, messageId: messageIdOf(newCard) }), (c) => c.method === "answerCallbackQuery");
    expect(String(ok.params["text"])).toContain(code);
    const events = await app.deps.db.tipEvent.findMany({ where: { tipId }, orderBy: { id: "asc" }, select: { type: true, data: true } });
    expect(events.map((e) => e.type)).toEqual(["created", "routed", "transferred", "routed", "claimed"]);
    expect(events[2]!.data).toMatchObject({ toWardCode: CUA_NAM, reason: "nhà dân ở phố Hàng Bông thuộc Cửa Nam" });
  });

  it("a tip sent while its ward has no inbox waits, and reaches the inbox once one is bound", async () => {
    const ward = await app.deps.db.ward.findFirstOrThrow({ where: { provinceCode: "01", inboxGroupId: null, code: { notIn: [BA_DINH, CUA_NAM] } }, select: { code: true, name: true } });
    const r = user(7_100_009);
    await tg.send(u.privateCommand(r, "/start", ward.code), (c) => to(r.id)(c) && /Đã ghi nhận/.test(textOf(c)));
    const code = await quickTip(r, "Có người lạ bán thuốc không rõ nguồn gốc trước cổng chợ");
    const tip = await app.deps.db.tip.findUniqueOrThrow({ where: { code }, select: { id: true } });
    await eventually(async () => (await app.deps.db.tipEvent.count({ where: { tipId: tip.id, type: "unrouted" } })) > 0 || null, WAIT_MS, "recorded as waiting");

    const inbox = -1_002_000_000_003;
    const officer = user(6_100_003, { firstName: "Hoa" });
    await officerWithInbox(app, tg, u, { officer, wardCode: ward.code, inbox, name: "Cán bộ Hoa" });
    const card = await fake.waitFor((c) => to(inbox)(c) && textOf(c).includes(code));
    expect(textOf(card)).toContain(ward.name);
  });

  it("lists the inbox queue and this month's figures", async () => {
    const queue = await tg.send(u.groupCommand(INBOX_A, officerA, "/queue"), to(INBOX_A));
    expect(textOf(queue)).toMatch(/Tin báo đang mở của Phường Ba Đình \(1\)/);
    const stats = await tg.send(u.groupCommand(INBOX_A, officerA, "/stats"), to(INBOX_A));
    expect(textOf(stats)).toMatch(/Tin báo nhận: 1/);
    const strangers = await tg.send(u.groupCommand(INBOX_A, user(6_199_999), "/queue"), to(INBOX_A));
    expect(textOf(strangers)).toMatch(/Chỉ cán bộ/);
  });

  it("speaks English to English users, and /language switches", async () => {
    const r = user(7_100_004, { languageCode: "en-GB" });
    const hello = await tg.send(u.privateCommand(r, "/start"), to(r.id));
    expect(textOf(hello)).toMatch(/anonymous/);
    expect(textOf(hello)).toContain("113");
    const pick = await tg.send(u.privateCommand(r, "/language"), to(r.id));
    await tg.send(u.callback(r, "lang:vi", { chatId: r.id, messageId: messageIdOf(pick) }), (c) => to(r.id)(c) && /tiếng Việt/.test(textOf(c)));
    const help = await tg.send(u.privateCommand(r, "/help"), to(r.id));
    expect(textOf(help)).toMatch(/Cách dùng/);
  });

  it("posts the card exactly once when Telegram answers 429 and 500 first", async () => {
    const r = user(7_100_005);
    await tg.send(u.privateCommand(r, "/start", CUA_NAM), (c) => to(r.id)(c) && /Đã ghi nhận/.test(textOf(c)));
    const offer = await tg.send(u.privateText(r, "Tài khoản Zalo giả danh công an gọi video yêu cầu chuyển tiền"), (c) => to(r.id)(c) && buttons(c).some((b) => b.callback_data === "d:send"));
    const sent = await tg.send(u.callback(r, "d:send", { chatId: r.id, messageId: messageIdOf(offer) }), (c) => to(r.id)(c) && /Mã tin báo/.test(textOf(c)));
    const code = textOf(sent).match(/([3-9A-Z]{4}-[3-9A-Z]{4})/)![1]!;
    // The next two sends (the card) fail: a 429 with retry_after, then a 500.
    fake.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 1", retry_after: 1 }, 1);
    fake.failNext("sendMessage", { error_code: 500, description: "Internal Server Error" }, 1);
    await eventually(async () => fake.sentTo(INBOX_B).filter((c) => textOf(c).includes(code)).length === 1 || null, WAIT_MS, "card after retries");
    await settled(app.deps, fake); // every retry has run: a second card would be here by now
    expect(fake.sentTo(INBOX_B).filter((c) => textOf(c).includes(code))).toHaveLength(1);
  });

  it("slows a flooding resident without losing messages or delaying others", async () => {
    const flooder = user(7_100_006);
    const other = user(7_100_007);
    const n = 60; // burst is 30 at 60/minute: the last 30 wait about a second each, half a minute in all
    const texts = Array.from({ length: n }, (_, i) => `tin nhắn số ${i + 1} của người gửi dồn dập`);
    await Promise.all(texts.map((t) => tg.post(u.privateText(flooder, t))));
    const notice = await fake.waitFor((c) => to(flooder.id)(c) && /nhắn rất nhanh/.test(textOf(c)));
    expect(notice).toBeDefined();
    const help = await tg.send(u.privateCommand(other, "/help"), (c) => to(other.id)(c) && /Cách dùng/.test(textOf(c)));
    // Every message is eventually handled (each gets the "send as a tip?" offer), none twice.
    const offers = () => fake.sentTo(flooder.id).filter((c) => buttons(c).some((b) => b.callback_data === "d:send"));
    await eventually(async () => offers().length >= n || null, 30_000 + WAIT_MS, "all flood messages handled");
    // Nobody else waited behind the flood: the other resident had the answer before the flooder's backlog was through.
    expect(help.at).toBeLessThan(Math.max(...offers().map((c) => c.at)));
    expect(fake.sentTo(flooder.id).filter((c) => /nhắn rất nhanh/.test(textOf(c)))).toHaveLength(1);
    const handled = await app.deps.db.inboundUpdate.count({ where: { processedAt: { not: null } } });
    expect(handled).toBeGreaterThanOrEqual(n);
  }, 240_000);

  it("holds a resident to the hourly tip limit and keeps the extra tip to send later", async () => {
    const r = user(7_100_008);
    await tg.send(u.privateCommand(r, "/start", BA_DINH), (c) => to(r.id)(c) && /Đã ghi nhận/.test(textOf(c)));
    for (let i = 0; i < 3; i++) await quickTip(r, `Tin báo thứ ${i + 1} về trộm chó ở ngõ ${i + 3}`);
    const offer = await tg.send(u.privateText(r, "Tin báo thứ tư về trộm chó"), (c) => to(r.id)(c) && buttons(c).some((b) => b.callback_data === "d:send"));
    const held = await tg.send(u.callback(r, "d:send", { chatId: r.id, messageId: messageIdOf(offer) }), to(r.id));
    expect(textOf(held)).toMatch(/tối đa 3 tin mỗi giờ/);
    expect(buttons(held).some((b) => b.callback_data === "f:send")).toBe(true);
    const resident = await app.deps.db.tip.groupBy({ by: ["residentId"], _count: true, orderBy: { residentId: "asc" } });
    expect(Math.max(...resident.map((x) => x._count))).toBe(3);
  });
});
