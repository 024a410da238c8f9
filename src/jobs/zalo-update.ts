import { DelayedError } from "bullmq";
import { z } from "zod";
import { pseudonym, unsealJson } from "../crypto/identity.js";
import type { Deps } from "../deps.js";
import { exclusive } from "../queue/exclusive.js";
import { firstNotice, paceSender } from "../queue/flood.js";
import { defineJob } from "../queue/job.js";
import { lockToken } from "../queue/workers.js";
import { botUpdateSchema, unwrapBotUpdate } from "../zalo/bot-schemas.js";
import { handleZaloMessage } from "../zalo/handle.js";
import { fromBotUpdate, fromOaEvent } from "../zalo/inbound.js";
import { oaEventSchema } from "../zalo/oa-schemas.js";
import { sendZaloText } from "../zalo/send.js";

/**
 * Handles one Zalo event (OA webhook event or Bot Platform update). Idempotent like Telegram's:
 * the database remembers processed message ids; a flooding resident is slowed, never dropped;
 * one resident's messages are handled one at a time, in order.
 */
export const zaloUpdateJob = defineJob({
  queue: "inbound",
  name: "zalo-update",
  schema: z.object({ surface: z.enum(["oa", "bot"]), key: z.string().min(1).max(120), sealed: z.string().min(1) }),
  async handle(deps: Deps, data, job) {
    const channel = data.surface === "oa" ? ("ZALO_OA" as const) : ("ZALO_BOT" as const);
    const id = { channel, externalId: data.key };
    const seen = await deps.db.inboundUpdate.findUnique({ where: { channel_externalId: id }, select: { processedAt: true } });
    if (seen?.processedAt) return { skipped: "duplicate" };
    const raw = unsealJson(deps.identity, data.sealed);
    const msg = data.surface === "oa" ? fromOaEvent(oaEventSchema.parse(raw)) : fromBotUpdate(botUpdateSchema.parse(unwrapBotUpdate(raw)));
    if (!msg) return { skipped: "no resident" };

    const who = pseudonym(deps.identity, "zalo-pace", `${channel}:${msg.userId}`);
    const pace = await paceSender(deps.redis, deps.config.redis.prefix, who, data.key, deps.config.limits.messagesPerMinute, job.timestamp);
    const waitMs = pace.allowAt - Date.now();
    if (waitMs > 0) {
      if (await firstNotice(deps.redis, deps.config.redis.prefix, who, 10 * 60_000)) {
        const r = await deps.db.resident.findUnique({ where: { pseudonym: pseudonym(deps.identity, channel, msg.userId) }, select: { id: true, chatRef: true, language: true } });
        if (r) await sendZaloText(deps, { id: r.id, channel, chatRef: r.chatRef }, deps.i18n.t(r.language === "en" ? "en" : "vi", "flood-messages"), "reply").catch(() => undefined);
      }
      await job.moveToDelayed(Date.now() + waitMs, lockToken(job));
      throw new DelayedError();
    }
    const lockKey = `${deps.config.redis.prefix}:chatlock:${pseudonym(deps.identity, "zalo-chat", `${channel}:${msg.userId}`)}`;
    return exclusive(deps.redis, lockKey, job, async () => {
      await deps.db.inboundUpdate.upsert({ where: { channel_externalId: id }, create: id, update: {} });
      await handleZaloMessage(deps, channel, msg);
      await deps.db.inboundUpdate.update({ where: { channel_externalId: id }, data: { processedAt: new Date() } });
      return { handled: true };
    });
  },
});
