/**
 * The Zalo Bot Platform surface (`https://bot-api.zaloplatforms.com/bot<TOKEN>/<method>`).
 *
 * Documented (shared notes): the methods, `{ok, result | error_code, description}`, getUpdates
 * with `timeout` as a string returning one update, secret_token 8–256, text ≤ 2000, polling and
 * webhook exclusive. Assumed by the fake: HTTP status = error_code on errors; 401 for a wrong
 * token; 408 "Request timeout" for an empty long poll; 409 for getUpdates while a webhook is set;
 * 429 past `botSendsPerSecond` send* calls per rolling second (Zalo publishes no limits);
 * getUpdates' default timeout 30 s; sendChatAction answers `true`; message ids are hex strings.
 */
import { randomHex } from "./ids.js";
import type { BotUpdate, PollWaiter, ZaloState } from "./state.js";
import type { HandlerResult, RequestContext } from "./types.js";

export const botOk = (result: unknown): HandlerResult => ({ status: 200, body: { ok: true, result } });
export const botError = (code: number, description: string): HandlerResult => ({ status: code, body: { ok: false, error_code: code, description } });

export const BOT_SEND_METHODS = new Set(["sendMessage", "sendPhoto", "sendSticker", "sendChatAction"]);
/** Methods that produce a message in the chat (what `botSentTo` lists). */
export const BOT_MESSAGE_METHODS = new Set(["sendMessage", "sendPhoto", "sendSticker"]);
export const MAX_BOT_TEXT = 2000;

const DEFAULT_POLL_SECONDS = 30;

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined);

/** Answers a long poll: the next queued update, or 408 after `timeout` seconds. */
function getUpdates(state: ZaloState, ctx: RequestContext): Promise<HandlerResult> | HandlerResult {
  if (state.botWebhook) return botError(409, "Conflict: can't use getUpdates while webhook is active");
  const next = state.botQueue.shift();
  if (next) return botOk(next);
  const raw = str(ctx.body["timeout"]);
  const seconds = raw === undefined ? DEFAULT_POLL_SECONDS : Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0) return botError(400, "Bad Request: timeout must be a number of seconds");
  const timedOut = botError(408, "Request timeout");
  if (seconds === 0 || state.closed) return timedOut;
  return new Promise<HandlerResult>((resolve) => {
    let done = false;
    const finish = (r: HandlerResult): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      state.pollers.delete(waiter);
      ctx.signal.removeEventListener("abort", onAbort);
      resolve(r);
    };
    const waiter: PollWaiter = {
      offer(update: BotUpdate) {
        if (done || ctx.signal.aborted) return false;
        finish(botOk(update));
        return true;
      },
      cancel: () => finish(timedOut),
    };
    const onAbort = (): void => finish(timedOut);
    const timer = setTimeout(() => finish(timedOut), seconds * 1000);
    ctx.signal.addEventListener("abort", onAbort);
    state.pollers.add(waiter);
  });
}

function send(state: ZaloState, method: string, p: Record<string, unknown>, at: number): HandlerResult {
  const chatId = str(p["chat_id"]);
  if (!chatId) return botError(400, "Bad Request: chat_id is required");
  const sent = (): HandlerResult => botOk({ message_id: randomHex(16), date: at });
  switch (method) {
    case "sendMessage": {
      const text = p["text"];
      if (typeof text !== "string" || text.length === 0 || [...text].length > MAX_BOT_TEXT) {
        return botError(400, `Bad Request: text must be 1-${MAX_BOT_TEXT} characters`);
      }
      return sent();
    }
    case "sendPhoto": {
      const photo = p["photo"];
      if (typeof photo !== "string" || !/^https?:\/\//.test(photo)) return botError(400, "Bad Request: photo must be an http(s) URL");
      const caption = p["caption"];
      if (caption !== undefined && (typeof caption !== "string" || [...caption].length > MAX_BOT_TEXT)) return botError(400, "Bad Request: caption too long");
      return sent();
    }
    case "sendSticker":
      if (typeof p["sticker"] !== "string" || p["sticker"] === "") return botError(400, "Bad Request: sticker is required");
      return sent();
    default:
      if (typeof p["action"] !== "string" || p["action"] === "") return botError(400, "Bad Request: action is required");
      return botOk(true);
  }
}

export function handleBot(state: ZaloState, ctx: RequestContext, token: string, method: string): Promise<HandlerResult> | HandlerResult {
  if (token !== state.cfg.botToken) return botError(401, "Unauthorized");
  if (ctx.httpMethod !== "POST" && ctx.httpMethod !== "GET") return botError(405, "Method Not Allowed");
  const p = ctx.body;
  if (BOT_SEND_METHODS.has(method)) {
    if (!state.botLimiter.take(ctx.at)) return botError(429, "Too Many Requests");
    return send(state, method, p, ctx.at);
  }
  switch (method) {
    case "getMe":
      return botOk({ id: token.split(":")[0] ?? token, account_name: state.cfg.botAccountName, account_type: "BASIC", can_join_groups: false });
    case "getUpdates":
      return getUpdates(state, ctx);
    case "setWebhook": {
      const url = p["url"];
      const secret = p["secret_token"];
      if (typeof url !== "string" || !/^https?:\/\/./.test(url)) return botError(400, "Bad Request: url must be an http(s) URL");
      if (typeof secret !== "string" || secret.length < 8 || secret.length > 256) return botError(400, "Bad Request: secret_token must be 8-256 characters");
      state.botWebhook = { url, secretToken: secret, updatedAt: ctx.at };
      // polls waiting now would conflict with the webhook: end them
      for (const w of [...state.pollers]) w.cancel();
      return botOk({ url, updated_at: ctx.at });
    }
    case "deleteWebhook":
      state.botWebhook = null;
      return botOk({ url: "", updated_at: ctx.at });
    case "getWebhookInfo":
      return botOk({ url: state.botWebhook?.url ?? "", updated_at: state.botWebhook?.updatedAt ?? 0 });
    default:
      return botError(404, "Not Found");
  }
}
