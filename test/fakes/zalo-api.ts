/**
 * A fake Zalo for end-to-end tests: one real HTTP server on 127.0.0.1 serving the three surfaces
 * the app talks to, under prefixes, plus the webhook deliveries Zalo's servers would make.
 *
 *   const zalo = await startFakeZalo();
 *   // app settings: oaApiRoot = zalo.oaApiRoot, oauthRoot = zalo.oauthRoot, botApiRoot = zalo.botApiRoot
 *   zalo.setOaWebhook(`${appUrl}/webhooks/zalo`);
 *   await zalo.userSends("u1", { text: "Có người lạ" });
 *   const call = await zalo.waitFor((c) => c.method === "/v3.0/oa/message/cs");
 *   expect(zalo.oaSentTo("u1")[0]?.billing).toBe("free");
 *   await zalo.close();
 *
 * The fake's clock (`now` option, `advance(ms)`) drives token expiry, the 48 h / 7 day windows
 * and the rolling rate-limit windows. It knows a user's last message because it delivered it:
 * `userSends` records the interaction at send time whatever the app answered (Zalo keeps its own
 * record independently of webhook delivery), and also when no OA webhook is set (then nothing is
 * POSTed and status is 0). follow/unfollow events do not count as interactions.
 * What is documented vs assumed is stated at the top of each file in ./zalo/.
 */
import { BOT_MESSAGE_METHODS } from "./zalo/bot.js";
import { buildBotUpdate, type BotUserContent, type BotUserSendOptions } from "./zalo/bot-updates.js";
import { Clock } from "./zalo/clock.js";
import { RollingLimiter } from "./zalo/limits.js";
import { buildFollowEvent, buildUserEvent, signatureHeaders, type OaEvent, type OaUserContent, type UserSendOptions } from "./zalo/oa-events.js";
import { postJson, waitForCall } from "./http.js";
import { callMatches, ZaloServer } from "./zalo/server.js";
import { userOf, type BotUpdate, type ZaloState } from "./zalo/state.js";
import type { Call, DeliveryResult, FakeZaloOptions, OaSend, Upload } from "./zalo/types.js";

export type { Call, DeliveryResult, FakeZaloOptions, OaSend, Surface, Upload, UploadedPart } from "./zalo/types.js";
export type { OaEvent, OaUserContent, UserSendOptions } from "./zalo/oa-events.js";
export type { BotUserContent, BotUserSendOptions } from "./zalo/bot-updates.js";
export type { BotUpdate } from "./zalo/state.js";
export { signOaWebhook } from "./zalo/oa-events.js";
export { MAX_IMAGE_BYTES, MAX_FILE_BYTES } from "./zalo/oa.js";
export { MAX_BODY_BYTES } from "./zalo/body.js";

export const ZALO_DEFAULTS = {
  appId: "1234567890123456789",
  oaId: "4318386521497837005",
  oaName: "Wardline Test OA",
  oaSecretKey: "oa-secret-key-for-tests",
  appSecretKey: "app-secret-key-for-tests",
  accessToken: "zalo-test-access-token",
  refreshToken: "zalo-test-refresh-token",
  accessTokenTtlSeconds: 90_000,
  refreshTokenTtlSeconds: 90 * 24 * 3600,
  botToken: "1234567:zalo-bot-test-token",
  botAccountName: "bot.wardline_test",
  freeReplies: 8,
  freeWindowMs: 48 * 3600_000,
  replyWindowMs: 7 * 24 * 3600_000,
  oaSendsPerSecond: 10,
  botSendsPerSecond: 20,
  webhookTimeoutMs: 10_000,
} as const;

export interface OaDelivery extends DeliveryResult {
  /** The event built (for `raw`, the event that would have been sent; the body sent is `rawBody`). */
  event: OaEvent;
  rawBody: string;
  msgId: string;
  /** `sender.id` of the event (an anonymous id for anonymous sends). */
  senderId: string;
}

export interface FollowDelivery extends DeliveryResult {
  event: OaEvent;
  rawBody: string;
}

export interface BotDelivery extends DeliveryResult {
  update: BotUpdate;
  /** true when no webhook was set and the update went to the getUpdates queue (status is 0 then). */
  queued: boolean;
}

export interface FakeZalo {
  /** `http://127.0.0.1:<port>` */
  readonly base: string;
  /** Stands for `https://openapi.zalo.me`. */
  readonly oaApiRoot: string;
  /** Stands for `https://oauth.zaloapp.com`. */
  readonly oauthRoot: string;
  /** Stands for `https://bot-api.zaloplatforms.com`. */
  readonly botApiRoot: string;
  readonly appId: string;
  readonly oaId: string;
  readonly oaSecretKey: string;
  readonly appSecretKey: string;
  readonly botToken: string;
  /** Current valid tokens (change on every refresh). */
  readonly accessToken: string;
  readonly refreshToken: string;
  /** The fake clock. */
  now(): number;
  advance(ms: number): void;

