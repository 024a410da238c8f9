import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pseudonym, unsealJson } from "../src/crypto/identity.js";
import { runRetention } from "../src/core/retention.js";
import { startFakeTelegram, type FakeTelegram } from "./fakes/telegram-api.js";
import { createUpdateFactory, user } from "./fakes/telegram-updates.js";
import { startFakeZalo, type FakeZalo } from "./fakes/zalo-api.js";
import { BOT_INFO, PG_URL, eventually, startTestApp, type TestApp } from "./support/app.js";
import { buttons, messageIdOf, telegramSession, textOf, to } from "./support/telegram-session.js";
import { zaloOaEnv } from "./support/zalo.js";

const TIPSTER_ID = 7_411_552_903;
const tipster = user(TIPSTER_ID, { firstName: "Ngọc", languageCode: "vi" });
const WARD = "00004"; // Phường Ba Đình, Hà Nội
// What the tipster types: a tip's text, then their name and phone for the officers.
const WHAT = "Xe tải chở gỗ lậu đỗ sau đình làng mỗi đêm thứ bảy";
const NAME = "Trần Thị Bích Ngọc";
const PHONE = "0912 345 678";
const ZALO_USER = "8470005556667771";
const ZALO_TEXT = "Ông Đỗ Văn Quyết ở ngõ Hàng Bột hay tổ chức đánh bạc, tôi là Hằng số 0987 654 321";

