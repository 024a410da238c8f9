import http from "node:http";
import type { AddressInfo } from "node:net";
import { autoRetry } from "@grammyjs/auto-retry";
import { Api, Bot, GrammyError, HttpError, InputFile, InlineKeyboard } from "grammy";
import type { Message, Update } from "grammy/types";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startFakeTelegram, type FakeTelegram } from "./fakes/telegram-api.js";
import { createUpdateFactory, user } from "./fakes/telegram-updates.js";

const TOKEN = "123456:TEST-token";

describe("fake Telegram Bot API", () => {
  let tg: FakeTelegram;
  let api: Api;
  let chat = 500_000;
  /** A fresh private chat per test, so per-chat state never leaks between tests. */
  const nextChat = (): number => ++chat;

  beforeAll(async () => {
    tg = await startFakeTelegram();
    api = new Api(TOKEN, { apiRoot: tg.apiRoot });
  });
  afterEach(() => tg.reset());
  afterAll(() => tg.close());

  it("answers getMe with the bot and records calls with their token", async () => {
    const me = await api.getMe();
    // as in Telegram, the bot id is the token's numeric prefix
    expect(me).toMatchObject({ is_bot: true, username: "wardline_test_bot", id: 123456 });
    expect(tg.botInfoFor(TOKEN)).toEqual(me);
    expect(tg.callsTo("getMe")).toHaveLength(1);
    expect(tg.calls[0]).toMatchObject({ method: "getMe", token: TOKEN, ok: true });
  });

  it("sendMessage returns a realistic message and is recorded", async () => {
    const chatId = nextChat();
    const keyboard = new InlineKeyboard().text("Xác nhận", "tip:confirm");
    const msg = await api.sendMessage(chatId, "Xin chào", { reply_markup: keyboard });
    expect(msg).toMatchObject({
      chat: { id: chatId, type: "private" },
      from: { id: 123456, is_bot: true },
      text: "Xin chào",
      reply_markup: { inline_keyboard: [[{ text: "Xác nhận", callback_data: "tip:confirm" }]] },
    });
    const second = await api.sendMessage(chatId, "again");
    expect(second.message_id).toBe(msg.message_id + 1);
    const [call] = tg.sentTo(chatId);
    expect(call?.params).toMatchObject({ chat_id: chatId, text: "Xin chào", reply_markup: { inline_keyboard: [[{ callback_data: "tip:confirm" }]] } });
    expect(tg.message(chatId, msg.message_id)?.text).toBe("Xin chào");
    expect(tg.sentTo(-1)).toHaveLength(0);
  });

  it("gives group and supergroup chats the right type", async () => {
    const limited = await startFakeTelegram({ limits: false });
    try {
      const a = new Api(TOKEN, { apiRoot: limited.apiRoot });
      expect((await a.sendMessage(-1001234567890, "x")).chat.type).toBe("supergroup");
      expect((await a.sendMessage(-4123456789, "x")).chat.type).toBe("group");
    } finally {
      await limited.close();
    }
  });

  it("editMessageText updates the stored message; an identical edit is 'not modified'", async () => {
    const chatId = nextChat();
    const sent = await api.sendMessage(chatId, "draft", { reply_markup: new InlineKeyboard().text("A", "a") });
    const edited = await api.editMessageText(chatId, sent.message_id, "final", { reply_markup: new InlineKeyboard().text("B", "b") });
    expect(edited).toMatchObject({ message_id: sent.message_id, text: "final" });
    expect(typeof (edited as { edit_date?: number }).edit_date).toBe("number");
    expect(tg.message(chatId, sent.message_id)).toMatchObject({ text: "final", reply_markup: { inline_keyboard: [[{ text: "B" }]] } });

    const again = api.editMessageText(chatId, sent.message_id, "final", { reply_markup: new InlineKeyboard().text("B", "b") });
    await expect(again).rejects.toMatchObject({ error_code: 400, description: expect.stringMatching(/^Bad Request: message is not modified/) });

    // Without reply_markup Telegram drops the keyboard: that is a modification.
    await api.editMessageText(chatId, sent.message_id, "final");
    expect(tg.message(chatId, sent.message_id)?.reply_markup).toBeUndefined();

    await expect(api.editMessageText(chatId, 999_999, "x")).rejects.toMatchObject({
      error_code: 400,
      description: "Bad Request: message to edit not found",
    });
  });

  it("applies parse_mode like Telegram and rejects broken markup", async () => {
    const chatId = nextChat();
    const msg = await api.sendMessage(chatId, "<b>Mã</b> tin: &lt;A1&gt;", { parse_mode: "HTML" });
    expect(msg.text).toBe("Mã tin: <A1>");
    expect(msg.entities).toEqual([{ type: "bold", offset: 0, length: 2 }]);
    await expect(api.sendMessage(chatId, "1 < 2 <br>", { parse_mode: "HTML" })).rejects.toMatchObject({
      error_code: 400,
      description: expect.stringContaining("can't parse entities"),
    });
    await expect(api.sendMessage(chatId, "Done.", { parse_mode: "MarkdownV2" })).rejects.toMatchObject({
      description: "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'",
    });
    expect((await api.sendMessage(nextChat(), "*Done*\\.", { parse_mode: "MarkdownV2" })).text).toBe("Done.");
  });

  it("serves files registered with addFile through getFile and the download URL", async () => {
    const bytes = Buffer.from("%PDF-1.4 fake tip attachment");
    const { file_id } = tg.addFile(bytes, { path: "documents/tip.pdf", mime: "application/pdf" });
    const file = await api.getFile(file_id);
    expect(file).toMatchObject({ file_id, file_size: bytes.length, file_path: "documents/tip.pdf" });
    const res = await fetch(`${tg.apiRoot}/file/bot${TOKEN}/${file.file_path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
    await expect(api.getFile("nope")).rejects.toMatchObject({ error_code: 400 });
    expect((await fetch(`${tg.apiRoot}/file/bot${TOKEN}/documents/missing.pdf`)).status).toBe(404);
  });

  it("enforces the per-chat rate limit with 429 and retry_after", async () => {
    const chatId = nextChat();
    for (let i = 0; i < 3; i++) await api.sendMessage(chatId, `burst ${i}`);
    const err = await api.sendMessage(chatId, "one too many").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GrammyError);
    const ge = err as GrammyError;
    expect(ge.error_code).toBe(429);
    expect(ge.description).toMatch(/^Too Many Requests: retry after \d+$/);
    expect(ge.parameters.retry_after).toBeGreaterThanOrEqual(1);
    // other chats are unaffected; edits and callback answers are never limited
    await api.sendMessage(nextChat(), "other chat");
    const first = tg.sentTo(chatId)[0]?.response as { result: { message_id: number } };
    await api.editMessageText(chatId, first.result.message_id, "edited");
    await api.answerCallbackQuery("cbq-1");
    expect(tg.sentTo(chatId)).toHaveLength(3);
    expect(tg.sentTo(chatId, { includeFailed: true })).toHaveLength(4);
  });

  it("lets @grammyjs/auto-retry succeed after a scripted 429", async () => {
    const chatId = nextChat();
    const retrying = new Api(TOKEN, { apiRoot: tg.apiRoot });
    retrying.config.use(autoRetry());
    tg.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 1", retry_after: 1 });
    const started = Date.now();
    const msg = await retrying.sendMessage(chatId, "eventually");
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(msg.text).toBe("eventually");
    const attempts = tg.callsTo("sendMessage");
    expect(attempts.map((c) => c.ok)).toEqual([false, true]);
    expect(attempts[0]?.response).toMatchObject({ ok: false, error_code: 429, parameters: { retry_after: 1 } });
  });

  it("answers 403 for a blocked chat", async () => {
    const chatId = nextChat();
    tg.blockChat(chatId);
    await expect(api.sendMessage(chatId, "hello?")).rejects.toMatchObject({
      error_code: 403,
      description: "Forbidden: bot was blocked by the user",
    });
    await expect(api.sendChatAction(chatId, "typing")).rejects.toMatchObject({ error_code: 403 });
    tg.unblockChat(chatId);
    await api.sendMessage(chatId, "welcome back");
  });

  it("records multipart InputFile uploads and serves them back", async () => {
    const chatId = nextChat();
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x0d, 0x0a, 0x2d, 0x2d]);
    const msg = await api.sendPhoto(chatId, new InputFile(bytes, "hiện trường.jpg"), {
      caption: "Ảnh",
      reply_markup: new InlineKeyboard().text("Xem", "view"),
    });
    const [call] = tg.callsTo("sendPhoto");
    // nested objects arrive as JSON strings in multipart fields and are decoded back
    expect(call?.params).toMatchObject({
      chat_id: chatId,
      caption: "Ảnh",
      photo: { filename: "hiện trường.jpg", size: bytes.length, contentType: "application/octet-stream" },
      reply_markup: { inline_keyboard: [[{ text: "Xem", callback_data: "view" }]] },
    });
    const [upload] = tg.uploads;
    expect(upload).toMatchObject({ method: "sendPhoto", field: "photo", filename: "hiện trường.jpg" });
    expect(upload?.bytes).toEqual(bytes);

    const largest = msg.photo.at(-1)!;
    expect(upload?.fileId).toBe(largest.file_id);
    const file = await api.getFile(largest.file_id);
    const res = await fetch(`${tg.apiRoot}/file/bot${TOKEN}/${file.file_path}`);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);

    // a document upload plus a media group mixing an upload and a file_id
    const doc = await api.sendDocument(chatId, new InputFile(Buffer.from("a,b\n1,2\n"), "report.csv"));
    expect(doc.document).toMatchObject({ file_name: "report.csv", mime_type: "text/csv", file_size: 8 });
    const album = await api.sendMediaGroup(nextChat(), [
      { type: "photo", media: new InputFile(Buffer.from("img2"), "b.jpg"), caption: "2" },
      { type: "photo", media: largest.file_id },
    ]);
    expect(album).toHaveLength(2);
    const [m1, m2] = album as Message[];
    expect(m1?.media_group_id).toBeDefined();
    expect(m1?.media_group_id).toBe(m2?.media_group_id);
    expect(m2?.photo?.[0]?.file_id).toBe(largest.file_id);
    expect(tg.uploads.map((u) => u.field)).toEqual(["photo", "document", "media[0].media"]);
  });

  it("deliverWebhook retries until the target answers 200, with the secret header", async () => {
    const seen: Array<{ secret: string | undefined; body: string }> = [];
    const target = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        seen.push({ secret: req.headers["x-telegram-bot-api-secret-token"] as string | undefined, body: Buffer.concat(chunks).toString() });
        res.writeHead(seen.length < 3 ? 503 : 200).end();
      });
    });
    await new Promise<void>((r) => target.listen(0, "127.0.0.1", r));
    try {
      const url = `http://127.0.0.1:${(target.address() as AddressInfo).port}/webhooks/telegram`;
      const update = createUpdateFactory().privateText(user(42), "hi");
      const result = await tg.deliverWebhook(url, update, { secretToken: "s3cr3t", retryDelayMs: 10 });
      expect(result).toMatchObject({ attempts: 3, status: 200 });
      expect(seen.map((s) => s.secret)).toEqual(["s3cr3t", "s3cr3t", "s3cr3t"]);
      expect(JSON.parse(seen[0]!.body)).toEqual(update);

      const failing = await tg.deliverWebhook("http://127.0.0.1:1/nothing", update, { maxAttempts: 2, retryDelayMs: 1 });
      expect(failing).toMatchObject({ attempts: 2, status: 0 });
    } finally {
      await new Promise((r) => target.close(r));
    }
  });

  it("runs a real Bot over long polling and records its replies", async () => {
    const bot = new Bot(TOKEN, { botInfo: tg.botInfoFor(TOKEN), client: { apiRoot: tg.apiRoot } });
    bot.command("start", (ctx) => ctx.reply(`start:${ctx.match}`));
    bot.on("callback_query:data", async (ctx) => {
      await ctx.answerCallbackQuery({ text: "ok" });
      await ctx.editMessageText(`chosen ${ctx.callbackQuery.data}`);
    });
    const updates = createUpdateFactory();
    const u = user(nextChat(), { languageCode: "vi" });
    void bot.start({ timeout: 1 });
    try {
      await tg.pushUpdate(updates.privateCommand(u, "/start", "ward-7"));
      const reply = await tg.waitFor((c) => c.method === "sendMessage" && c.params["chat_id"] === u.id);
      expect(reply.params["text"]).toBe("start:ward-7");
      const sent = (reply.response as { result: { message_id: number } }).result;

      await tg.pushUpdate(updates.callback(u, "opt-1", tg.message(u.id, sent.message_id)!));
      await tg.waitFor((c) => c.method === "editMessageText" && c.ok);
      expect(tg.callsTo("answerCallbackQuery")[0]?.params).toMatchObject({ text: "ok" });
      expect(tg.message(u.id, sent.message_id)?.text).toBe("chosen opt-1");
    } finally {
      await bot.stop();
    }
  });

  it("handles scripted failures, unknown methods, urlencoded bodies and waitFor timeouts", async () => {
    tg.failFor("*", { error_code: 502, description: "Bad Gateway" }, 60_000);
    await expect(api.getMe()).rejects.toMatchObject({ error_code: 502 });
    tg.reset();

    const raw = await fetch(`${tg.apiRoot}/bot${TOKEN}/noSuchMethod`, { method: "POST" });
    expect(raw.status).toBe(404);
    expect(await raw.json()).toEqual({ ok: false, error_code: 404, description: "Not Found" });

    const chatId = nextChat();
    const form = await fetch(`${tg.apiRoot}/bot${TOKEN}/sendmessage`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ chat_id: String(chatId), text: "form", reply_markup: JSON.stringify({ inline_keyboard: [[{ text: "x", callback_data: "y" }]] }) }),
    });
    expect(((await form.json()) as { ok: boolean }).ok).toBe(true);
    expect(tg.sentTo(chatId)[0]?.params).toMatchObject({ chat_id: chatId, reply_markup: { inline_keyboard: [[{ text: "x" }]] } });

    await expect(tg.waitFor((c) => c.method === "sendVoice", 50)).rejects.toThrow(/no matching call within 50 ms[\s\S]*sendMessage chat_id=/);
  });

  it("hangs a method long enough for a client timeout, then still processes it", async () => {
    const chatId = nextChat();
    const impatient = new Api(TOKEN, { apiRoot: tg.apiRoot, timeoutSeconds: 0.2 });
    tg.hang("sendMessage", 400);
    await expect(impatient.sendMessage(chatId, "slow")).rejects.toBeInstanceOf(HttpError);
    const call = await tg.waitFor((c) => c.method === "sendMessage" && c.params["chat_id"] === chatId);
    expect(call.ok).toBe(true);
  });

  it("keeps the bot's identity consistent between the fake, the factories and the bot", async () => {
    const token = "987654321:AAother";
    const other = new Api(token, { apiRoot: tg.apiRoot });
    const chatId = -1009876543210;
    const card = await other.sendMessage(chatId, "card #ABCD-EFGH");
    expect(card.from?.id).toBe(987654321);
    // factories refer to the bot the fake last served, so a reply to the card is a reply to "me"
    const reply = createUpdateFactory().groupText(chatId, user(5), "question", { replyTo: { messageId: card.message_id, fromBot: true } });
    expect(reply.message?.reply_to_message?.from?.id).toBe(987654321);
    expect(createUpdateFactory({ bot: { id: 1, username: "x_bot" } }).myChatMember(chatId, "member").my_chat_member?.new_chat_member.user.id).toBe(1);

    const pinned = await startFakeTelegram({ botId: 42, limits: false });
    try {
      expect((await new Api(token, { apiRoot: pinned.apiRoot }).getMe()).id).toBe(42);
      expect(pinned.botInfo.id).toBe(42);
    } finally {
      await pinned.close();
    }
  });

  it("keeps update ids increasing and within 32 bits", () => {
    const f = createUpdateFactory();
    const a: Update = f.privateText(user(1), "a");
    const b: Update = f.groupCommand(-1001, user(1), "/bind", "CODE", { mention: true });
    expect(b.update_id).toBe(a.update_id + 1);
    expect(a.update_id).toBeLessThan(2 ** 31);
    expect(b.message?.text).toBe("/bind@wardline_test_bot CODE");
    expect(b.message?.entities).toEqual([{ type: "bot_command", offset: 0, length: "/bind@wardline_test_bot".length }]);
  });
});
