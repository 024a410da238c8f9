import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeTelegram, type FakeTelegram } from "./fakes/telegram-api.js";
import { createUpdateFactory, user } from "./fakes/telegram-updates.js";
import { BOT_INFO, eventually, startTestApp, WAIT_MS, type TestApp } from "./support/app.js";
import { officerWithInbox } from "./support/inbox.js";
import { buttons, messageIdOf, telegramSession, textOf, to } from "./support/telegram-session.js";

const BA_DINH = "00004";
const CUA_NAM = "00082";
const INBOX = -1_003_000_000_001;
const OTHER_INBOX = -1_003_000_000_002;
const officer = user(6_300_001, { firstName: "Minh" });
const outsider = user(6_300_002, { firstName: "Nam" });
const CODE = /([3-9A-Z]{4}-[3-9A-Z]{4})/;

/** "Is this a scam?" asked in a private chat, answered from what officers and residents reported. */
describe("scam check", () => {
  let fake: FakeTelegram;
  let app: TestApp;
  let tg: ReturnType<typeof telegramSession>;
  const u = createUpdateFactory({ bot: { id: BOT_INFO.id, username: BOT_INFO.username } });

  const resident = async (id: number) => {
    const r = user(id);
    await tg.send(u.privateCommand(r, "/start", BA_DINH), (c) => to(r.id)(c) && /Đã ghi nhận/.test(textOf(c)));
    return r;
  };
  const cardOf = (code: string) => fake.waitFor((c) => to(INBOX)(c) && textOf(c).includes(code));
  const cardText = (card: Awaited<ReturnType<typeof cardOf>>) => fake.message(INBOX, messageIdOf(card))?.text ?? "";

  beforeAll(async () => {
    fake = await startFakeTelegram({ limits: { perChatPerSecond: 50, perChatBurst: 50, perGroupPerMinute: 1000, globalPerSecond: 200 } });
    app = await startTestApp({ apiRoot: fake.apiRoot });
    tg = telegramSession(fake, app.baseUrl);
    for (const [who, ward, inbox] of [[officer, BA_DINH, INBOX], [outsider, CUA_NAM, OTHER_INBOX]] as const) await officerWithInbox(app, tg, u, { officer: who, wardCode: ward, inbox });
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  let firstCard: Awaited<ReturnType<typeof cardOf>>;
  let secondCard: Awaited<ReturnType<typeof cardOf>>;

  it("answers a bare number at once, records the question anonymously, and shows the number on the ward's card", async () => {
    const r = await resident(7_300_001);
    const answer = await tg.send(u.privateText(r, "0912 345 678 gọi cho tôi bảo là công an, có phải lừa đảo không?"), to(r.id));
    expect(textOf(answer)).toContain("Chưa có thông tin lừa đảo về: 0912345678");
    expect(textOf(answer)).toMatch(/Dấu hiệu lừa đảo/);
    const code = textOf(answer).match(CODE)![1]!;
    firstCard = await cardOf(code);
    expect(textOf(firstCard)).toContain("+84912345678 — chưa xác minh · 1 lần báo");
    expect(textOf(firstCard)).toContain("Người báo: ẩn danh");
    expect(buttons(firstCard).some((b) => b.callback_data?.startsWith("i:list:"))).toBe(true);
    const tip = await app.deps.db.tip.findUniqueOrThrow({ where: { code }, select: { origin: true, category: true, anonymous: true } });
    expect(tip).toEqual({ origin: "check", category: "scam", anonymous: true });
  });

  it("a forwarded message with the same number says how often others reported it, and raises both tips' priority", async () => {
    const r = await resident(7_300_002);
    const forwarded = "Thông báo: ông/bà có liên quan vụ án rửa tiền. Liên hệ cán bộ điều tra 0912.345.678 và chuyển tiền vào tài khoản tạm giữ STK 0123456789 Vietcombank.";
    const answer = await tg.send(u.privateText(r, forwarded, { forward_origin: { type: "hidden_user", sender_user_name: "Cán bộ điều tra", date: 1_700_000_000 } } as never), to(r.id));
    expect(textOf(answer)).toMatch(/0912345678 đã bị 1 người dân báo là đáng ngờ/);
    const code = textOf(answer).match(CODE)![1]!;
    secondCard = await cardOf(code);
    expect(textOf(secondCard)).toContain("báo thêm 1 lần");
    expect(textOf(secondCard)).toContain("0123456789");
    // The first card is refreshed with the new count.
    await eventually(async () => /báo thêm 1 lần/.test(cardText(firstCard)) || null, WAIT_MS, "first card raised");
    const queue = await tg.send(u.groupCommand(INBOX, officer, "/queue"), to(INBOX));
    const lines = textOf(queue).split("\n").slice(1);
    expect(lines.slice(0, 2).every((l) => l.startsWith("⚠️"))).toBe(true);
  });

  it("an officer confirms the number as fraud with its tactic; the next resident who asks is told so", async () => {
    const list = await tg.send(u.callback(officer, buttons(secondCard).find((b) => b.callback_data?.startsWith("i:list:"))!.callback_data!, { chatId: INBOX, messageId: messageIdOf(secondCard) }), to(INBOX));
    const confirm = buttons(list).find((b) => b.text.includes("+84912345678"))!;
    const picker = await tg.send(u.callback(officer, confirm.callback_data!, { chatId: INBOX, messageId: messageIdOf(list) }), (c) => c.method === "editMessageText");
    const police = buttons(picker).find((b) => /Giả danh công an/.test(b.text))!;

    // An officer of another ward cannot decide on this tip's indicators.
    const refused = await tg.send(u.callback(outsider, police.callback_data!, { chatId: INBOX, messageId: messageIdOf(list) }), (c) => c.method === "answerCallbackQuery");
    expect(String(refused.params["text"])).toMatch(/Không tìm thấy/);
    expect((await app.deps.db.indicator.findUniqueOrThrow({ where: { key: "phone:+84912345678" } })).status).toBe("REPORTED");

    const done = await tg.send(u.callback(officer, police.callback_data!, { chatId: INBOX, messageId: messageIdOf(list) }), (c) => c.method === "answerCallbackQuery");
    expect(String(done.params["text"])).toMatch(/Đã xác nhận \+84912345678 là lừa đảo/);
    await eventually(async () => /⛔ lừa đảo \(Giả danh công an/.test(cardText(firstCard)) || null, WAIT_MS, "cards show the decision");

    const r = await resident(7_300_003);
    const forwarded = "Cán bộ Công an quận gọi số +84 912 345 678 yêu cầu bà xác minh tài khoản trước 17h hôm nay, nếu không sẽ bị khởi tố.";
    const answer = await tg.send(u.privateText(r, forwarded, { forward_origin: { type: "user", sender_user: user(5_555_555), date: 1_700_000_000 } } as never), to(r.id));
    expect(textOf(answer)).toContain("LỪA ĐẢO ĐÃ ĐƯỢC CÔNG AN XÁC NHẬN: 0912345678");
    expect(textOf(answer)).toContain("Giả danh công an");
    expect(textOf(answer)).toContain("tài khoản tạm giữ");
    expect(textOf(answer)).toMatch(/113/);
    const events = await app.deps.db.tipEvent.findMany({ where: { type: "indicator-confirmed" }, select: { data: true } });
    expect(events).toEqual([{ data: { key: "phone:+84912345678", tactic: "fake-police" } }]);
  });

  it("flags a look-alike bank site, and /check without a text asks for one", async () => {
    const r = await resident(7_300_004);
    await tg.send(u.privateCommand(r, "/check"), (c) => to(r.id)(c) && /chuyển tiếp/.test(textOf(c)));
    const answer = await tg.send(u.privateText(r, "Vietcombank thong bao tai khoan bi khoa, xac thuc tai https://vietcombank-xacminh.com/login ngay"), to(r.id));
    expect(textOf(answer)).toMatch(/vietcombank-xacminh\.com có tên giống trang của Vietcombank|vietcombank-xacminh\.com có tên giống trang của vietcombank/i);
    expect(textOf(answer)).toMatch(/KHÔNG phải trang chính thức/);
  });

  it("lists the week's most reported indicators in the inbox, most reported first", async () => {
    const top = await tg.send(u.groupCommand(INBOX, officer, "/scams"), to(INBOX));
    const lines = textOf(top).split("\n");
    expect(lines[1]).toMatch(/^• \+84912345678 — 3 lần · ⛔ lừa đảo/);
  });
});