  /** Every answered request, oldest first (failed ones too). Cleared by reset(). */
  readonly calls: Call[];
  /** Files uploaded to upload/image and upload/file. Cleared by reset(). */
  readonly uploads: Upload[];
  /** Calls whose bot method, sub-path, or path suffix (e.g. "message/cs") is `pathOrMethod`. */
  callsTo(pathOrMethod: string): Call[];
  /** Successful cs sends to `userId`, with free/charged billing. */
  oaSentTo(userId: string): OaSend[];
  /** Successful promotion (proactive) sends to `userId`; never counted in oaSentTo. */
  promotionsTo(userId: string): OaSend[];
  /** Successful bot sendMessage/sendPhoto/sendSticker calls to `chatId`. */
  botSentTo(chatId: string): Call[];
  /** First call matching `predicate`, now or later; rejects after `timeoutMs` listing recent calls. */
  waitFor(predicate: (c: Call) => boolean, timeoutMs?: number): Promise<Call>;
  /** The next `times` calls matching `match` (bot method, path, path suffix, "*") answer `response` with `httpStatus`. */
  failNext(match: string, response: Record<string, unknown>, times?: number, httpStatus?: number): void;

  /** Makes the current access token answer -216 until a refresh. */
  expireAccessToken(): void;
  refreshCount(): number;

  setOaWebhook(url: string | null): void;
  /** Delivers a user message event to the OA webhook (signed) and records the interaction. */
  userSends(userId: string, content: OaUserContent, opts?: UserSendOptions): Promise<OaDelivery>;
  follow(userId: string): Promise<FollowDelivery>;
  unfollow(userId: string): Promise<FollowDelivery>;

  /** Webhook the bot set via setWebhook (null when none). */
  readonly botWebhook: { url: string; secretToken: string } | null;
  /** Delivers a bot update to the bot webhook, or queues it for getUpdates when none is set. */
  botUserSends(userId: string, content: BotUserContent, opts?: BotUserSendOptions): Promise<BotDelivery>;
  /** Updates waiting for getUpdates. */
  readonly botQueue: readonly BotUpdate[];
  /** getUpdates long polls parked now, waiting for an update. */
  waitingPolls(): number;

  /** Clears calls, uploads, cs-send records, scripted failures, rate-limit windows and the bot queue; keeps tokens, users, webhooks and the clock. */
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeZalo(opts: FakeZaloOptions = {}): Promise<FakeZalo> {
  const o = { ...ZALO_DEFAULTS, ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) } as typeof ZALO_DEFAULTS & FakeZaloOptions;
  const clock = new Clock(opts.now);
  const t0 = clock.now();
  const state: ZaloState = {
    cfg: {
      appId: o.appId,
      oaId: o.oaId,
      oaName: o.oaName,
      oaSecretKey: o.oaSecretKey,
      appSecretKey: o.appSecretKey,
      accessTokenTtlMs: o.accessTokenTtlSeconds * 1000,
      refreshTokenTtlMs: o.refreshTokenTtlSeconds * 1000,
      botToken: o.botToken,
      botAccountName: o.botAccountName,
      freeReplies: o.freeReplies,
      freeWindowMs: o.freeWindowMs,
      replyWindowMs: o.replyWindowMs,
      webhookTimeoutMs: o.webhookTimeoutMs,
    },
    clock,
    accessToken: { value: o.accessToken, expiresAt: t0 + o.accessTokenTtlSeconds * 1000, valid: true },
    refreshToken: { value: o.refreshToken, expiresAt: t0 + o.refreshTokenTtlSeconds * 1000, valid: true },
    usedRefreshTokens: new Set(),
    refreshCount: 0,
    users: new Map(),
    oaWebhookUrl: null,
    oaLimiter: new RollingLimiter(o.oaSendsPerSecond),
    botLimiter: new RollingLimiter(o.botSendsPerSecond),
    uploadIds: new Map(),
    uploads: [],
    oaSends: [],
    promotions: [],
    botWebhook: null,
    botQueue: [],
    pollers: new Set(),
    closed: false,
  };
  const server = new ZaloServer(state);
  await server.listen();
  const { calls } = server;
  const pendingWaits = new Set<(e: Error) => void>();
  const ids = { appId: o.appId, oaId: o.oaId };

  const deliverOa = async (event: OaEvent, rawBody: string, signature: UserSendOptions["signature"]): Promise<DeliveryResult> => {
    const url = state.oaWebhookUrl;
    if (url === null) return { status: 0, body: "(no OA webhook set)" };
    return postJson(url, rawBody, signatureHeaders(o.appId, rawBody, event.timestamp, o.oaSecretKey, signature), o.webhookTimeoutMs);
  };