const dump = (schema: string) => execFileSync("pg_dump", ["--data-only", "--schema", schema, PG_URL], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
const PHONE_DIGITS = /0912\D{0,3}345\D{0,3}678|84912345678/;

describe("residents' conversation state at rest: sealed, and forgotten once abandoned", () => {
  let fake: FakeTelegram;
  let zalo: FakeZalo;
  let app: TestApp;
  let tg: ReturnType<typeof telegramSession>;
  const u = createUpdateFactory({ bot: { id: BOT_INFO.id, username: BOT_INFO.username } });
  const sessionKey = () => `tg:${pseudonym(app.deps.identity, "TELEGRAM", String(TIPSTER_ID))}`;
  /** Makes the tipster's conversation look untouched for 25 hours. */
  const age = (key: string) => app.deps.db.$executeRawUnsafe(`UPDATE "${app.schema}"."ChatSession" SET "updatedAt" = now() - interval '25 hours' WHERE "key" = $1`, key);

  beforeAll(async () => {
    fake = await startFakeTelegram({ limits: { perChatPerSecond: 30, perChatBurst: 30, perGroupPerMinute: 600, globalPerSecond: 100 } });
    zalo = await startFakeZalo({ oaSendsPerSecond: 50, botSendsPerSecond: 50, accessTokenTtlSeconds: 30 * 24 * 3600 });
    app = await startTestApp({
      apiRoot: fake.apiRoot,
      env: {
        RESIDENT_MESSAGES_PER_MINUTE: "120",
        ...zaloOaEnv(zalo),
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

  it("keeps a Telegram report with the tipster's typed name and phone sealed while it is being written", async () => {
    await tg.send(u.privateCommand(tipster, "/report"), (c) => to(TIPSTER_ID)(c) && /không dấu/i.test(textOf(c)));
    const offered = await tg.send(u.privateText(tipster, "ba dinh"), (c) => to(TIPSTER_ID)(c) && buttons(c).some((b) => b.callback_data === `w:${WARD}`));
    const msg = { chatId: TIPSTER_ID, messageId: messageIdOf(offered) };
    await tg.send(u.callback(tipster, `w:${WARD}`, msg), (c) => to(TIPSTER_ID)(c) && buttons(c).some((b) => b.callback_data === "f:cat:theft"));
    await tg.send(u.callback(tipster, "f:cat:theft", msg), (c) => to(TIPSTER_ID)(c) && /mô tả/i.test(textOf(c)));
    await tg.send(u.privateText(tipster, WHAT), (c) => to(TIPSTER_ID)(c) && /ở đâu/i.test(textOf(c)));
    await tg.send(u.callback(tipster, "f:skip", msg), (c) => to(TIPSTER_ID)(c) && /khi nào/i.test(textOf(c)));
    await tg.send(u.callback(tipster, "f:when:now", msg), (c) => to(TIPSTER_ID)(c) && /ảnh/i.test(textOf(c)));
    await tg.send(u.callback(tipster, "f:media-done", msg), (c) => to(TIPSTER_ID)(c) && /ẩn danh/i.test(textOf(c)));
    await tg.send(u.callback(tipster, "f:anon:0", msg), (c) => to(TIPSTER_ID)(c) && /tên và số điện thoại/i.test(textOf(c)));
    const typed = u.privateText(tipster, `${NAME} ${PHONE}`);
    await tg.send(typed, (c) => to(TIPSTER_ID)(c) && buttons(c).some((b) => b.callback_data === "f:send"));
    // The state is saved after the answer is sent: wait for the update to be done with.
    await eventually(() => app.deps.db.inboundUpdate.findFirst({ where: { externalId: String(typed.update_id), processedAt: { not: null } } }), undefined, "the name handled");

    // The flow is stored (it survives a restart), but nothing the tipster typed is readable.
    const rows = dump(app.schema);
    expect(rows).toContain(sessionKey());
    for (const leak of [NAME, "Bích Ngọc", WHAT, "gỗ lậu"]) expect(rows, leak).not.toContain(leak);
    expect(rows).not.toMatch(PHONE_DIGITS);
    // It is there, sealed with the identity key.
    const row = await app.deps.db.chatSession.findUniqueOrThrow({ where: { key: sessionKey() }, select: { value: true } });
    expect(unsealJson(app.deps.identity, String(row.value))).toMatchObject({ flow: { step: "confirm", identity: `${NAME} ${PHONE}`, text: WHAT } });
  });

  it("does not resume a flow untouched for a day, and the retention job deletes abandoned ones", async () => {
    await age(sessionKey());
    // In the flow at its last step, typing gets "use the buttons"; a fresh start offers to send the text as a tip.
    const answer = await tg.send(u.privateText(tipster, "Còn đó không?"), to(TIPSTER_ID));
    expect(textOf(answer)).not.toContain("các nút phía trên");
    expect(textOf(answer)).toContain("gửi nội dung này thành tin báo");
    // The old "send" button no longer sends the abandoned report.
    const press = u.callback(tipster, "f:send", { chatId: TIPSTER_ID, messageId: 1 });
    await tg.post(press);
    await eventually(() => app.deps.db.inboundUpdate.findFirst({ where: { externalId: String(press.update_id), processedAt: { not: null } } }), undefined, "the press handled");
    expect(await app.deps.db.tip.count()).toBe(0);

    // The new draft, abandoned in turn, is deleted by the retention job.
    await age(sessionKey());
    const done = await runRetention(app.deps.db, 180);
    expect(done.sessions).toBeGreaterThanOrEqual(1);
    expect(await app.deps.db.chatSession.count({ where: { key: sessionKey() } })).toBe(0);
  });

  it("keeps a Zalo resident's typed draft sealed too", async () => {
    const before = zalo.oaSentTo(ZALO_USER).length;
    expect((await zalo.userSends(ZALO_USER, { text: ZALO_TEXT })).status).toBe(200);
    await eventually(async () => zalo.oaSentTo(ZALO_USER).slice(before).some((s) => /Gõ 1 để gửi ngay/.test(String((s.message as { text?: string }).text))), undefined, "draft offer on Zalo");
    const key = `zalo:${pseudonym(app.deps.identity, "ZALO_OA", ZALO_USER)}`;
    // Zalo saves the state after sending the answer: wait until it is there.
    const row = await eventually(() => app.deps.db.chatSession.findUnique({ where: { key }, select: { value: true } }));
    const rows = dump(app.schema);
    for (const leak of ["Đỗ Văn Quyết", "đánh bạc", ZALO_USER]) expect(rows, leak).not.toContain(leak);
    expect(rows).not.toMatch(/0987\D{0,3}654\D{0,3}321/);
    expect(unsealJson(app.deps.identity, String(row.value))).toMatchObject({ draft: { text: ZALO_TEXT } });
  });
});
