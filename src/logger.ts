import { pino, type Logger, type LoggerOptions } from "pino";

export type { Logger };

/**
 * Paths that may carry secrets or a tipster's identity. Code should never log these,
 * but redaction is the second line of defence.
 */
export const REDACT_PATHS = [
  "token",
  "*.token",
  "secret",
  "*.secret",
  "password",
  "*.password",
  "identityKey",
  "*.identityKey",
  "headers.authorization",
  "headers.cookie",
  'headers["x-telegram-bot-api-secret-token"]',
  'req.headers["x-telegram-bot-api-secret-token"]',
  "req.headers.cookie",
  "text",
  "*.text",
  "caption",
  "*.caption",
  "chatId",
  "*.chatId",
  "from",
  "*.from",
  "chat",
  "*.chat",
  "phone",
  "*.phone",
  "username",
  "*.username",
];

/** Matches a Telegram bot token anywhere in a string (URLs in error messages carry them). */
const TOKEN_IN_TEXT = /\d{6,}:[A-Za-z0-9_-]{20,}/g;

export function scrubSecrets(s: string): string {
  return s.replace(TOKEN_IN_TEXT, "<bot-token>");
}

export function createLogger(opts: { level: string; pretty: boolean }, destination?: pino.DestinationStream): Logger {
  const options: LoggerOptions = {
    level: opts.level,
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    formatters: {
      log(obj) {
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
