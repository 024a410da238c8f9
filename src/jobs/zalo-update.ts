import { z } from "zod";
import { pseudonym, unsealJson } from "../crypto/identity.js";
import type { Deps } from "../deps.js";
import { isLocale } from "../i18n.js";
import { defineJob } from "../queue/job.js";
import { botUpdateSchema } from "../zalo/bot-schemas.js";
import { handleZaloMessage } from "../zalo/handle.js";
import { fromBotUpdate, fromOaEvent } from "../zalo/inbound.js";
import { oaEventSchema } from "../zalo/oa-schemas.js";
import { sendZaloText } from "../zalo/send.js";
import { alreadyHandled, handleOnce } from "./inbound-once.js";

/**
 * Handles one Zalo event (OA webhook event or Bot Platform update, queued as the webhook
 * checked it). Idempotent like Telegram's: the database remembers processed message ids; a
 * flooding resident is slowed, never dropped; one resident's messages are handled one at a
 * time, in order.
 */
export const zaloUpdateJob = defineJob({
  queue: "inbound",
  name: "zalo-update",
  schema: z.object({ surface: z.enum(["oa", "bot"]), key: z.string().min(1).max(120), sealed: z.string().min(1) }),
  async handle(deps: Deps, data, job) {
    const channel = data.surface === "oa" ? ("ZALO_OA" as const) : ("ZALO_BOT" as const);
    const key = { channel, externalId: data.key };
    if (await alreadyHandled(deps.db, key)) return { skipped: "duplicate" };
    const raw = unsealJson(deps.identity, data.sealed);
    const msg = data.surface === "oa" ? fromOaEvent(oaEventSchema.parse(raw), deps.identity) : fromBotUpdate(botUpdateSchema.parse(raw));
    if (!msg) return { skipped: "no resident" };

    const notify = async () => {
      const r = await deps.db.resident.findUnique({ where: { pseudonym: pseudonym(deps.identity, channel, msg.userId) }, select: { id: true, chatRef: true, language: true } });
      if (r) await sendZaloText(deps, { id: r.id, channel, chatRef: r.chatRef }, deps.i18n.t(isLocale(r.language) ? r.language : "vi", "flood-messages"), "reply").catch(() => undefined);
    };
    return handleOnce(deps, job, key, {
      pace: { who: pseudonym(deps.identity, "zalo-pace", `${channel}:${msg.userId}`), notify },
      lockKey: `${deps.config.redis.prefix}:chatlock:${pseudonym(deps.identity, "zalo-chat", `${channel}:${msg.userId}`)}`,
      handle: () => handleZaloMessage(deps, channel, msg),
    });
  },
});
