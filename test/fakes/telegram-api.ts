/**
 * A fake Telegram Bot API server for end-to-end tests: a real HTTP server on 127.0.0.1 that the
 * real bot talks to through grammY's `client: { apiRoot }`. It records every call, keeps the
 * messages the bot sent (so edits and "current state" can be checked), serves files, enforces
 * Telegram-like rate limits and can be scripted to fail, block, hang or lag.
 *
 *   const tg = await startFakeTelegram();
 *   const bot = new Bot(TEST_BOT_TOKEN, { botInfo: tg.botInfo, client: { apiRoot: tg.apiRoot } });
 *   ...
 *   const call = await tg.waitFor((c) => c.method === "sendMessage" && c.params.chat_id === 42);
 *   await tg.close();
 *
 * Internals live in ./telegram/ (body parsing, parse_mode, limits, store, handlers, webhook).
 */
import type { ChatMember, Message, Update, UserFromGetMe } from "grammy/types";
import { botIdFromToken, DEFAULT_BOT_FIRST_NAME, DEFAULT_BOT_ID, DEFAULT_BOT_USERNAME, noteServedBot } from "./telegram/ids.js";
import { ingest } from "./telegram/ingest.js";
import { RateLimiter } from "./telegram/limits.js";
import { SEND_METHODS } from "./telegram/send.js";
import { ApiServer, canonicalMethod, WEBHOOK_REPLY_TOKEN, type InFlight } from "./telegram/server.js";
import { botForToken, isAllowed, type FakeState } from "./telegram/state.js";
import { Store } from "./telegram/store.js";
import type { ApiErrorSpec, Call, FakeTelegramOptions, Upload } from "./telegram/types.js";
import { deliverWebhook, type DeliverOptions, type DeliveryResult } from "./telegram/webhook.js";
import { waitForCall } from "./http.js";

export type { ApiErrorSpec, ApiResponse, Call, FakeTelegramOptions, RateLimits, Upload, UploadedFile } from "./telegram/types.js";
export type { DeliverOptions, DeliveryResult } from "./telegram/webhook.js";
export type { InFlight } from "./telegram/server.js";
export { deliverWebhook } from "./telegram/webhook.js";
export { DEFAULT_BOT_ID, DEFAULT_BOT_USERNAME } from "./telegram/ids.js";

/** A token whose bot id (its prefix) is DEFAULT_BOT_ID, matching `fake.botInfo` by default. */
export const TEST_BOT_TOKEN = `${DEFAULT_BOT_ID}:AAFakeTestTokenForWardline_0123456789`;
export { SEND_METHODS } from "./telegram/send.js";

