/** Shared types of the fake Zalo server (see ../zalo-api.ts). */

export type Surface = "oa" | "oauth" | "bot";

export interface FakeZaloOptions {
  /** Zalo app id (webhook `app_id`, oauth `app_id`). Default "1234567890123456789". */
  appId?: string;
  /** Official Account id (webhook `recipient.id`, getoa `oa_id`). */
  oaId?: string;
  /** OA name answered by getoa. */
  oaName?: string;
  /** OA secret key: signs webhook deliveries (`X-ZEvent-Signature`). */
  oaSecretKey?: string;
  /** App secret key: required as the `secret_key` header of the oauth refresh. */
  appSecretKey?: string;
  /** Initial access token (header `access_token` of OA calls). */
  accessToken?: string;
  /** Initial refresh token. */
  refreshToken?: string;
  /** Lifetime of an access token on the fake clock (default 90000 s = 25 h). */
  accessTokenTtlSeconds?: number;
  /** Lifetime of a refresh token on the fake clock (default 90 days; Zalo says "about 3 months"). */
  refreshTokenTtlSeconds?: number;
  /** Zalo Bot Platform token (`/bot<TOKEN>/<method>`). Default "1234567:zalo-bot-test-token". */
  botToken?: string;
  /** Bot `account_name` answered by getMe. */
  botAccountName?: string;
  /** Free cs replies per user message (default 8). */
  freeReplies?: number;
  /** How long after the user's last message cs replies are free (default 48 h). */
  freeWindowMs?: number;
  /** How long after the user's last message cs sends are allowed at all (default 7 days). */
  replyWindowMs?: number;
  /** OA API calls allowed per rolling second (default 10; Infinity disables). */
  oaSendsPerSecond?: number;
  /** Bot `send*` calls allowed per rolling second (default 20; Infinity disables). */
  botSendsPerSecond?: number;
  /** Base clock (default Date.now); `advance(ms)` adds an offset on top of it. */
  now?: () => number;
  /** Per-attempt timeout of webhook deliveries made by the fake (default 10 s). */
  webhookTimeoutMs?: number;
}

/** One request the fake answered (failed ones included). */
export interface Call {
  surface: Surface;
  /** Path under the surface prefix: `/v3.0/oa/message/cs`, `/v4/oa/access_token`, `/bot<TOKEN>/sendMessage`. */
  path: string;
  /** Bot method name (`sendMessage`) for the bot surface; the path for OA and oauth calls. */
  method: string;
  httpMethod: string;
  /** Lower-cased request headers. */
  headers: Record<string, string>;
  /** Parsed body: JSON object, form fields, or multipart fields with files as {@link UploadedPart}. */
  body: Record<string, unknown>;
  /** HTTP status answered. */
  status: number;
  /** JSON body answered. */
  response: Record<string, unknown>;
  /** OA: `error === 0`; oauth: an access_token was issued; bot: `ok === true`. */
  ok: boolean;
  /** Fake-clock time when the request arrived. */
  at: number;
}

/** How a multipart file part appears inside {@link Call.body}. */
export interface UploadedPart {
  filename: string;
  contentType: string;
  size: number;
}

/** A file the app uploaded to `upload/image` or `upload/file`, with its bytes. */
export interface Upload extends UploadedPart {
  kind: "image" | "file";
  bytes: Buffer;
  /** `attachment_id` (image) or `token` (file) the fake answered. */
  id: string;
  at: number;
}

/** A successful `/v3.0/oa/message/cs` send. */
export interface OaSend {
  userId: string;
  messageId: string;
  message: Record<string, unknown>;
  /** Quota class: free (within 48 h and under the free-reply count) or charged. */
  billing: "free" | "charged";
  free: boolean;
  at: number;
}

/** Answer of a scripted failure (see `failNext`). */
export interface ScriptedFailure {
  match: string;
  response: Record<string, unknown>;
  remaining: number;
  httpStatus: number;
}

/** What a surface handler answers. */
export interface HandlerResult {
  status: number;
  body: Record<string, unknown>;
}

export interface RequestContext {
  path: string;
  httpMethod: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  files: Map<string, { part: UploadedPart; bytes: Buffer }>;
  /** Aborted when the client goes away (long polls). */
  signal: AbortSignal;
  at: number;
}

/** Result of a webhook delivery made by the fake. */
export interface DeliveryResult {
  /** HTTP status; 0 when nothing was delivered (no webhook set, connection error, timeout). */
  status: number;
  /** Response body text, or the error message when status is 0. */
  body: string;
}
