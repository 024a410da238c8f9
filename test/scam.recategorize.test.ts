import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeTelegram, type FakeTelegram } from "./fakes/telegram-api.js";
import { createUpdateFactory, user } from "./fakes/telegram-updates.js";
import { startFakeZalo, type FakeZalo } from "./fakes/zalo-api.js";
import { BOT_INFO, eventually, startTestApp, type TestApp } from "./support/app.js";
import { officerWithInbox } from "./support/inbox.js";
import { buttons, messageIdOf, telegramSession, textOf, to } from "./support/telegram-session.js";
import { oaResident, zaloOaEnv } from "./support/zalo.js";

const officer = user(5_170_001, { firstName: "Hà" });
const INBOX = -1_001_717_000_017;
const WARD = "00004"; // Phường Ba Đình, Hà Nội
const ZALO_RESIDENT = "8470001717171717";
const ZALO_GUIDED = "8470001717171718";
const CODE = /([3-9A-Z]{4}-[3-9A-Z]{4})/;


describe("a tip's category: guessed for a one-tap tip, changed by the tipster, on Telegram and Zalo", () => {
  let tgFake: FakeTelegram;
  let zalo: FakeZalo;
  let app: TestApp;
  let tg: ReturnType<typeof telegramSession>;
  const u = createUpdateFactory({ bot: { id: BOT_INFO.id, username: BOT_INFO.username } });

  /** The inbox card of a tip as it stands now (edited in place), once it shows `pattern`. */
  const cardShows = async (code: string, pattern: RegExp) => {
    const card = await tgFake.waitFor((c) => to(INBOX)(c) && textOf(c).includes(code));
    return eventually(async () => {
      const now = tgFake.message(INBOX, messageIdOf(card))?.text ?? "";
      return pattern.test(now) ? now : null;
    }, 30_000, `the card of ${code} to show ${pattern}`);
  };

  const say = (userId: string, text: string, pattern: RegExp) => oaResident(zalo).say(userId, text, pattern);

  beforeAll(async () => {
    tgFake = await startFakeTelegram({ limits: { perChatPerSecond: 30, perChatBurst: 30, perGroupPerMinute: 600, globalPerSecond: 100 } });
    zalo = await startFakeZalo({ oaSendsPerSecond: 50, botSendsPerSecond: 50, accessTokenTtlSeconds: 30 * 24 * 3600 });
    app = await startTestApp({
      apiRoot: tgFake.apiRoot,
      env: {
        RESIDENT_MESSAGES_PER_MINUTE: "120",
        ...zaloOaEnv(zalo),
        ZALO_SEND_RATE_PER_SECOND: "40",
      },
    });
    tg = telegramSession(tgFake, app.baseUrl);
    zalo.setOaWebhook(`${app.baseUrl}/webhooks/zalo/oa`);
    await officerWithInbox(app, tg, u, { officer, wardCode: WARD, inbox: INBOX, name: "Cán bộ Hà" });
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await zalo?.close();
    await tgFake?.close();
  });

  it("Telegram, one tap: a transfer demand is filed as a scam, and the tipster can move a misfiled tip; the card follows", async () => {
    const r = user(7_170_001, { languageCode: "vi" });
    await tg.send(u.privateCommand(r, "/start", WARD), (c) => to(r.id)(c) && /Đã ghi nhận/.test(textOf(c)));

    const quick = async (text: string) => {
      const offer = await tg.send(u.privateText(r, text), (c) => to(r.id)(c) && buttons(c).some((b) => b.callback_data === "d:send"));
      return tg.send(u.callback(r, "d:send", { chatId: r.id, messageId: messageIdOf(offer) }), (c) => to(r.id)(c) && CODE.test(textOf(c)));
    };

    const scam = await quick("Có người gọi tự xưng cán bộ công an, yêu cầu tôi chuyển tiền vào tài khoản tạm giữ để xác minh");
    const scamCode = textOf(scam).match(CODE)![1]!;
    expect(textOf(scam)).toMatch(/Loại việc: <b>Lừa đảo<\/b>/);
    expect(await cardShows(scamCode, /Lừa đảo/)).toContain(scamCode);

    const dog = await quick("Chiều qua có hai người lạ đứng rình trước cổng, sáng nay nhà tôi mất con chó");
    const dogCode = textOf(dog).match(CODE)![1]!;
    expect(textOf(dog)).toMatch(/Loại việc: <b>Người lạ khả nghi<\/b>/);
    await cardShows(dogCode, /Người lạ khả nghi/);
    const change = buttons(dog).find((b) => b.callback_data === `rc:${dogCode}`);
    expect(change?.text).toMatch(/Đổi loại việc/);

    const choices = await tg.send(u.callback(r, `rc:${dogCode}`, { chatId: r.id, messageId: messageIdOf(dog) }), (c) => to(r.id)(c) && buttons(c).length >= 7);
    const theft = buttons(choices).find((b) => b.text === "Trộm cắp, cướp")!;
    const done = await tg.send(u.callback(r, theft.callback_data!, { chatId: r.id, messageId: messageIdOf(choices) }), (c) => to(r.id)(c) && /Đã đổi loại việc/.test(textOf(c)));
    expect(textOf(done)).toContain("Trộm cắp, cướp");

    const card = await cardShows(dogCode, /Trộm cắp, cướp/);
    expect(card).not.toContain("Người lạ khả nghi");
    const tip = await app.deps.db.tip.findUniqueOrThrow({ where: { code: dogCode }, select: { category: true, events: { select: { type: true, data: true } } } });
    expect(tip.category).toBe("theft");
    expect(tip.events).toContainEqual({ type: "category-changed", data: { from: "stranger", to: "theft", by: "tipster" } });
    // Someone else's tip cannot be changed from another chat, even with its code.
    const other = user(7_170_002, { languageCode: "vi" });
    const refused = await tg.send(u.callback(other, `rc:${dogCode}:drugs`, { chatId: other.id, messageId: messageIdOf(choices) }), (c) => to(other.id)(c));
    expect(textOf(refused)).toMatch(/Không tìm thấy/);
    expect((await app.deps.db.tip.findUniqueOrThrow({ where: { code: dogCode } })).category).toBe("theft");
  });

  it("Telegram, guided report: the summary shows the category with a button to change it; the card shows the final one", async () => {
    const r = user(7_170_003, { languageCode: "vi" });
    await tg.send(u.privateCommand(r, "/start", WARD), (c) => to(r.id)(c) && /Đã ghi nhận/.test(textOf(c)));
    const m = { chatId: r.id, messageId: 1 };
    await tg.send(u.privateCommand(r, "/report"), (c) => to(r.id)(c) && buttons(c).some((b) => b.callback_data === "f:cat:other"));
    await tg.send(u.callback(r, "f:cat:other", m), (c) => to(r.id)(c) && /mô tả/i.test(textOf(c)));
    await tg.send(u.privateText(r, "Tối nào cũng có người ra vào phòng trọ số 9, để lại kim tiêm ở cầu thang"), (c) => to(r.id)(c) && buttons(c).some((b) => b.callback_data === "f:skip"));
    await tg.send(u.callback(r, "f:skip", m), (c) => to(r.id)(c) && buttons(c).some((b) => b.callback_data === "f:when:now"));
    await tg.send(u.callback(r, "f:when:now", m), (c) => to(r.id)(c) && buttons(c).some((b) => b.callback_data === "f:media-done"));
    await tg.send(u.callback(r, "f:media-done", m), (c) => to(r.id)(c) && buttons(c).some((b) => b.callback_data === "f:anon:1"));
    const summary = await tg.send(u.callback(r, "f:anon:1", m), (c) => to(r.id)(c) && buttons(c).some((b) => b.callback_data === "f:send"));
    expect(textOf(summary)).toContain("Loại việc: Việc khác");
    expect(buttons(summary).find((b) => b.callback_data === "f:recat")?.text).toMatch(/Đổi loại việc/);

    const choices = await tg.send(u.callback(r, "f:recat", m), (c) => to(r.id)(c) && buttons(c).some((b) => b.callback_data === "f:recat:drugs"));
    const again = await tg.send(u.callback(r, "f:recat:drugs", { chatId: r.id, messageId: messageIdOf(choices) }), (c) => to(r.id)(c) && buttons(c).some((b) => b.callback_data === "f:send"));
    expect(textOf(again)).toContain("Loại việc: Ma túy");
    const sent = await tg.send(u.callback(r, "f:send", m), (c) => to(r.id)(c) && CODE.test(textOf(c)));
    const code = textOf(sent).match(CODE)![1]!;
    expect(await cardShows(code, /Ma túy/)).not.toContain("Việc khác");
    expect((await app.deps.db.tip.findUniqueOrThrow({ where: { code } })).category).toBe("drugs");
  });

  it("Zalo, one tap: the sent message names the guessed category and a typed number changes it; the card follows", async () => {
    await say(ZALO_RESIDENT, "Chiều qua có hai người lạ đứng rình trước cổng, sáng nay nhà tôi mất con chó", /Gõ 1 để gửi ngay/);
    await say(ZALO_RESIDENT, "1", /phường, xã nào/i);
    const offered = await say(ZALO_RESIDENT, "ba dinh ha noi", /Gõ số để chọn/);
    const line = offered.split("\n").find((l) => /Ba Đình, .*Hà Nội/.test(l) && !/trước đây/.test(l))!;
    const sent = await say(ZALO_RESIDENT, line.split(".")[0]!, /Mã tin báo/);
    const code = sent.match(CODE)![1]!;
    expect(sent).toContain("Loại việc: Người lạ khả nghi");
    expect(sent).toMatch(/4\. Trộm cắp, cướp/);
    await cardShows(code, /Người lạ khả nghi/);

    const done = await say(ZALO_RESIDENT, "4", /Đã đổi loại việc/);
    expect(done).toContain("Trộm cắp, cướp");
    await cardShows(code, /Trộm cắp, cướp/);
    expect((await app.deps.db.tip.findUniqueOrThrow({ where: { code } })).category).toBe("theft");
  });

  it("Zalo, guided report: 3 at the summary changes the category; the card shows the final one", async () => {
    await say(ZALO_GUIDED, "menu", /1\. Báo tin/);
    await say(ZALO_GUIDED, "1", /phường, xã nào/i);
    const offered = await say(ZALO_GUIDED, "ba dinh ha noi", /Gõ số để chọn/);
    const line = offered.split("\n").find((l) => /Ba Đình, .*Hà Nội/.test(l) && !/trước đây/.test(l))!;
    await say(ZALO_GUIDED, line.split(".")[0]!, /Đây là việc gì\?/);
    await say(ZALO_GUIDED, "7", /mô tả/i); // 7. Việc khác
    await say(ZALO_GUIDED, "Nhóm thanh niên tụ tập ở bãi đất trống, để lại giấy bạc và ống hút", /ở đâu/i);
    await say(ZALO_GUIDED, "0", /khi nào/i);
    await say(ZALO_GUIDED, "1", /ảnh, video/i);
    await say(ZALO_GUIDED, "0", /ẩn danh/);
    const summary = await say(ZALO_GUIDED, "1", /Gõ 1 để GỬI/);
    expect(summary).toContain("Loại việc: Việc khác");
    expect(summary).toContain("Gõ 3 để đổi loại việc");
    const choices = await say(ZALO_GUIDED, "3", /Chọn loại việc đúng/);
    expect(choices).toMatch(/2\. Ma túy/);
    const again = await say(ZALO_GUIDED, "2", /Gõ 1 để GỬI/);
    expect(again).toContain("Loại việc: Ma túy");
    const sent = await say(ZALO_GUIDED, "1", /Mã tin báo/);
    const code = sent.match(CODE)![1]!;
    expect(await cardShows(code, /Ma túy/)).not.toContain("Việc khác");
  });
});