export interface FakeTelegram {
  /** e.g. `http://127.0.0.1:43123` (no trailing slash, as grammY requires). */
  readonly apiRoot: string;
  /**
   * What getMe answers for {@link TEST_BOT_TOKEN} (or `opts.token`); pass it as grammY's `botInfo`
   * to skip getMe. For other tokens use {@link botInfoFor}: as in Telegram, a bot's id is its
   * token's numeric prefix, and messages the fake sends carry that id in `from`.
   */
  readonly botInfo: UserFromGetMe;
  /** What getMe answers for `token`. */
  botInfoFor(token: string): UserFromGetMe;
  /** Every answered request, oldest first (failed ones too). Cleared by reset(). */
  readonly calls: Call[];
  /** Every file part the bot uploaded, with bytes. Cleared by reset(). */
  readonly uploads: Upload[];
  callsTo(method: string): Call[];
  /** Successful message-producing calls ({@link SEND_METHODS}) to `chatId`. */
  sentTo(chatId: number, opts?: { includeFailed?: boolean }): Call[];
  /** First recorded call matching `predicate`, now or later; rejects after `timeoutMs` listing recent calls. */
  waitFor(predicate: (c: Call) => boolean, timeoutMs?: number): Promise<Call>;
  /** Current state of a message (after edits); undefined if unknown or deleted. */
  message(chatId: number, messageId: number): Message | undefined;
  /** Messages the fake knows in a chat (sent by the bot or ingested), by message_id. */
  messages(chatId: number): Message[];
  /** Registers a file that getFile and `/file/bot<token>/<path>` serve. */
  addFile(bytes: Uint8Array, opts?: { fileId?: string; path?: string; mime?: string }): { file_id: string; file_unique_id: string; file_size: number; file_path: string };
  /** Bytes of a registered file (uploaded by the bot or added), by file_id. */
  fileBytes(fileId: string): Buffer | undefined;
  /** The next `times` calls to `method` ("*" = any method but getUpdates) answer `error`. */
  failNext(method: string, error: ApiErrorSpec, times?: number): void;
  /** Calls to `method` ("*" = any but getUpdates) answer `error` for the next `durationMs`. */
  failFor(method: string, error: ApiErrorSpec, durationMs: number): void;
  /**
   * The next `times` (default 1) calls to `method` ("*" = any but getUpdates) whose params pass
   * `match` get no answer: the connection is cut, as by a network failure, and nothing is carried
   * out. The call is recorded with `ok: false` and `error_code: 0`.
   */
  dropNext(method: string, opts?: { times?: number; match?: (params: Record<string, unknown>) => boolean }): void;
  /** Sends to the chat answer 403 (private: "bot was blocked by the user"; groups: "bot was kicked from the ... chat"). */
  blockChat(chatId: number): void;
  unblockChat(chatId: number): void;
  /** Sends to `oldId` answer 400 "group chat was upgraded to a supergroup chat" with migrate_to_chat_id. */
  migrateChat(oldId: number, newId: number): void;
  /** What getChatMember answers for (chatId, member.user.id). */
  setChatMember(chatId: number, member: ChatMember): void;
  /** Every API response is delayed by `ms` (processing happens after the delay). */
  setLatency(ms: number): void;
  /** Calls to `method` ("*" = any) arriving in the next `durationMs` are held until then, then processed (even if the client gave up). */
  hang(method: string, durationMs: number): void;
  /** Ends the hangs set on `method` ("*" = every hang) now: the calls they held are processed at once. */
  release(method: string): void;
  /**
   * Requests received and not answered yet (held by a hang or latency, or being handled), oldest
   * first; `params` are filled once the body is read. Empty means every call made so far is in `calls`.
   */
  inFlight(): InFlight[];
  /** POSTs `update` like Telegram (secret header, retries); a JSON method in a 2xx body is executed as a webhook reply. */
  deliverWebhook(url: string, update: object, opts?: DeliverOptions): Promise<DeliveryResult>;
  /** Feeds an update to the bot: to the webhook set via setWebhook, else to the getUpdates queue. */
  pushUpdate(update: Update): Promise<void>;
  /** Makes the fake aware of incoming messages (for replies/copies/forwards, chat info, file ids, migrations, kicks). */
  ingest(input: Update | Message): void;
  /** Webhook as set by the bot (null when none). */
  readonly webhook: { url: string; secretToken: string | undefined } | null;
  /** Clears calls, uploads, scripted failures, blocks, latency, hangs, rate-limit buckets and queued updates; keeps messages, files, webhook. */
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeTelegram(opts: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const botInfo: UserFromGetMe = {
    id: opts.botId ?? (opts.token !== undefined ? botIdFromToken(opts.token) : undefined) ?? DEFAULT_BOT_ID,
    is_bot: true,
    first_name: DEFAULT_BOT_FIRST_NAME,
    username: opts.botUsername ?? DEFAULT_BOT_USERNAME,
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
  };
  const limits = opts.limits === false ? null : opts.limits ?? {};
  const state: FakeState = {
    store: new Store(),
    bot: botInfo,
    fixedBotId: opts.botId,
    lastBot: null,
    limiter: limits ? new RateLimiter(limits) : null,
    blocked: new Set(),
    left: new Set(),
    migrated: new Map(),
    webhook: null,
    allowedUpdates: null,
    queue: [],
    poller: null,
    commands: new Map(),
    members: new Map(),
    closed: false,
    onClose: new Set(),
  };
  noteServedBot(botInfo);
  const server = new ApiServer(state);
  await server.listen();
  const { calls } = server;
  const pendingWaits = new Set<(e: Error) => void>();

  const fake: FakeTelegram = {
    apiRoot: server.apiRoot,
    botInfo,
    botInfoFor: (token) => structuredClone(botForToken({ ...state, lastBot: null }, token)),
    calls,
    uploads: server.uploads,
    get webhook() {
      return state.webhook ? { url: state.webhook.url, secretToken: state.webhook.secretToken } : null;
    },
    callsTo: (method) => calls.filter((c) => c.method === method),
    sentTo: (chatId, o = {}) =>
      calls.filter((c) => SEND_METHODS.has(c.method) && String(c.params["chat_id"]) === String(chatId) && (c.ok || o.includeFailed === true)),
    waitFor: (predicate, timeoutMs = 60_000) =>
      waitForCall(calls, (l) => server.onCall(l), pendingWaits, predicate, timeoutMs, () => {
        // long-poll noise (empty getUpdates) is left out of the listing
        const recent = calls.filter((c) => !(c.method === "getUpdates" && c.ok)).slice(-20).map((c) => server.describe(c));
        return `fake Telegram: no matching call within ${timeoutMs} ms; ${calls.length} call(s) recorded${recent.length ? `, most recent:\n${recent.join("\n")}` : ""}`;
      }),
    message: (chatId, messageId) => {
      const m = state.store.get(chatId, messageId);
      return m ? (structuredClone(m) as unknown as Message) : undefined;
    },
    messages: (chatId) => state.store.list(chatId).map((m) => structuredClone(m) as unknown as Message),
    addFile(bytes, o = {}) {
      const f = state.store.addFile(bytes, { ...o, filename: o.path });
      return { file_id: f.file_id, file_unique_id: f.file_unique_id, file_size: f.file_size, file_path: f.file_path };
    },
    fileBytes: (fileId) => state.store.files.get(fileId)?.bytes,
    failNext: (method, error, times = 1) => server.failNext(method, error, times),
    failFor: (method, error, durationMs) => server.failFor(method, error, durationMs),
    dropNext: (method, o = {}) => server.dropNext(method, o.times ?? 1, o.match ?? (() => true)),
    blockChat: (chatId) => void state.blocked.add(chatId),
    unblockChat: (chatId) => void state.blocked.delete(chatId),
    migrateChat: (oldId, newId) => void state.migrated.set(oldId, newId),
    setChatMember: (chatId, member) => void state.members.set(`${chatId}:${member.user.id}`, structuredClone(member) as unknown as Record<string, unknown>),
    setLatency: (ms) => server.setLatency(ms),
    hang: (method, durationMs) => server.hang(method, durationMs),
    release: (method) => server.release(method),
    inFlight: () => [...server.inFlight],
    async deliverWebhook(url, update, o) {
      if ("update_id" in update) ingest(state, update as Update);
      const result = await deliverWebhook(url, update, o);
      // Telegram executes a method returned in the webhook response ("webhook reply")
      if (result.status >= 200 && result.status < 300 && result.body.trim().startsWith("{")) {
        let body: Record<string, unknown> | null = null;
        try {
          body = JSON.parse(result.body) as Record<string, unknown>;
        } catch {
          body = null;
        }
        if (body && typeof body["method"] === "string") {
          const { method, ...params } = body;
          await server.execute(canonicalMethod(method as string), WEBHOOK_REPLY_TOKEN, params);
        }
      }
      return result;
    },
    async pushUpdate(update) {
      if (!isAllowed(state, update)) return;
      const hook = state.webhook;
      if (hook) {
        const result = await fake.deliverWebhook(hook.url, update, hook.secretToken ? { secretToken: hook.secretToken } : {});
        if (result.status < 200 || result.status >= 300) {
          throw new Error(`fake Telegram: webhook ${hook.url} refused update ${update.update_id} after ${result.attempts} attempt(s): ${result.status} ${result.body}`);
        }
        return;
      }
      ingest(state, update);
      state.queue.push(structuredClone(update));
      state.poller?.wake();
    },
    ingest: (input) => ingest(state, input),
    reset() {
      server.reset();
      state.blocked.clear();
      state.left.clear();
      state.migrated.clear();
      state.limiter?.reset();
      state.queue = [];
    },
    async close() {
      if (state.closed) return;
      state.closed = true;
      for (const done of [...state.onClose]) done();
      for (const fail of [...pendingWaits]) fail(new Error("fake Telegram closed"));
      await server.close();
    },
  };
  return fake;
}
