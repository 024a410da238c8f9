/** Everything that is not a send or an edit: bot info, files, webhooks, getUpdates, chats, commands. */
import type { Update } from "grammy/types";
import { checkReachable, toChatId } from "./send.js";
import type { FakeState, Handler, MethodContext } from "./state.js";
import { isAllowed } from "./state.js";
import { badRequest, TelegramError } from "./types.js";

const CHAT_ACTIONS = new Set([
  "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice", "upload_document",
  "choose_sticker", "find_location", "record_video_note", "upload_video_note",
]);

const ok: Handler = () => true;

function commandsKey(params: Record<string, unknown>): string {
  return `${JSON.stringify(params["scope"] ?? { type: "default" })}|${typeof params["language_code"] === "string" ? params["language_code"] : ""}`;
}

function defaultMember(ctx: MethodContext, userId: number): Record<string, unknown> {
  const bot = ctx.bot;
  if (userId === bot.id) {
    return { status: "member", user: { id: bot.id, is_bot: true, first_name: bot.first_name, username: bot.username } };
  }
  return { status: "member", user: { id: userId, is_bot: false, first_name: `User${userId}` } };
}

async function getUpdates(s: FakeState, ctx: MethodContext): Promise<Update[]> {
  const p = ctx.params;
  if (s.webhook) {
    throw new TelegramError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
  }
  if (Array.isArray(p["allowed_updates"])) s.allowedUpdates = p["allowed_updates"] as string[];
  const offset = typeof p["offset"] === "number" ? p["offset"] : 0;
  const limit = Math.min(100, Math.max(1, typeof p["limit"] === "number" ? p["limit"] : 100));
  const timeout = Math.min(50, Math.max(0, typeof p["timeout"] === "number" ? p["timeout"] : 0));
  if (offset > 0) s.queue = s.queue.filter((u) => u.update_id >= offset);
  else if (offset < 0) s.queue = s.queue.slice(offset);
  const take = (): Update[] => {
    s.queue = s.queue.filter((u) => isAllowed(s, u));
    return s.queue.slice(0, limit);
  };
  s.poller?.terminate();
  s.poller = null;
  if (take().length > 0 || timeout === 0 || s.closed) return take();
  const outcome = await new Promise<"wake" | "terminated">((resolve) => {
    const done = (why: "wake" | "terminated"): void => {
      clearTimeout(timer);
      ctx.signal.removeEventListener("abort", onAbort);
      s.onClose.delete(onClose);
      if (s.poller === waiter) s.poller = null;
      resolve(why);
    };
    const onAbort = (): void => done("wake");
    const onClose = (): void => done("wake");
    const timer = setTimeout(() => done("wake"), timeout * 1000);
    const waiter = { wake: () => done("wake"), terminate: () => done("terminated") };
    ctx.signal.addEventListener("abort", onAbort);
    s.onClose.add(onClose);
    s.poller = waiter;
  });
  if (outcome === "terminated") {
    throw new TelegramError(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
  }
  return take();
}

export const miscHandlers: Record<string, Handler> = {
  getMe: (_s, ctx) => ctx.bot,
  logOut: ok,
  close: ok,
  getUpdates,
  setWebhook: (s, ctx) => {
    const p = ctx.params;
    const url = typeof p["url"] === "string" ? p["url"] : "";
    const secret = p["secret_token"];
    if (secret !== undefined && (typeof secret !== "string" || !/^[A-Za-z0-9_-]{1,256}$/.test(secret))) {
      throw badRequest("secret token contains unallowed characters");
    }
    if (url !== "" && !/^https?:\/\/[^\s/]+/i.test(url)) throw badRequest("bad webhook: Failed to resolve host: Name or service not known");
    if (p["drop_pending_updates"] === true) s.queue = [];
    if (Array.isArray(p["allowed_updates"])) s.allowedUpdates = p["allowed_updates"] as string[];
    s.webhook = url === ""
      ? null
      : {
          url,
          secretToken: typeof secret === "string" ? secret : undefined,
          maxConnections: typeof p["max_connections"] === "number" ? p["max_connections"] : undefined,
          ipAddress: typeof p["ip_address"] === "string" ? p["ip_address"] : undefined,
        };
    if (s.webhook) {
      s.poller?.terminate();
      s.poller = null;
    }
    return true;
  },
  deleteWebhook: (s, ctx) => {
    s.webhook = null;
    if (ctx.params["drop_pending_updates"] === true) s.queue = [];
    return true;
  },
  getWebhookInfo: (s) => ({
    url: s.webhook?.url ?? "",
    has_custom_certificate: false,
    pending_update_count: s.queue.length,
    ...(s.webhook?.maxConnections !== undefined ? { max_connections: s.webhook.maxConnections } : {}),
    ...(s.webhook?.ipAddress !== undefined ? { ip_address: s.webhook.ipAddress } : {}),
    ...(s.allowedUpdates ? { allowed_updates: s.allowedUpdates } : {}),
  }),
  getFile: (s, ctx) => {
    const id = ctx.params["file_id"];
    if (typeof id !== "string" || id === "") throw badRequest("file_id not specified");
    const f = s.store.files.get(id);
    if (!f) throw badRequest("invalid file_id");
    return { file_id: f.file_id, file_unique_id: f.file_unique_id, file_size: f.file_size, file_path: f.file_path };
  },
  answerCallbackQuery: (_s, ctx) => {
    if (typeof ctx.params["callback_query_id"] !== "string" || ctx.params["callback_query_id"] === "") {
      throw badRequest("query is too old and response timeout expired or query ID is invalid");
    }
    const text = ctx.params["text"];
    if (typeof text === "string" && text.length > 200) throw badRequest("MESSAGE_TOO_LONG");
    return true;
  },
  sendChatAction: (s, ctx) => {
    const chatId = toChatId(ctx.params["chat_id"]);
    checkReachable(s, chatId);
    if (typeof ctx.params["action"] !== "string" || !CHAT_ACTIONS.has(ctx.params["action"])) {
      throw badRequest("wrong parameter action in request");
    }
    return true;
  },
  setMyCommands: (s, ctx) => {
    const commands = ctx.params["commands"];
    if (!Array.isArray(commands)) throw badRequest("can't parse commands JSON object");
    for (const c of commands as Array<Record<string, unknown>>) {
      if (typeof c["command"] !== "string" || !/^[a-z0-9_]{1,32}$/.test(c["command"])) throw badRequest("BOT_COMMAND_INVALID");
      if (typeof c["description"] !== "string" || c["description"].length < 1 || c["description"].length > 256) {
        throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
      }
    }
    s.commands.set(commandsKey(ctx.params), commands as unknown[]);
    return true;
  },
  getMyCommands: (s, ctx) => s.commands.get(commandsKey(ctx.params)) ?? [],
  deleteMyCommands: (s, ctx) => {
    s.commands.delete(commandsKey(ctx.params));
    return true;
  },
  setMyDescription: ok,
  setMyShortDescription: ok,
  setMyName: ok,
  setChatMenuButton: ok,
  setMyDefaultAdministratorRights: ok,
  setMessageReaction: ok,
  pinChatMessage: ok,
  unpinChatMessage: ok,
  unpinAllChatMessages: ok,
  getChat: (s, ctx) => {
    const chatId = toChatId(ctx.params["chat_id"]);
    return { ...s.store.chat(chatId), accent_color_id: 0, max_reaction_count: 11, accepted_gift_types: { unlimited_gifts: false, limited_gifts: false, unique_gifts: false, premium_subscription: false } };
  },
  getChatMemberCount: (s, ctx) => {
    const chatId = toChatId(ctx.params["chat_id"]);
    if (chatId > 0) return 2;
    return Math.max(3, [...s.members.keys()].filter((k) => k.startsWith(`${chatId}:`)).length);
  },
  getChatMember: (s, ctx) => {
    const chatId = toChatId(ctx.params["chat_id"]);
    const userId = ctx.params["user_id"];
    if (typeof userId !== "number") throw badRequest("invalid user_id specified");
    return s.members.get(`${chatId}:${userId}`) ?? defaultMember(ctx, userId);
  },
  leaveChat: (s, ctx) => {
    const chatId = toChatId(ctx.params["chat_id"]);
    if (chatId > 0) throw badRequest("chat member status can't be changed in private chats");
    s.left.add(chatId);
    return true;
  },
};
