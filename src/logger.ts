import { pino, type Logger, type LoggerOptions } from "pino";

export type { Logger };

/**
 * Keys whose values may carry secrets or a tipster's identity or words, at any depth of a
 * logged object (a whole Telegram update nests them several levels down). Code should never
 * log these; redaction is the second line of defence.
 */
export const SENSITIVE_KEYS = new Set([
  "token", "secret", "password", "identitykey", "authorization", "cookie", "set-cookie",
  "x-telegram-bot-api-secret-token", "text", "caption", "chatid", "chatref", "from", "chat",
  "sender_chat", "phone", "phone_number", "username", "first_name", "last_name", "identity", "sealed",
  // Zalo: the OA's tokens and keys, a sender's ids and names, the webhook signature.
  "access_token", "refresh_token", "secret_key", "x-zevent-signature", "x-bot-api-secret-token", "sender", "recipient",
  "user_id", "user_id_by_app", "follower", "display_name",
]);
const CENSOR = "[redacted]";
const MAX_DEPTH = 8;

/** A copy of `value` with every sensitive key censored, to any depth (deeper than MAX_DEPTH is cut). */
export function redactDeep(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) return "[too deep]";
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1));
  if (value instanceof Error) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SENSITIVE_KEYS.has(k.toLowerCase()) ? CENSOR : redactDeep(v, depth + 1);
  return out;
}

/** Matches a Telegram bot token anywhere in a string (URLs in error messages carry them). */
const TOKEN_IN_TEXT = /\d{6,}:[A-Za-z0-9_-]{20,}/g;
/** A Zalo bot token in a request path (`/bot<token>/sendMessage`). */
const BOT_PATH_TOKEN = /\/bot[^/\s]{8,}\//g;

export function scrubSecrets(s: string): string {
  return s.replace(TOKEN_IN_TEXT, "<bot-token>").replace(BOT_PATH_TOKEN, "/bot<token>/");
}

export function createLogger(opts: { level: string; pretty: boolean }, destination?: pino.DestinationStream): Logger {
  const options: LoggerOptions = {
    level: opts.level,
    formatters: {
      log(raw) {
        const obj = redactDeep(raw) as Record<string, unknown>;
        // Errors from HTTP clients quote request URLs, which carry the bot token.
        const err = obj["err"] as { message?: string; stack?: string } | undefined;
        if (err && typeof err === "object") {
          return {
            ...obj,
            err: {
              ...err,
              type: (err as Error).name,
              message: err.message ? scrubSecrets(err.message) : err.message,
              stack: err.stack ? scrubSecrets(err.stack) : err.stack,
            },
          };
        }
        return obj;
      },
    },
    hooks: {
      logMethod(args, method) {
        for (let i = 0; i < args.length; i++) {
          if (typeof args[i] === "string") args[i] = scrubSecrets(args[i] as string);
        }
        method.apply(this, args);
      },
    },
  };
  if (opts.pretty && !destination) {
    return pino({ ...options, transport: { target: "pino-pretty", options: { translateTime: "SYS:HH:MM:ss" } } });
  }
  return destination ? pino(options, destination) : pino(options);
}
