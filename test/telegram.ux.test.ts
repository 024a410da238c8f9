import type { Message, Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeTelegram, type Call, type FakeTelegram } from "./fakes/telegram-api.js";
import { createUpdateFactory, user } from "./fakes/telegram-updates.js";
import { BOT_INFO, eventually, startTestApp, type TestApp } from "./support/app.js";
import { officerWithInbox } from "./support/inbox.js";
import { buttons, messageIdOf, telegramSession, textOf, to } from "./support/telegram-session.js";
import { seedTelegramTip } from "./support/web.js";

const WARD = "00004"; // Phường Ba Đình, Hà Nội
const INBOX = -1_007_300_000_001;
const tipster = user(7_730_001, { firstName: "Hoa" });
const officerNamed = user(6_730_001, { firstName: "Minh", username: "officer_minh_ux" });
const officerPlain = user(6_730_002, { firstName: "Lan" });

type Markup = { inline_keyboard?: unknown[][]; keyboard?: Array<Array<{ request_location?: boolean }>>; force_reply?: boolean; selective?: boolean };
const markupOf = (c: Call) => (c.params["reply_markup"] ?? {}) as Markup;
const entitiesOf = (c: Call) => ((c.response as { result?: Message }).result?.entities ?? []) as Array<{ type: string; user?: { id: number } }>;

/** A group message of `from` replying to the bot's message, with something other than text in it. */
function nonTextReply(u: ReturnType<typeof createUpdateFactory>, from: typeof officerPlain, replyTo: { messageId: number; text: string }, content: Record<string, unknown>): Update {
  const update = u.groupText(INBOX, from, "x", { replyTo: { ...replyTo, fromBot: true } });
  const m = update.message as unknown as Record<string, unknown>;
  delete m["text"];
  delete m["entities"];
  Object.assign(m, content);
  return update;
}

