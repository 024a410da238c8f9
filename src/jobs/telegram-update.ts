import { DelayedError } from "bullmq";
import type { Update } from "grammy/types";
import { z } from "zod";
import { pseudonym, unsealJson } from "../crypto/identity.js";
import type { Deps } from "../deps.js";
import { defineJob } from "../queue/job.js";
import { exclusive } from "../queue/exclusive.js";
import { firstNotice, paceSender } from "../queue/flood.js";
import { lockToken } from "../queue/workers.js";
import { negotiateLocale } from "../i18n.js";
import { withoutNul } from "../telegram/sanitize.js";

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
    if (!deps.bot) throw new Error("Telegram is not configured on this worker");
    const key = { channel: "TELEGRAM" as const, externalId: String(data.updateId) };
    const seen = await deps.db.inboundUpdate.findUnique({ where: { channel_externalId: key }, select: { processedAt: true } });
    if (seen?.processedAt) return { skipped: "duplicate" };
    const update = withoutNul(unsealJson(deps.identity, data.sealed) as Update);
    const sender = privateSender(update);
    if (sender) {
      const who = pseudonym(deps.identity, "tg-pace", String(sender.id));
      // Paced by when the update arrived, not when a worker got to it: a backlog is not a flood.
      const pace = await paceSender(deps.redis, deps.config.redis.prefix, who, String(data.updateId), deps.config.limits.messagesPerMinute, job.timestamp);
      const waitMs = pace.allowAt - Date.now();
      if (waitMs > 0) {
        if (await firstNotice(deps.redis, deps.config.redis.prefix, who, 10 * 60_000)) {
          await deps.bot.api.sendMessage(sender.chatId, deps.i18n.t(negotiateLocale(sender.language), "flood-messages")).catch(() => undefined);
        }
        // Slowed, not dropped: the update is handled when its turn comes.
        await job.moveToDelayed(Date.now() + waitMs, lockToken(job));
        throw new DelayedError();
      }
    }
    const chat = chatOf(update);
    const run = async () => {
      await deps.db.inboundUpdate.upsert({ where: { channel_externalId: key }, create: key, update: {} });
      await deps.bot!.handleUpdate(update);
      await deps.db.inboundUpdate.update({ where: { channel_externalId: key }, data: { processedAt: new Date() } });
      return { handled: true };
    };
    if (chat === null) return run();
    const lockKey = `${deps.config.redis.prefix}:chatlock:${pseudonym(deps.identity, "tg-chat", String(chat))}`;
    return exclusive(deps.redis, lockKey, job, run);
  },
});
