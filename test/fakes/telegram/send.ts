/** Message-producing and message-editing methods. */
import { nextMessageId, nowSeconds } from "./ids.js";
import { formatText, type Entity } from "./format.js";
import { mimeFor, type FileKind, type StoredFile, type StoredMessage } from "./store.js";
import type { FakeState, Handler, MethodContext } from "./state.js";
import { badRequest, forbidden, TelegramError, type UploadedFile } from "./types.js";

/** Methods that put messages into a chat: rate limited, refused for blocked chats, listed by sentTo(). */
export const SEND_METHODS = new Set([
  "sendMessage", "sendPhoto", "sendDocument", "sendVideo", "sendVoice", "sendAudio", "sendAnimation",
  "sendMediaGroup", "copyMessage", "copyMessages", "sendLocation", "forwardMessage", "forwardMessages",
  "sendSticker", "sendVideoNote", "sendContact", "sendVenue", "sendDice", "sendPoll",
]);

/** Fields copied by forwardMessage/copyMessage. */
const CONTENT_FIELDS = [
  "text", "entities", "caption", "caption_entities", "photo", "document", "video", "voice", "audio", "animation",
  "sticker", "video_note", "location", "venue", "contact", "dice", "poll", "has_media_spoiler", "show_caption_above_media",
];
export const MEDIA_FIELDS = ["photo", "document", "video", "voice", "audio", "animation", "video_note"];

export function toChatId(value: unknown): number {
  if (value === undefined || value === null || value === "") throw badRequest("chat_id is empty");
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && /^-?\d+$/.test(value)) return Number(value);
  throw badRequest("chat not found");
}

export function toMessageId(value: unknown, what = "message identifier is not specified"): number {
  const n = typeof value === "string" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n) || n <= 0) throw badRequest(what);
  return n;
}

export function checkReachable(s: FakeState, chatId: number): void {
  const to = s.migrated.get(chatId);
  if (to !== undefined)
    throw new TelegramError(400, "Bad Request: group chat was upgraded to a supergroup chat", { migrate_to_chat_id: to });
  const type = s.store.chat(chatId).type;
  if (s.blocked.has(chatId)) {
    throw forbidden(
      type === "private" ? "bot was blocked by the user"
      : type === "channel" ? "bot is not a member of the channel chat"
      : `bot was kicked from the ${type === "group" ? "group" : "supergroup"} chat`,
    );
  }
  if (s.left.has(chatId)) throw forbidden(`bot is not a member of the ${type === "group" ? "group" : type} chat`);
}

