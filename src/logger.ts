import { pino, type Logger, type LoggerOptions } from "pino";
import { errorForLog, isErrorLike, scrubSecrets } from "./log-error.js";

export { scrubSecrets };

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

/**
 * A copy of `value` with every sensitive key censored, to any depth (deeper than MAX_DEPTH is
 * cut), every error reduced to what a log may hold of it (src/log-error.ts), wherever it sits,
 * and bot tokens scrubbed from every string.
 */
export function redactDeep(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubSecrets(value);
  if (value === null || typeof value !== "object") return value;
  if (isErrorLike(value)) return errorForLog(value);
  if (depth >= MAX_DEPTH) return "[too deep]";
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SENSITIVE_KEYS.has(k.toLowerCase()) ? CENSOR : redactDeep(v, depth + 1);
  return out;
}

export function createLogger(opts: { level: string; pretty: boolean }, destination?: pino.DestinationStream): Logger {
  const options: LoggerOptions = {
    level: opts.level,
    // Errors are already reduced by the formatter; pino's own serializer would copy every field back.
    serializers: { err: (err: unknown) => err },
    formatters: {
      log: (raw) => redactDeep(raw) as Record<string, unknown>,
      bindings: (raw) => redactDeep(raw) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        const a = args as unknown[];
        if (isErrorLike(a[0])) a[0] = { err: a[0] };
        const err = a[0] !== null && typeof a[0] === "object" ? (a[0] as { err?: unknown }).err : undefined;
        // Without a message pino would use the error's own, unscrubbed.
        if (isErrorLike(err) && typeof a[1] !== "string") a.splice(1, 0, errorForLog(err).message);
        for (let i = 0; i < a.length; i++) {
          const s = a[i];
          if (typeof s !== "string") continue;
          a[i] = isErrorLike(err) && s === err.message ? errorForLog(err).message : scrubSecrets(s);
        }
        method.apply(this, a as Parameters<typeof method>);
      },
    },
  };
  if (opts.pretty && !destination) {
    return pino({ ...options, transport: { target: "pino-pretty", options: { translateTime: "SYS:HH:MM:ss" } } });
  }
  return destination ? pino(options, destination) : pino(options);
}
