/** Shared types of the fake Telegram Bot API (see ../telegram-api.ts). */

/** One request the fake answered (failed ones included). */
export interface Call {
  method: string;
  /** The token from the URL (`/bot<token>/...`); `"(webhook-reply)"` for methods returned in a webhook response. */
  token: string;
  /** Parsed parameters: JSON fields decoded, numeric/boolean fields coerced, uploads as {@link UploadedFile}. */
  params: Record<string, unknown>;
  /** `Date.now()` when the request arrived. */
  at: number;
  /** The JSON body sent back (`{ ok: true, result }` or `{ ok: false, error_code, description, ... }`). */
  response: unknown;
  /** Shorthand for `response.ok`. */
  ok: boolean;
}

/** How an uploaded file part appears inside {@link Call.params}. */
export interface UploadedFile {
  filename: string;
  size: number;
  contentType: string;
}

/** A file the bot uploaded (multipart), with its bytes. */
export interface Upload extends UploadedFile {
  method: string;
  /** The parameter it was attached to (`photo`, `document`, `media[1].media`, ...). */
  field: string;
  bytes: Buffer;
  /** The file_id the fake assigned (set once the call succeeded). */
  fileId?: string;
  at: number;
}

export interface ApiErrorSpec {
  error_code: number;
  description: string;
  retry_after?: number;
  migrate_to_chat_id?: number;
}

export interface RateLimits {
  /** Sustained messages per second into one chat (default 1). */
  perChatPerSecond?: number;
  /** Messages one chat can take at once before the per-second rate applies (default 3). */
  perChatBurst?: number;
  /** Messages per minute into one group/supergroup (negative id) (default 20). */
  perGroupPerMinute?: number;
  /** Messages per second over all chats (default 30). */
  globalPerSecond?: number;
}

export interface FakeTelegramOptions {
  /** Rate limits; `false` disables them. */
  limits?: RateLimits | false;
  /** The bot's username (default `wardline_test_bot`). */
  botUsername?: string;
  /**
   * Pins the bot's user id for every token. By default, as in Telegram, the id is the token's
   * numeric prefix (`123456789:AA...` → 123456789), or DEFAULT_BOT_ID for tokens without one.
   */
  botId?: number;
  /** The token the bot will use; only makes `botInfo` carry that token's id. */
  token?: string;
}

export type ApiResponse =
  | { ok: true; result: unknown }
  | {
      ok: false;
      error_code: number;
      description: string;
      parameters?: { retry_after?: number; migrate_to_chat_id?: number };
    };

/** Thrown by method handlers to answer with an error. */
export class TelegramError extends Error {
  constructor(
    readonly error_code: number,
    readonly description: string,
    readonly parameters?: { retry_after?: number; migrate_to_chat_id?: number },
  ) {
    super(description);
  }
  toResponse(): ApiResponse {
    return {
      ok: false,
      error_code: this.error_code,
      description: this.description,
      ...(this.parameters ? { parameters: this.parameters } : {}),
    };
  }
}

export const badRequest = (what: string): TelegramError => new TelegramError(400, `Bad Request: ${what}`);
export const forbidden = (what: string): TelegramError => new TelegramError(403, `Forbidden: ${what}`);

export function errorFromSpec(spec: ApiErrorSpec): TelegramError {
  const parameters: { retry_after?: number; migrate_to_chat_id?: number } = {};
  if (spec.retry_after !== undefined) parameters.retry_after = spec.retry_after;
  if (spec.migrate_to_chat_id !== undefined) parameters.migrate_to_chat_id = spec.migrate_to_chat_id;
  return new TelegramError(
    spec.error_code,
    spec.description,
    Object.keys(parameters).length > 0 ? parameters : undefined,
  );
}
