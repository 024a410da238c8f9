import type { Api } from "grammy";
import type { Logger } from "../logger.js";

export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member", "channel_post"] as const;

/** Registers Telegram's webhook in the background (see {@link retryInBackground}). */
export function registerWebhook(api: Api, url: string, secret: string, log: Logger): { stop(): void; done: Promise<boolean> } {
  return retryInBackground("Telegram webhook", () => api.setWebhook(url, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES], max_connections: 40 }), { url }, log);
}

/**
 * Registers a webhook in the background: a platform that is slow or down at start must not
 * keep the web process from serving (the platform keeps the last webhook anyway). Retries
 * with backoff until it succeeds or `stop` is called.
 */
export function retryInBackground(what: string, register: () => Promise<unknown>, logFields: Record<string, unknown>, log: Logger): { stop(): void; done: Promise<boolean> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const done = (async () => {
    for (let attempt = 0; !stopped; attempt++) {
      try {
        await register();
        log.info(logFields, `${what} registered`);
        return true;
      } catch (err) {
        const delay = Math.min(60_000, 1_000 * 2 ** attempt);
        log.warn({ err, retryInMs: delay }, `${what}: registration failed; retrying`);
        await new Promise<void>((r) => (timer = setTimeout(r, delay)));
      }
    }
    return false;
  })();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
    done,
  };
}