describe("Telegram: buttons that stay, prompts that match, officers' replies", () => {
  let fake: FakeTelegram;
  let app: TestApp;
  let tg: ReturnType<typeof telegramSession>;
  const u = createUpdateFactory({ bot: { id: BOT_INFO.id, username: BOT_INFO.username } });
  const tipsOfTipster = async () => app.deps.db.tip.count({ where: { text: { startsWith: "UX:" } } });

  /** From /report to the summary; returns the summary as the Bot API stored it, and the "where" prompt. */
  async function reportUpTo(text: string): Promise<{ summary: Message; where: Call }> {
    const cat = await tg.send(u.privateCommand(tipster, "/report"), (c) => to(tipster.id)(c) && buttons(c).some((b) => b.callback_data === "f:cat:theft"));
    const ref = { chatId: tipster.id, messageId: messageIdOf(cat) };
    await tg.send(u.callback(tipster, "f:cat:theft", ref), (c) => to(tipster.id)(c) && /mô tả/i.test(textOf(c)));
    const where = await tg.send(u.privateText(tipster, text), (c) => to(tipster.id)(c) && /ở đâu/i.test(textOf(c)));
    await tg.send(u.location(tipster, 21.0341, 105.8372), (c) => to(tipster.id)(c) && /khi nào/i.test(textOf(c)));
    await tg.send(u.callback(tipster, "f:when:now", ref), (c) => to(tipster.id)(c) && /ảnh/i.test(textOf(c)));
    await tg.send(u.callback(tipster, "f:media-done", ref), (c) => to(tipster.id)(c) && /ẩn danh/i.test(textOf(c)));
    const summary = await tg.send(u.callback(tipster, "f:anon:1", ref), (c) => to(tipster.id)(c) && buttons(c).some((b) => b.callback_data === "f:send"));
    return { summary: fake.message(tipster.id, messageIdOf(summary))!, where };
  }

  beforeAll(async () => {
    fake = await startFakeTelegram({ limits: { perChatPerSecond: 100, perChatBurst: 100, perGroupPerMinute: 5000, globalPerSecond: 1000 } });
    app = await startTestApp({ apiRoot: fake.apiRoot, env: { RESIDENT_MESSAGES_PER_MINUTE: "200" } });
    tg = telegramSession(fake, app.baseUrl);
    await officerWithInbox(app, tg, u, { officer: officerNamed, wardCode: WARD, inbox: INBOX, name: "Cán bộ Minh" });
    const ward = await app.deps.db.ward.findUniqueOrThrow({ where: { code: WARD }, select: { id: true, provinceCode: true } });
    await app.deps.db.officer.create({ data: { telegramUserId: BigInt(officerPlain.id), displayName: "Cán bộ Lan", wardId: ward.id, provinceCode: ward.provinceCode } });
    await tg.send(u.privateCommand(tipster, "/start", WARD), (c) => to(tipster.id)(c) && /Đã ghi nhận/.test(textOf(c)));
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  it("asks where it happened without pointing at a location button that is not there", async () => {
    const { where, summary } = await reportUpTo("UX: trộm xe đạp trước cổng trường");
    const text = textOf(where);
    const hasLocationButton = (markupOf(where).keyboard ?? []).flat().some((b) => b.request_location);
    expect(hasLocationButton).toBe(false);
    // Offering a location must say how to send one: a button on the keyboard, or the 📎 menu.
    expect(/vị trí/.test(text) ? text.includes("📎") : true).toBe(true);
    // A location sent at that step is kept.
    expect(summary.text).toContain("Có gửi vị trí");
    await tg.send(u.callback(tipster, "f:cancel", { chatId: tipster.id, messageId: summary.message_id }), (c) => to(tipster.id)(c) && /hủy/i.test(textOf(c)));
  });

  it("takes the buttons off the summary once sent, and answers a second tap without a second tip", async () => {
    const { summary } = await reportUpTo("UX: trộm điện thoại ở chợ Ngọc Hà");
    expect(summary.reply_markup).toBeDefined();
    const before = await tipsOfTipster();
    const sent = await tg.send(u.callback(tipster, "f:send", summary), (c) => to(tipster.id)(c) && /Mã tin báo/.test(textOf(c)));
    const code = /([3-9A-Z]{4}-[3-9A-Z]{4})/.exec(textOf(sent))![1]!;
    await eventually(async () => fake.message(tipster.id, summary.message_id)?.reply_markup === undefined, 15_000, "summary without buttons");
    expect(await tipsOfTipster()).toBe(before + 1);

    // A tap that left before the buttons went (or from a client that kept them).
    const again = await tg.send(u.callback(tipster, "f:send", summary), (c) => c.method === "answerCallbackQuery");
    expect(String(again.params["text"])).toBe(`Tin báo đã được gửi (mã ${code}).`);
    expect(await tipsOfTipster()).toBe(before + 1);
  });

  it("does not claim a cancelled report was sent", async () => {
    const { summary } = await reportUpTo("UX: người lạ hỏi mua chó");
    await tg.send(u.privateCommand(tipster, "/cancel"), (c) => to(tipster.id)(c) && /hủy/i.test(textOf(c)));
    const before = await tipsOfTipster();
    const tap = await tg.send(u.callback(tipster, "f:send", summary), (c) => c.method === "answerCallbackQuery");
    expect(String(tap.params["text"])).toMatch(/không còn dùng được/);
    expect(String(tap.params["text"])).not.toMatch(/đã được gửi/);
    expect(await tipsOfTipster()).toBe(before);
  });

  describe("in the inbox", () => {
    let tip: { id: number; code: string };
    let card: Call;

    beforeAll(async () => {
      tip = await seedTelegramTip(app, { chatId: 7_730_009, wardCode: WARD, category: "drugs", text: "Bán ma túy ở quán nước" });
      card = await fake.waitFor((c) => to(INBOX)(c) && textOf(c).includes(tip.code));
    });

    it("opens the reply box for the officer who tapped Ask: by @username, or by a mention of their account", async () => {
      const byName = await tg.send(u.callback(officerNamed, `t:ask:${tip.id}`, { chatId: INBOX, messageId: messageIdOf(card) }), (c) => to(INBOX)(c) && textOf(c).startsWith("❓"));
      expect(markupOf(byName)).toEqual({ force_reply: true, selective: true });
      expect(textOf(byName)).toContain("@officer_minh_ux");
      expect(textOf(byName)).toContain(tip.code);

      const byAccount = await tg.send(u.callback(officerPlain, `t:tr:${tip.id}`, { chatId: INBOX, messageId: messageIdOf(card) }), (c) => to(INBOX)(c) && textOf(c).startsWith("↪"));
      expect(markupOf(byAccount)).toEqual({ force_reply: true, selective: true });
      expect(entitiesOf(byAccount).filter((e) => e.type === "text_mention").map((e) => e.user?.id)).toEqual([officerPlain.id]);
      expect(fake.message(INBOX, messageIdOf(byAccount))?.text).toContain("Cán bộ Lan");
    });

    it("tells an officer that a photo or a sticker in reply cannot be passed on, and passes nothing on", async () => {
      const asked = await app.deps.db.tipMessage.count({ where: { tipId: tip.id } });
      const cardText = fake.message(INBOX, messageIdOf(card))?.text ?? tip.code;
      const photo = nonTextReply(u, officerPlain, { messageId: messageIdOf(card), text: cardText }, { photo: [{ file_id: "AgACphoto1", file_unique_id: "AQADphoto1", width: 90, height: 90 }] });
      const said = await tg.send(photo, (c) => to(INBOX)(c) && textOf(c).includes("Chỉ tin nhắn chữ"));
      expect(textOf(said)).toContain(tip.code);
      expect((said.params["reply_parameters"] as { message_id?: number } | undefined)?.message_id).toBe(photo.message!.message_id);

      const prompt = await tg.send(u.callback(officerPlain, `t:tr:${tip.id}`, { chatId: INBOX, messageId: messageIdOf(card) }), (c) => to(INBOX)(c) && textOf(c).startsWith("↪"));
      const sticker = nonTextReply(u, officerPlain, { messageId: messageIdOf(prompt), text: fake.message(INBOX, messageIdOf(prompt))?.text ?? "" }, { sticker: { file_id: "CAACst1", file_unique_id: "AgADst1", type: "regular", width: 512, height: 512, is_animated: false, is_video: false, emoji: "👍" } });
      const told = await tg.send(sticker, (c) => to(INBOX)(c) && textOf(c).includes("Để chuyển tin"));
      expect(textOf(told)).toContain(tip.code);
      expect(await app.deps.db.tipMessage.count({ where: { tipId: tip.id } })).toBe(asked);
    });
  });
});