/** Compares JSON values regardless of key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  const norm = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(norm)
    : v && typeof v === "object"
      ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).sort(([x], [y]) => (x < y ? -1 : 1)).map(([k, x]) => [k, norm(x)]))
      : v;
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

/** Validates reply_markup; returns the inline keyboard Telegram would echo in the Message, if any. */
export function inlineMarkup(markup: unknown): { inline_keyboard: unknown[][] } | undefined {
  if (markup === undefined || markup === null || markup === "") return undefined;
  if (typeof markup !== "object") throw badRequest("can't parse reply keyboard markup JSON object");
  const kb = (markup as { inline_keyboard?: unknown }).inline_keyboard;
  if (kb === undefined) return undefined; // reply keyboards / remove / force_reply are not echoed
  if (!Array.isArray(kb) || !kb.every(Array.isArray)) throw badRequest("field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array of Arrays");
  for (const row of kb as unknown[][]) {
    for (const button of row) {
      const b = button as Record<string, unknown>;
      if (typeof b["text"] !== "string" || b["text"] === "") throw badRequest("can't parse inline keyboard button: Text must be non-empty");
      if ("callback_data" in b) {
        const data = b["callback_data"];
        if (typeof data !== "string" || data === "" || Buffer.byteLength(data) > 64) throw badRequest("BUTTON_DATA_INVALID");
      } else if ("url" in b) {
        if (typeof b["url"] !== "string" || !/^(https?|tg):\/\/\S+$/i.test(b["url"])) throw badRequest("BUTTON_URL_INVALID");
      } else if (!["web_app", "login_url", "switch_inline_query", "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "copy_text", "callback_game", "pay"].some((k) => k in b)) {
        throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
      }
    }
  }
  const rows = (kb as unknown[][]).filter((r) => r.length > 0);
  return rows.length > 0 ? { inline_keyboard: rows } : undefined;
}

function withEntities(key: "entities" | "caption_entities", entities: Entity[]): Record<string, unknown> {
  return entities.length > 0 ? { [key]: entities } : {};
}

export function textContent(params: Record<string, unknown>): Record<string, unknown> {
  if (typeof params["text"] !== "string" || params["text"].trim() === "") throw badRequest("message text is empty");
  const f = formatText(params["text"], params["parse_mode"], params["entities"]);
  if (f.text === "") throw badRequest("message text is empty");
  if (f.text.length > 4096) throw badRequest("message is too long");
  return { text: f.text, ...withEntities("entities", f.entities) };
}

export function captionContent(params: Record<string, unknown>): Record<string, unknown> {
  const raw = params["caption"];
  if (typeof raw !== "string" || raw === "") return {};
  const f = formatText(raw, params["parse_mode"], params["caption_entities"]);
  if (f.text.length > 1024) throw badRequest("message caption is too long");
  if (f.text === "") return {};
  return {
    caption: f.text,
    ...withEntities("caption_entities", f.entities),
    ...(params["show_caption_above_media"] === true ? { show_caption_above_media: true } : {}),
  };
}

/** Resolves a file parameter: an upload (registered now), a known file_id, or a URL. */
function resolveFile(s: FakeState, ctx: MethodContext, value: unknown, kind: FileKind): StoredFile & { file_name?: string } {
  if (typeof value === "object" && value !== null) {
    const upload = ctx.uploads.get(value as UploadedFile);
    if (!upload) throw badRequest("wrong file identifier/HTTP URL specified");
    const file = s.store.addFile(upload.bytes, { kind, filename: upload.filename, mime: mimeFor(upload.filename, upload.contentType) });
    upload.fileId = file.file_id;
    return { ...file, file_name: upload.filename };
  }
  if (typeof value !== "string" || value === "") throw badRequest(`there is no ${kind} in the request`);
  const known = s.store.files.get(value);
  if (known) return { ...known, file_name: known.file_path.split("/").pop() ?? "file" };
  if (/^https?:\/\//i.test(value)) {
    const name = new URL(value).pathname.split("/").pop() || `file.${kind}`;
    return { ...s.store.addFile(Buffer.alloc(0), { kind, filename: name }), file_name: name };
  }
  throw badRequest("wrong file identifier/HTTP URL specified");
}

function mediaObject(kind: FileKind, f: StoredFile & { file_name?: string }, params: Record<string, unknown>): unknown {
  const base = { file_id: f.file_id, file_unique_id: f.file_unique_id, file_size: f.file_size };
  const num = (k: string, d: number): number => (typeof params[k] === "number" ? (params[k] as number) : d);
  switch (kind) {
    case "photo":
      return [{ ...base, width: num("width", 1280), height: num("height", 960) }];
    case "document":
      return { ...base, file_name: f.file_name, mime_type: f.mime };
    case "video":
    case "animation":
      return { ...base, width: num("width", 640), height: num("height", 360), duration: num("duration", 5), file_name: f.file_name, mime_type: f.mime };
    case "voice":
      return { ...base, duration: num("duration", 3), mime_type: "audio/ogg" };
    case "audio":
      return { ...base, duration: num("duration", 30), file_name: f.file_name, mime_type: f.mime, ...(params["title"] ? { title: params["title"] } : {}), ...(params["performer"] ? { performer: params["performer"] } : {}) };
    case "sticker":
      return { ...base, type: "regular", width: 512, height: 512, is_animated: false, is_video: false };
    case "video_note":
      return { ...base, length: num("length", 240), duration: num("duration", 5) };
  }
}

/** The part of a message every send shares; `message_id` is assigned by {@link commit}. */
function baseMessage(s: FakeState, ctx: MethodContext, chatId: number, params: Record<string, unknown>, withMarkup = true): StoredMessage {
  const chat = s.store.chat(chatId);
  const msg: StoredMessage = { message_id: 0, date: nowSeconds(), chat };
  if (chat.type === "channel") msg["sender_chat"] = chat;
  else msg["from"] = { id: ctx.bot.id, is_bot: true, first_name: ctx.bot.first_name, username: ctx.bot.username };
  if (typeof params["message_thread_id"] === "number") {
    msg["message_thread_id"] = params["message_thread_id"];
    if (chat.type === "supergroup") msg["is_topic_message"] = true;
  }
  const rp = params["reply_parameters"] as { message_id?: unknown; chat_id?: unknown } | undefined;
  const replyId = rp?.message_id ?? params["reply_to_message_id"];
  if (typeof replyId === "number") {
    const replyChat = rp?.chat_id !== undefined ? toChatId(rp.chat_id) : chatId;
    const target = s.store.get(replyChat, replyId);
    if (target) {
      const { reply_to_message: _nested, ...rest } = target;
      msg["reply_to_message"] = structuredClone(rest);
    }
  }
  if (withMarkup) {
    const markup = inlineMarkup(params["reply_markup"]);
    if (markup) msg["reply_markup"] = markup;
  }
  if (params["protect_content"] === true) msg["has_protected_content"] = true;
  return msg;
}

/** Rate-limits, numbers and stores new messages. */
function commit(s: FakeState, chatId: number, messages: StoredMessage[]): StoredMessage[] {
  if (s.limiter) {
    const wait = s.limiter.consume(chatId, messages.length);
    if (wait !== null) throw new TelegramError(429, `Too Many Requests: retry after ${wait}`, { retry_after: wait });
  }
  for (const m of messages) {
    m.message_id = nextMessageId(chatId);
    s.store.put(m);
  }
  return messages.map((m) => structuredClone(m));
}

function sendOne(build: (s: FakeState, ctx: MethodContext, chatId: number) => Record<string, unknown>): Handler {
  return (s, ctx) => {
    const chatId = toChatId(ctx.params["chat_id"]);
    checkReachable(s, chatId);
    const content = build(s, ctx, chatId);
    return commit(s, chatId, [{ ...baseMessage(s, ctx, chatId, ctx.params), ...content }])[0];
  };
}

function sendMedia(kind: FileKind, field: string = kind): Handler {
  return sendOne((s, ctx) => {
    const caption = kind === "sticker" || kind === "video_note" ? {} : captionContent(ctx.params);
    const file = resolveFile(s, ctx, ctx.params[field], kind);
    const content: Record<string, unknown> = { [kind]: mediaObject(kind, file, ctx.params), ...caption };
    if (kind === "animation") content["document"] = mediaObject("document", file, ctx.params);
    if (ctx.params["has_spoiler"] === true) content["has_media_spoiler"] = true;
    return content;
  });
}

function coord(v: unknown, max: number, what: string): number {
  if (typeof v !== "number" || !Number.isFinite(v) || Math.abs(v) > max) throw badRequest(`wrong ${what}`);
  return v;
}

function copyContent(s: FakeState, fromChat: number, messageId: number): Record<string, unknown> | null {
  const source = s.store.get(fromChat, messageId);
  if (!source) return null;
  const out: Record<string, unknown> = {};
  for (const k of CONTENT_FIELDS) if (source[k] !== undefined) out[k] = structuredClone(source[k]);
  return out;
}

function forwardOrigin(s: FakeState, fromChat: number, messageId: number): Record<string, unknown> {
  const source = s.store.get(fromChat, messageId);
  if (!source) return { type: "hidden_user", sender_user_name: "Unknown", date: nowSeconds() };
  if (source.chat.type === "channel") return { type: "channel", chat: source.chat, message_id: messageId, date: source.date };
  if (source["from"]) return { type: "user", sender_user: source["from"], date: source.date };
  return { type: "chat", sender_chat: source.chat, date: source.date };
}

export function messageIds(v: unknown): number[] {
  if (!Array.isArray(v) || v.length === 0 || v.length > 100) throw badRequest("message identifiers are not specified");
  return v.map((x) => toMessageId(x));
}

function copyInto(s: FakeState, ctx: MethodContext, chatId: number, fromChat: number, id: number, forward: boolean): StoredMessage {
  const p = ctx.params;
  const msg = baseMessage(s, ctx, chatId, p, !forward);
  const content = copyContent(s, fromChat, id) ?? {};
  if (forward) {
    msg["forward_origin"] = forwardOrigin(s, fromChat, id);
  } else if (typeof p["caption"] === "string" && MEDIA_FIELDS.some((k) => k in content)) {
    delete content["caption"];
    delete content["caption_entities"];
    Object.assign(content, captionContent(p));
  } else if (p["remove_caption"] === true) {
    delete content["caption"];
    delete content["caption_entities"];
  }
  return { ...msg, ...content };
}

const sendMessage: Handler = sendOne((_s, ctx) => {
  const content = textContent(ctx.params);
  const lp = ctx.params["link_preview_options"];
  if (lp && typeof lp === "object") content["link_preview_options"] = lp;
  return content;
});

export const sendHandlers: Record<string, Handler> = {
  sendMessage,
  sendPhoto: sendMedia("photo"),
  sendDocument: sendMedia("document"),
  sendVideo: sendMedia("video"),
  sendVoice: sendMedia("voice"),
  sendAudio: sendMedia("audio"),
  sendAnimation: sendMedia("animation"),
  sendSticker: sendMedia("sticker"),
  sendVideoNote: sendMedia("video_note"),
  sendLocation: sendOne((_s, ctx) => {
    const p = ctx.params;
    const location: Record<string, unknown> = { latitude: coord(p["latitude"], 90, "latitude"), longitude: coord(p["longitude"], 180, "longitude") };
    for (const k of ["horizontal_accuracy", "live_period", "heading", "proximity_alert_radius"]) if (p[k] !== undefined) location[k] = p[k];
    return { location };
  }),
  sendVenue: sendOne((_s, ctx) => {
    const p = ctx.params;
    const location = { latitude: coord(p["latitude"], 90, "latitude"), longitude: coord(p["longitude"], 180, "longitude") };
    return { location, venue: { location, title: String(p["title"] ?? ""), address: String(p["address"] ?? "") } };
  }),
  sendContact: sendOne((_s, ctx) => {
    const p = ctx.params;
    if (!p["phone_number"]) throw badRequest("phone number is empty");
    return { contact: { phone_number: String(p["phone_number"]), first_name: String(p["first_name"] ?? ""), ...(p["last_name"] ? { last_name: p["last_name"] } : {}) } };
  }),
  sendDice: sendOne((_s, ctx) => ({ dice: { emoji: typeof ctx.params["emoji"] === "string" ? ctx.params["emoji"] : "🎲", value: 1 + Math.floor(Math.random() * 6) } })),
  sendPoll: sendOne((_s, ctx) => {
    const p = ctx.params;
    const options = Array.isArray(p["options"]) ? (p["options"] as unknown[]) : [];
    if (options.length < 2) throw badRequest("poll must have at least 2 option");
    return {
      poll: {
        id: String(Date.now()), question: String(p["question"] ?? ""), total_voter_count: 0, is_closed: false,
        is_anonymous: p["is_anonymous"] !== false, type: p["type"] === "quiz" ? "quiz" : "regular",
        allows_multiple_answers: p["allows_multiple_answers"] === true,
        options: options.map((o) => ({ text: typeof o === "string" ? o : String((o as { text?: unknown }).text ?? ""), voter_count: 0 })),
      },
    };
  }),
  sendMediaGroup: (s, ctx) => {
    const chatId = toChatId(ctx.params["chat_id"]);
    checkReachable(s, chatId);
    const media = ctx.params["media"];
    if (!Array.isArray(media) || media.length < 2 || media.length > 10) throw badRequest("wrong number of media");
    const groupId = String(10_000_000_000_000 + Math.floor(Math.random() * 1e12));
    const messages = (media as Array<Record<string, unknown>>).map((item) => {
      const kind = item["type"];
      if (kind !== "photo" && kind !== "video" && kind !== "document" && kind !== "audio") throw badRequest("wrong media type");
      const file = resolveFile(s, ctx, item["media"], kind);
      return {
        ...baseMessage(s, ctx, chatId, ctx.params, false),
        media_group_id: groupId,
        [kind]: mediaObject(kind, file, item),
        ...captionContent(item),
        ...(item["has_spoiler"] === true ? { has_media_spoiler: true } : {}),
      };
    });
    return commit(s, chatId, messages);
  },
  forwardMessage: (s, ctx) => {
    const chatId = toChatId(ctx.params["chat_id"]);
    checkReachable(s, chatId);
    const from = toChatId(ctx.params["from_chat_id"]);
    return commit(s, chatId, [copyInto(s, ctx, chatId, from, toMessageId(ctx.params["message_id"]), true)])[0];
  },
  forwardMessages: (s, ctx) => {
    const chatId = toChatId(ctx.params["chat_id"]);
    checkReachable(s, chatId);
    const from = toChatId(ctx.params["from_chat_id"]);
    const ids = messageIds(ctx.params["message_ids"]);
    return commit(s, chatId, ids.map((id) => copyInto(s, ctx, chatId, from, id, true))).map((m) => ({ message_id: m.message_id }));
  },
  copyMessage: (s, ctx) => {
    const chatId = toChatId(ctx.params["chat_id"]);
    checkReachable(s, chatId);
    const from = toChatId(ctx.params["from_chat_id"]);
    const [m] = commit(s, chatId, [copyInto(s, ctx, chatId, from, toMessageId(ctx.params["message_id"]), false)]);
    return { message_id: m!.message_id };
  },
  copyMessages: (s, ctx) => {
    const chatId = toChatId(ctx.params["chat_id"]);
    checkReachable(s, chatId);
    const from = toChatId(ctx.params["from_chat_id"]);
    const ids = messageIds(ctx.params["message_ids"]);
    return commit(s, chatId, ids.map((id) => copyInto(s, ctx, chatId, from, id, false))).map((m) => ({ message_id: m.message_id }));
  },
};
