import { BotError } from "grammy";
import type { Update } from "grammy/types";
import { z } from "zod";
import { pseudonym, unsealJson } from "../crypto/identity.js";
import type { Deps } from "../deps.js";
import { defineJob } from "../queue/job.js";
import { negotiateLocale } from "../i18n.js";
import { withoutNul } from "../telegram/sanitize.js";
import { alreadyHandled, handleOnce } from "./inbound-once.js";

/** The sender of a message in a private chat (whose pace we limit); null otherwise. */
function privateSender(update: Update): { id: number; chatId: number; language?: string | undefined } | null {
  const m = update.message;
  if (!m || m.chat.type !== "private" || !m.from) return null;
  return { id: m.from.id, chatId: m.chat.id, language: m.from.language_code };
}

/** The chat an update belongs to, for per-chat ordering; null for updates without one. */
function chatOf(update: Update): number | null {
  const u = update as unknown as Record<string, { chat?: { id: number }; message?: { chat?: { id: number } } } | undefined>;
  for (const value of Object.values(u)) {
    if (value && typeof value === "object") {
      if (value.chat?.id !== undefined) return value.chat.id;
      if (value.message?.chat?.id !== undefined) return value.message.chat.id;
    }
  }
  return null;
}

/**
 * Handles one Telegram update through the bot. Idempotent: the database remembers which
 * update ids were processed (BullMQ's job id only dedupes while the job exists).
 */
export const telegramUpdateJob = defineJob({
  queue: "inbound",
  name: "telegram-update",
  schema: z.object({ updateId: z.number().int().min(0), sealed: z.string().min(1) }),
  async handle(deps: Deps, data, job) {
    const bot = deps.bot;
    if (!bot) throw new Error("Telegram is not configured on this worker");
    const key = { channel: "TELEGRAM" as const, externalId: String(data.updateId) };
    if (await alreadyHandled(deps.db, key)) return { skipped: "duplicate" };
    const update = withoutNul(unsealJson(deps.identity, data.sealed) as Update);
    const sender = privateSender(update);
    const chat = chatOf(update);
    return handleOnce(deps, job, key, {
      pace: sender
        ? {
            who: pseudonym(deps.identity, "tg-pace", String(sender.id)),
            notify: () => bot.api.sendMessage(sender.chatId, deps.i18n.t(negotiateLocale(sender.language), "flood-messages")).catch(() => undefined),
          }
        : undefined,
      lockKey: chat === null ? undefined : `${deps.config.redis.prefix}:chatlock:${pseudonym(deps.identity, "tg-chat", String(chat))}`,
      // grammY wraps a handler's error in a BotError holding the whole update: pass on the error
      // itself, so the worker sees a RateLimitedError or an UnrecoverableError for what it is.
      handle: () => bot.handleUpdate(update).catch((err: unknown) => {
        throw err instanceof BotError ? err.error : err;
      }),
    });
  },
});
