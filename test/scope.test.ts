import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBindingCode } from "../src/core/officers.js";
import { startFakeTelegram, type Call, type FakeTelegram } from "./fakes/telegram-api.js";
import { createUpdateFactory, user } from "./fakes/telegram-updates.js";
import { BOT_INFO, startTestApp, type TestApp } from "./support/app.js";
import { officerWithInbox } from "./support/inbox.js";
import { buttons, messageIdOf, telegramSession, textOf, to } from "./support/telegram-session.js";

const BA_DINH = "00004";
const CUA_NAM = "00082";
const INBOX = -1_005_000_000_001;
const OTHER_INBOX = -1_005_000_000_002;
const owner = user(6_500_001, { firstName: "Lan" });
const outsider = user(6_500_002, { firstName: "Tuan" });
const tipster = user(7_500_001);

/** Every chat action, tried by a registered officer of another ward: refused, and nothing changes. */
describe("an officer outside a tip's scope", () => {
  let fake: FakeTelegram;
  let app: TestApp;
  let tg: ReturnType<typeof telegramSession>;
  let card: Call;
  let tipId: number;
  let code: string;
  const u = createUpdateFactory({ bot: { id: BOT_INFO.id, username: BOT_INFO.username } });
  const tap = (data: string) => tg.send(u.callback(outsider, data, { chatId: INBOX, messageId: messageIdOf(card) }), (c) => c.method === "answerCallbackQuery");
  const say = (text: string, replyTo?: Call) =>
    tg.send(u.groupText(INBOX, outsider, text, replyTo ? { replyTo: { messageId: messageIdOf(replyTo), fromBot: true, text: textOf(replyTo) } } : {}), to(INBOX));
  const command = (cmd: string, payload?: string, chat = INBOX) => tg.send(u.groupCommand(chat, outsider, cmd, payload), to(chat));
  const refusal = /Không tìm thấy|Chỉ cán bộ|không có quyền/;

  beforeAll(async () => {
    fake = await startFakeTelegram({ limits: { perChatPerSecond: 100, perChatBurst: 100, perGroupPerMinute: 5000, globalPerSecond: 1000 } });
    app = await startTestApp({ apiRoot: fake.apiRoot });
    tg = telegramSession(fake, app.baseUrl);
    for (const [who, ward, inbox] of [[owner, BA_DINH, INBOX], [outsider, CUA_NAM, OTHER_INBOX]] as const) {
      await officerWithInbox(app, tg, u, { officer: who, wardCode: ward, inbox, canBroadcast: true });
    }
    await tg.send(u.privateCommand(tipster, "/start", BA_DINH), (c) => to(tipster.id)(c) && /Đã ghi nhận/.test(textOf(c)));
    const offer = await tg.send(u.privateText(tipster, "Số 0987 654 321 gọi tự xưng công an đòi chuyển tiền, nhà tôi ở ngõ 5 phố Đội Cấn đây"), (c) => to(tipster.id)(c) && buttons(c).some((b) => b.callback_data === "d:send"));
    const sent = await tg.send(u.callback(tipster, "d:send", { chatId: tipster.id, messageId: messageIdOf(offer) }), (c) => to(tipster.id)(c) && /Mã tin báo/.test(textOf(c)));
    code = textOf(sent).match(/([3-9A-Z]{4}-[3-9A-Z]{4})/)![1]!;
    card = await fake.waitFor((c) => to(INBOX)(c) && textOf(c).includes(code));
    tipId = (await app.deps.db.tip.findUniqueOrThrow({ where: { code } })).id;
  }, 120_000);

  afterAll(async () => {
    // After every refusal: the tip is as it was, and the tipster heard nothing from the outsider.
    const tip = await app.deps.db.tip.findUniqueOrThrow({ where: { id: tipId }, include: { ward: true, messages: true } });
    expect(tip).toMatchObject({ status: "NEW", valuable: null, claimedById: null, ward: { code: BA_DINH } });
    expect(tip.messages.map((m) => m.author)).toEqual(["TIPSTER"]);
    expect((await app.deps.db.indicator.findUniqueOrThrow({ where: { key: "phone:+84987654321" } })).status).toBe("REPORTED");
    expect(fake.sentTo(tipster.id).map(textOf).join("\n")).not.toMatch(/cán bộ phường hỏi|officer asks/i);
    await app?.stop();
    await fake?.close();
  });

  for (const [action, data] of [["claim", "t:claim"], ["valuable", "t:v1"], ["not valuable", "t:v0"], ["resolve", "t:res"], ["list indicators", "i:list"]] as const) {
    it(`cannot ${action} it`, async () => expect(String((await tap(`${data}:${tipId}`)).params["text"])).toMatch(refusal));
  }
  it("cannot confirm or clear its indicators", async () => {
    const indicator = await app.deps.db.indicator.findUniqueOrThrow({ where: { key: "phone:+84987654321" } });
    expect(String((await tap(`i:t:${tipId}:${indicator.id}:0`)).params["text"])).toMatch(refusal);
    expect(String((await tap(`i:x:${tipId}:${indicator.id}`)).params["text"])).toMatch(refusal);
  });
  it("cannot ask the tipster, by replying to the card", async () => expect(textOf(await say("Anh ở đâu?", card))).toMatch(refusal));
  it("cannot transfer it, by replying to a transfer prompt or picking a ward", async () => {
    const prompt = await tg.send(u.callback(owner, `t:tr:${tipId}`, { chatId: INBOX, messageId: messageIdOf(card) }), (c) => to(INBOX)(c) && textOf(c).startsWith("↪"));
    expect(textOf(await say("Cửa Nam - thuộc Cửa Nam", prompt))).toMatch(refusal);
    expect(String((await tap(`tt:${tipId}:${CUA_NAM}`)).params["text"])).toMatch(refusal);
  });
  for (const cmd of ["/queue", "/stats", "/scams"]) {
    it(`cannot read the inbox with ${cmd}`, async () => {
      const answer = textOf(await command(cmd));
      expect(answer).toMatch(refusal);
      expect(answer).not.toContain(code);
    });
  }
  it("cannot bind a group as the ward's inbox", async () => {
    const { code: bind } = await createBindingCode(app.deps.db, BA_DINH);
    expect(textOf(await command("/bind", bind, -1_005_000_000_009))).toMatch(/Chỉ cán bộ|không/);
    expect((await app.deps.db.ward.findUniqueOrThrow({ where: { code: BA_DINH }, include: { inboxGroup: true } })).inboxGroup?.chatId).toBe(String(INBOX));
  });
  it("cannot attach a neighbourhood group to the ward", async () => {
    const group = -1_005_000_000_010;
    const answer = textOf(await command("/attach", BA_DINH, group));
    expect(answer).not.toMatch(/Phường Ba Đình.*(gắn|attached)/i);
    expect(await app.deps.db.chatGroup.findFirst({ where: { chatId: String(group), wardId: { not: null } } })).toBeNull();
  });
});
