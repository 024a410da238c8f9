import type { FastifyInstance } from "fastify";
import { redisHealthOf } from "../queue/redis.js";
import { enqueueTelegramUpdate } from "../telegram/ingest.js";
import { nestsDeeperThan } from "./json-depth.js";
import { secretMatches } from "./secret.js";
import { telegramUpdateSchema } from "./telegram-update-schema.js";
import type { ServerDeps } from "./server.js";

export const TELEGRAM_WEBHOOK_PATH = "/webhooks/telegram";
/** Real updates nest about 8 levels (a reply to a message with entities); far more is hostile. */
const MAX_DEPTH = 64;

/**
 * POST /webhooks/telegram: secret checked (before the body is read), shape checked, update
 * sealed and queued with a job id from update_id; 200 only once Redis has the job, so
 * Telegram redelivers anything we could not take.
 */
export function registerTelegramWebhook(app: FastifyInstance, deps: ServerDeps): void {
  const tg = deps.config.telegram;
  if (!tg.enabled) return;
  const expected = tg.mode.kind === "webhook" ? tg.mode.secret : null;

  app.post(TELEGRAM_WEBHOOK_PATH, {
    onRequest: async (req, reply) => {
      if (expected === null || !secretMatches(req.headers["x-telegram-bot-api-secret-token"], expected)) {
        deps.metrics.inc("wardline_webhook_rejected_total", { channel: "telegram", reason: "secret" });
        return reply.code(401).send({ ok: false, error: "wrong secret token" });
      }
    },
    handler: async (req, reply) => {
      const parsed = nestsDeeperThan(req.body, MAX_DEPTH) ? null : telegramUpdateSchema.safeParse(req.body);
      if (!parsed?.success) {
        deps.metrics.inc("wardline_webhook_rejected_total", { channel: "telegram", reason: "invalid" });
        return reply.code(400).send({ ok: false, error: "not a Telegram update" });
      }
      try {
        await enqueueTelegramUpdate(deps, parsed.data);
      } catch (err) {
        // During a Redis outage the refusal is counted by its one outage line, not logged each time.
        if (!redisHealthOf(deps.redis)?.absorbs(err)) req.log.error({ err, update_id: parsed.data.update_id }, "could not queue update");
        // Non-2xx makes Telegram deliver it again later: nothing is lost.
        return reply.code(503).send({ ok: false, error: "try again" });
      }
      return reply.code(200).send({ ok: true });
    },
  });
}
