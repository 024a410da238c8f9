import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeTelegram, type Call, type FakeTelegram } from "./fakes/telegram-api.js";
import { createUpdateFactory, user } from "./fakes/telegram-updates.js";
import { startFakeZalo, type FakeZalo } from "./fakes/zalo-api.js";
import { BOT_INFO, eventually, startTestApp, type TestApp } from "./support/app.js";
import { buttons, messageIdOf, telegramSession, textOf, to } from "./support/telegram-session.js";
import { zaloOaEnv } from "./support/zalo.js";

// Xã Tân Thành, Tây Ninh: one of 53 places called Tân Thành (current and former names).
const TAN_THANH_TAY_NINH = "25534";
// Phường Hạnh Thông, Hồ Chí Minh: took in the former Phường 1 of Quận Gò Vấp (one of 34 "Phường 1").
const HANH_THONG = "26890";

describe("choosing a ward whose name many places share (Telegram buttons, Zalo numbers)", () => {
  let fake: FakeTelegram;
  let zalo: FakeZalo;
  let app: TestApp;
  let tg: ReturnType<typeof telegramSession>;
  const u = createUpdateFactory({ bot: { id: BOT_INFO.id, username: BOT_INFO.username } });

  /** What a Zalo resident sees: the text of every OA message sent to them. */
  const oaTexts = (userId: string) => zalo.oaSentTo(userId).map((s) => String((s.message as { text?: string }).text ?? ""));
  /** The resident writes on Zalo and waits for the answer matching `pattern`. */
  const say = async (userId: string, text: string, pattern: RegExp): Promise<string> => {
    const before = oaTexts(userId).length;
    expect((await zalo.userSends(userId, { text })).status).toBe(200);
    return eventually(async () => oaTexts(userId).slice(before).find((t) => pattern.test(t)), 20_000, `a Zalo answer matching ${pattern}`);
  };
  /** The number in front of the line of a numbered list that matches `pattern`. */
  const numberOf = (list: string, pattern: RegExp): string => {
    const line = list.split("\n").find((l) => /^\d+\. /.test(l) && pattern.test(l));
    if (!line) throw new Error(`no line matching ${pattern} in:\n${list}`);
    return line.split(".")[0]!;
  };
  /** The button whose label matches `pattern`. */
  const button = (c: Call, pattern: RegExp) => {
    const b = buttons(c).find((x) => pattern.test(x.text));
    if (!b?.callback_data) throw new Error(`no button matching ${pattern}: ${buttons(c).map((x) => x.text).join(" | ")}`);
    return b.callback_data;
  };
  const tapped = (id: string) => (c: Call) => c.method === "answerCallbackQuery" && c.params["callback_query_id"] === id;

  beforeAll(async () => {
    fake = await startFakeTelegram({ limits: { perChatPerSecond: 50, perChatBurst: 50, perGroupPerMinute: 1000, globalPerSecond: 200 } });
    zalo = await startFakeZalo({ oaSendsPerSecond: 50, accessTokenTtlSeconds: 30 * 24 * 3600 });
    app = await startTestApp({
      apiRoot: fake.apiRoot,
      env: {
        RESIDENT_MESSAGES_PER_MINUTE: "120",
        ...zaloOaEnv(zalo),
        ZALO_OA_FREE_REPLIES: "50",
      },
    });
    tg = telegramSession(fake, app.baseUrl);
    zalo.setOaWebhook(`${app.baseUrl}/webhooks/zalo/oa`);
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await zalo?.close();
    await fake?.close();
  });

  it("Telegram report: 'tan thanh' asks the province, then lists its wards; the chosen list loses its buttons and the tap is answered", async () => {
    const r = user(7_700_001, { languageCode: "vi" });
    await tg.send(u.privateCommand(r, "/report"), (c) => to(r.id)(c) && /không dấu/i.test(textOf(c)));
    const provinces = await tg.send(u.privateText(r, "tan thanh"), (c) => to(r.id)(c) && buttons(c).some((b) => b.callback_data?.startsWith("wp:")));
    expect(textOf(provinces)).toMatch(/^Có \d{2} phường, xã khớp với “tan thanh”/);
    expect(button(provinces, /^Tây Ninh \(\d+\)$/)).toBe("wp:80");

    const pickProvince = u.callback(r, "wp:80", { chatId: r.id, messageId: messageIdOf(provinces) });
    const list = await tg.send(pickProvince, (c) => to(r.id)(c) && buttons(c).some((b) => b.callback_data?.startsWith("w:")));
    expect(fake.calls.find(tapped(pickProvince.callback_query!.id))?.params["text"]).toBe("Tây Ninh");
    expect(fake.message(r.id, messageIdOf(provinces))?.reply_markup).toBeUndefined();
    expect(buttons(list).every((b) => b.callback_data === "f:cancel" || /Tây Ninh/.test(b.text))).toBe(true);

    const choose = u.callback(r, button(list, /^Xã Tân Thành, Tây Ninh$/), { chatId: r.id, messageId: messageIdOf(list) });
    expect(choose.callback_query!.data).toBe(`w:${TAN_THANH_TAY_NINH}`);
    const from = fake.calls.length;
    const set = await tg.send(choose, (c) => to(r.id)(c) && /Đã ghi nhận/.test(textOf(c)));
    expect(textOf(set)).toContain("Xã Tân Thành, Tây Ninh");
    await fake.waitFor((c) => fake.calls.indexOf(c) >= from && to(r.id)(c) && buttons(c).some((b) => b.callback_data?.startsWith("f:cat:")));
    // The tap is answered with what it did, and the list can no longer be tapped.
    expect(fake.calls.find(tapped(choose.callback_query!.id))?.params["text"]).toBe("Đã chọn: Xã Tân Thành");
    expect(fake.message(r.id, messageIdOf(list))?.reply_markup).toBeUndefined();

    // A second tap that was already on its way (a double tap) is answered too, and the report stays at its step.
    const again = u.callback(r, `w:${TAN_THANH_TAY_NINH}`, { chatId: r.id, messageId: messageIdOf(list) });
    const answered = await tg.send(again, tapped(again.callback_query!.id));
    expect(answered.params["text"]).toBe("Đã chọn: Xã Tân Thành");
    // The report is still at its category step: typed text is kept, and the category asked for.
    await tg.send(u.privateText(r, "Có người bán hàng cấm ở chợ"), (c) => to(r.id)(c) && /chọn loại việc/.test(textOf(c)));
  });

  it("Telegram: a ward list that was used loses its buttons, and the tap gets an answer", async () => {
    const r = user(7_700_003, { languageCode: "en" });
    await tg.send(u.privateCommand(r, "/ward"), to(r.id));
    const list = await tg.send(u.privateText(r, "badinh"), (c) => to(r.id)(c) && buttons(c).some((b) => b.callback_data === "w:00004"));
    const tap = u.callback(r, "w:00004", { chatId: r.id, messageId: messageIdOf(list) });
    await tg.send(tap, (c) => to(r.id)(c) && /Your ward is now Phường Ba Đình/.test(textOf(c)));
    expect(fake.calls.find(tapped(tap.callback_query!.id))?.params["text"]).toBe("Chosen: Phường Ba Đình");
    expect(fake.message(r.id, messageIdOf(list))?.reply_markup).toBeUndefined();
  });

  it("Telegram /ward: 'phuong 1' narrows by province, then by former district, to the one ward", async () => {
    const r = user(7_700_002, { languageCode: "vi" });
    await tg.send(u.privateCommand(r, "/ward"), to(r.id));
    const provinces = await tg.send(u.privateText(r, "phuong 1"), (c) => to(r.id)(c) && buttons(c).some((b) => b.callback_data?.startsWith("wp:")));
    const districts = await tg.send(
      u.callback(r, button(provinces, /^Thành phố Hồ Chí Minh \(\d+\)$/), { chatId: r.id, messageId: messageIdOf(provinces) }),
      (c) => to(r.id)(c) && buttons(c).some((b) => b.callback_data?.startsWith("wd:")),
    );
    expect(textOf(districts)).toMatch(/thuộc quận, huyện/);
    expect(buttons(districts).map((b) => b.text)).toEqual(expect.arrayContaining(["Quận 3 (1)", "Quận Gò Vấp (1)", "Thành phố Vũng Tàu, Tỉnh Bà Rịa - Vũng Tàu (1)"]));
    // A tap on the province list again, now that it is done with, changes nothing.
    const stale = u.callback(r, "wp:79", { chatId: r.id, messageId: messageIdOf(provinces) });
    expect((await tg.send(stale, tapped(stale.callback_query!.id))).params["text"]).toMatch(/đã cũ/);

    const list = await tg.send(
      u.callback(r, button(districts, /^Quận Gò Vấp/), { chatId: r.id, messageId: messageIdOf(districts) }),
      (c) => to(r.id)(c) && buttons(c).some((b) => b.callback_data?.startsWith("w:")),
    );
    expect(buttons(list)[0]).toMatchObject({ callback_data: `w:${HANH_THONG}`, text: expect.stringContaining("trước đây: Phường 1, Quận Gò Vấp") });
    const set = await tg.send(u.callback(r, `w:${HANH_THONG}`, { chatId: r.id, messageId: messageIdOf(list) }), (c) => to(r.id)(c) && /Đã ghi nhận/.test(textOf(c)));
    expect(textOf(set)).toContain("Phường Hạnh Thông, Thành phố Hồ Chí Minh");
  });

  it("web /report: a common name says how many places and where, to search again with the province", async () => {
    const page = await (await fetch(`${app.baseUrl}/report?ward_q=${encodeURIComponent("tan thanh")}`)).text();
    expect(page).toMatch(/Có 53 nơi khớp với “tan thanh”, ở: Đồng Tháp \(6\), Tây Ninh \(5\)/);
    const narrowed = await (await fetch(`${app.baseUrl}/report?ward_q=${encodeURIComponent("tan thanh tay ninh")}`)).text();
    expect(narrowed).toContain(`value="${TAN_THANH_TAY_NINH}"`);
    expect(narrowed).not.toContain("nơi khớp với");
  });

  it("Zalo: 'phuong tan thanh' lists the provinces by number, then the wards, and the ward is set", async () => {
    const resident = "8470007770001";
    const provinces = await say(resident, "phuong tan thanh", /tỉnh, thành phố nào/);
    const wards = await say(resident, numberOf(provinces, /^\d+\. Tây Ninh \(\d+\)$/), /Gõ số để chọn phường, xã/);
    expect(wards.split("\n").filter((l) => /^\d+\. /.test(l)).every((l) => /Tây Ninh/.test(l))).toBe(true);
    const set = await say(resident, numberOf(wards, /^\d+\. Xã Tân Thành, Tây Ninh$/), /Đã ghi nhận/);
    expect(set).toContain("Xã Tân Thành, Tây Ninh");
  });

  it("Zalo report: 'phuong 1' narrows by province and former district, then the report goes on", async () => {
    const resident = "8470007770002";
    await say(resident, "baocao", /phường, xã nào/i);
    const provinces = await say(resident, "phuong 1", /tỉnh, thành phố nào/);
    const districts = await say(resident, numberOf(provinces, /^\d+\. Thành phố Hồ Chí Minh \(\d+\)$/), /thuộc quận, huyện/);
    const wards = await say(resident, numberOf(districts, /^\d+\. Quận Gò Vấp \(1\)$/), /Gõ số để chọn phường, xã/);
    expect(wards).toMatch(/1\. Phường Hạnh Thông, Thành phố Hồ Chí Minh \(trước đây: Phường 1, Quận Gò Vấp\)/);
    const next = await say(resident, "1", /Đây là việc gì\?/);
    expect(next).toContain("Phường Hạnh Thông");
  });
});