  const followEvent = async (userId: string, kind: "follow" | "unfollow"): Promise<FollowDelivery> => {
    userOf(state, userId).following = kind === "follow";
    const event = buildFollowEvent(ids, userId, kind, clock.now());
    const rawBody = JSON.stringify(event);
    return { ...(await deliverOa(event, rawBody, "valid")), event, rawBody };
  };

  const fake: FakeZalo = {
    base: server.base,
    oaApiRoot: `${server.base}/oa`,
    oauthRoot: `${server.base}/oauth`,
    botApiRoot: `${server.base}/bot`,
    appId: o.appId,
    oaId: o.oaId,
    oaSecretKey: o.oaSecretKey,
    appSecretKey: o.appSecretKey,
    botToken: o.botToken,
    get accessToken() {
      return state.accessToken.value;
    },
    get refreshToken() {
      return state.refreshToken.value;
    },
    now: () => clock.now(),
    advance: (ms) => clock.advance(ms),
    calls,
    uploads: state.uploads,
    callsTo: (m) => calls.filter((c) => callMatches(m, c)),
    oaSentTo: (userId) => state.oaSends.filter((s) => s.userId === userId),
    promotionsTo: (userId) => state.promotions.filter((s) => s.userId === userId),
    botSentTo: (chatId) =>
      calls.filter((c) => c.surface === "bot" && c.ok && BOT_MESSAGE_METHODS.has(c.method) && String(c.body["chat_id"]) === String(chatId)),
    waitFor: (predicate, timeoutMs = 60_000) =>
      waitForCall(calls, (l) => server.onCall(l), pendingWaits, predicate, timeoutMs, () => {
        // empty long polls are noise
        const recent = calls.filter((c) => !(c.method === "getUpdates" && c.status === 408)).slice(-20).map((c) => server.describe(c));
        return `fake Zalo: no matching call within ${timeoutMs} ms; ${calls.length} call(s) recorded${recent.length ? `, most recent:\n${recent.join("\n")}` : ""}`;
      }),
    failNext: (match, response, times = 1, httpStatus = 200) => server.failNext(match, response, times, httpStatus),
    expireAccessToken: () => void (state.accessToken.valid = false),
    refreshCount: () => state.refreshCount,
    setOaWebhook: (url) => void (state.oaWebhookUrl = url),
    async userSends(userId, content, so = {}) {
      const at = clock.now();
      const { event, senderId, msgId } = buildUserEvent(ids, userId, content, at, so);
      // Zalo's record of the interaction does not depend on the app's answer: record it now.
      // Anonymous senders cannot be answered through /message/cs, so they are not recorded.
      if (!so.anonymous) {
        const user = userOf(state, userId);
        user.lastMessageAt = at;
        user.sentSinceLastMessage = 0;
      }
      const rawBody = so.raw ?? JSON.stringify(event);
      return { ...(await deliverOa(event, rawBody, so.signature)), event, rawBody, msgId, senderId };
    },
    follow: (userId) => followEvent(userId, "follow"),
    unfollow: (userId) => followEvent(userId, "unfollow"),
    get botWebhook() {
      return state.botWebhook ? { url: state.botWebhook.url, secretToken: state.botWebhook.secretToken } : null;
    },
    get botQueue() {
      return state.botQueue;
    },
    waitingPolls: () => state.pollers.size,
    async botUserSends(userId, content, so = {}) {
      const update = buildBotUpdate(userId, content, clock.now(), so);
      const hook = state.botWebhook;
      if (!hook) {
        if (![...state.pollers].some((w) => w.offer(structuredClone(update)))) state.botQueue.push(update);
        return { status: 0, body: "", update, queued: true };
      }
      const headers: Record<string, string> = {};
      const secretMode = so.secret ?? "valid";
      if (secretMode !== "none") headers["X-Bot-Api-Secret-Token"] = secretMode === "valid" ? hook.secretToken : `${hook.secretToken}-wrong`;
      const payload = JSON.stringify(so.wrapped ? { ok: true, result: update } : update);
      return { ...(await postJson(hook.url, payload, headers, o.webhookTimeoutMs)), update, queued: false };
    },
    reset() {
      server.reset();
      state.uploads.length = 0;
      state.oaSends.length = 0;
      state.promotions.length = 0;
      state.oaLimiter.reset();
      state.botLimiter.reset();
      state.botQueue.length = 0;
    },
    async close() {
      if (state.closed) return;
      state.closed = true;
      for (const w of [...state.pollers]) w.cancel();
      for (const fail of [...pendingWaits]) fail(new Error("fake Zalo closed"));
      await server.close();
    },
  };
  return fake;
}
