import type { Api } from "grammy";
import type { Update } from "grammy/types";
import type { Deps } from "../deps.js";
import { redisHealthOf } from "../queue/redis.js";
import { enqueueTelegramUpdate } from "./ingest.js";

export type Poller = { stop(): Promise<void> };

/**
 * Long polling for development (no public URL needed). Updates go to the same queue as the
 * webhook's; the offset moves past an update only after Redis has its job, so a crash or a
 * Redis outage redelivers rather than loses. Run one poller per bot (Telegram allows one).
 */
export function startTelegramPoller(deps: Pick<Deps, "queues" | "identity" | "metrics" | "log" | "redis">, api: Api): Poller {
  const controller = new AbortController();
  let offset = 0;
  const loop = (async () => {
    await api.deleteWebhook().catch((err: Error) => deps.log.warn({ err }, "deleteWebhook failed"));
    while (!controller.signal.aborted) {
      let updates: Update[];
      try {
        updates = await api.getUpdates({ offset, timeout: 25, limit: 100 }, controller.signal as Parameters<Api["getUpdates"]>[1]);
      } catch (err) {
        if (controller.signal.aborted) break;
        deps.log.warn({ err }, "getUpdates failed; retrying");
        await new Promise((r) => setTimeout(r, 2_000));
        continue;
      }
      for (const update of updates) {
        for (;;) {
          try {
            await enqueueTelegramUpdate(deps, update);
            break;
          } catch (err) {
            if (controller.signal.aborted) return;
            if (!redisHealthOf(deps.redis)?.absorbs(err)) deps.log.warn({ err, update_id: update.update_id }, "could not queue update; retrying");
            await new Promise((r) => setTimeout(r, 1_000));
          }
        }
        offset = update.update_id + 1;
      }
    }
  })();
  return {
    async stop() {
      controller.abort();
      await loop.catch(() => undefined);
    },
  };
}
