import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchOnce } from "../src/core/campaigns/once.js";
import { createCampaign } from "../src/core/campaigns/store.js";
import { parseTarget } from "../src/core/campaigns/target.js";
import { upsertResident } from "../src/core/residents.js";
import { startFakeTelegram, type Call, type FakeTelegram } from "./fakes/telegram-api.js";
import { createUpdateFactory, user } from "./fakes/telegram-updates.js";
import { BOT_INFO, eventually, startTestApp, type TestApp } from "./support/app.js";
import { buttons, messageIdOf, telegramSession, textOf, to } from "./support/telegram-session.js";

const BA_DINH = "00004";
const officer = user(6_810_001, { firstName: "Lan" });
const STATUS = /Chiến dịch #(\d+)/;

/**
 * A warning launched from the chat is launched once, whatever fails after the launch: the
 * launch carries the draft's key (Campaign.requestKey), as the dashboard's form does.
 */
describe("campaign launch from the chat: at most once", () => {
  let fake: FakeTelegram;
  let app: TestApp;
  let tg: ReturnType<typeof telegramSession>;
  const u = createUpdateFactory({ bot: { id: BOT_INFO.id, username: BOT_INFO.username } });
  let officerId = 0;
  let wardId = 0;
  let nextGroup = -1_003_810_000_000;
  let nextResident = 7_810_100;

  /** A fresh audience in the ward: groups and subscribers made in the database. */
  const audience = async (groups: number, subscribers: number): Promise<number[]> => {
    await app.deps.db.chatGroup.updateMany({ data: { active: false } });
    await app.deps.db.subscription.updateMany({ data: { active: false } });
    const chats = Array.from({ length: groups }, () => nextGroup--);
    await app.deps.db.chatGroup.createMany({
      data: chats.map((id) => ({ channel: "TELEGRAM" as const, chatId: String(id), title: `Tổ dân phố ${id}`, memberCount: 20, purpose: "AUDIENCE" as const, wardId })),
    });
    for (let i = 0; i < subscribers; i++) {
      const chatId = nextResident++;
      const r = await upsertResident(app.deps.db, app.deps.identity, { channel: "TELEGRAM", accountId: String(chatId), chatId: String(chatId), language: "vi" });
      await app.deps.db.subscription.create({ data: { residentId: r.id, wardId } });
      chats.push(chatId);
    }
    return chats.sort((a, b) => a - b);
  };
  /** Every copy of the warning message `sourceId` the bot made, by recipient chat. */
  const copies = (sourceId: number): Call[] =>
    fake.calls.filter((c) => c.ok && c.method === "copyMessage" && c.params["message_id"] === sourceId && Number(c.params["from_chat_id"]) === officer.id);
  const done = (id: number) =>
    eventually(async () => (await app.deps.db.campaign.findUniqueOrThrow({ where: { id }, select: { status: true } })).status === "DONE", 60_000, `campaign ${id} done`);

  /** /warn, a template, the officer's ward, groups and subscribers: up to the preview with its Send button. */
  const compose = async () => {
    const start = await tg.send(u.privateCommand(officer, "/warn"), (c) => c.ok && to(officer.id)(c) && buttons(c).length > 5);
    const area = await tg.send(u.callback(officer, "cw:tpl:fake-police", { chatId: officer.id, messageId: messageIdOf(start) }), (c) => c.ok && to(officer.id)(c) && buttons(c).some((b) => b.callback_data === "cw:area:ward"));
    const template = [...fake.sentTo(officer.id)].reverse().find((c) => /GIẢ DANH CÔNG AN/.test(textOf(c)))!;
    const aud = await tg.send(u.callback(officer, "cw:area:ward", { chatId: officer.id, messageId: messageIdOf(area) }), (c) => c.ok && to(officer.id)(c) && buttons(c).some((b) => b.callback_data === "cw:aud:both"));
    const preview = await tg.send(u.callback(officer, "cw:aud:both", { chatId: officer.id, messageId: messageIdOf(aud) }), (c) => c.ok && to(officer.id)(c) && buttons(c).some((b) => b.callback_data === "cw:send"));
    return { source: messageIdOf(template), preview: messageIdOf(preview) };
  };

  beforeAll(async () => {
    fake = await startFakeTelegram({ limits: false });
    app = await startTestApp({ apiRoot: fake.apiRoot });
    tg = telegramSession(fake, app.baseUrl);
    const ward = await app.deps.db.ward.findUniqueOrThrow({ where: { code: BA_DINH }, select: { id: true, provinceCode: true } });
    wardId = ward.id;
    officerId = (await app.deps.db.officer.create({
      data: { telegramUserId: BigInt(officer.id), displayName: "Cán bộ Lan", wardId: ward.id, provinceCode: ward.provinceCode, canBroadcast: true },
      select: { id: true },
    })).id;
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  it("the reply after the launch fails once: the retried job launches nothing more, every recipient gets the warning once", { timeout: 180_000 }, async () => {
    const chats = await audience(3, 2);
    const { source, preview } = await compose();
    const before = await app.deps.db.campaign.count({ where: { officerId } });
    // The status message after the launch is lost on the wire once: the update's job fails and is retried.
    fake.dropNext("sendMessage", { match: (p) => Number(p["chat_id"]) === officer.id && STATUS.test(String(p["text"] ?? "")) });
    await tg.post(u.callback(officer, "cw:send", { chatId: officer.id, messageId: preview }));
    const status = await fake.waitFor((c) => c.ok && to(officer.id)(c) && STATUS.test(textOf(c)), 60_000);
    expect(fake.calls.some((c) => !c.ok && c.method === "sendMessage" && STATUS.test(textOf(c)))).toBe(true);

    const campaignId = Number(STATUS.exec(textOf(status))![1]);
    await done(campaignId);
    expect(await app.deps.db.campaign.count({ where: { officerId } })).toBe(before + 1);
    const recipients = copies(source).map((c) => Number(c.params["chat_id"])).sort((a, b) => a - b);
    expect(recipients).toEqual(chats);
    // One status message, kept up to date.
    expect(fake.sentTo(officer.id).filter((c) => STATUS.test(textOf(c)))).toHaveLength(1);
    await eventually(async () => /đã gửi xong/.test(fake.message(officer.id, messageIdOf(status))?.text ?? ""), 60_000, "status message shows done");
  });

  it("a launch recorded but never queued (the process stopped in between) is started by its retry", { timeout: 120_000 }, async () => {
    const chats = await audience(2, 1);
    const update = u.privateText(officer, `⚠️ Cảnh báo thử ${Math.random()}`);
    fake.ingest(update);
    const campaign = {
      officerId, title: "thử", templateKey: null, sourceChatId: String(officer.id), sourceMessageIds: [update.message!.message_id],
      target: parseTarget({ wardIds: [wardId] }), scheduledAt: null, locale: "vi",
    };
    // What a launch that died right after its insert leaves: the row with its key, no jobs.
    const key = `tg-${officerId}-crashed-${Math.random()}`;
    const { id } = await createCampaign(app.deps.db, { ...campaign, requestKey: key });
    const again = await launchOnce(app.deps, key, campaign);
    expect(again).toEqual({ id, launched: false });
    await done(id);
    expect(copies(update.message!.message_id).map((c) => Number(c.params["chat_id"])).sort((a, b) => a - b)).toEqual(chats);
  });
});
