import type { FastifyInstance, FastifyReply } from "fastify";
import { redisHealthOf } from "../queue/redis.js";
import { botUpdateSchema, unwrapBotUpdate } from "../zalo/bot-schemas.js";
import { fromBotUpdate, isIgnoredOaEvent, oaEventKey } from "../zalo/inbound.js";
import { enqueueZaloEvent } from "../zalo/ingest.js";
import { oaEventSchema } from "../zalo/oa-schemas.js";
import { oaSignature, oaSignatureMatches } from "../zalo/signature.js";
import { nestsDeeperThan } from "./json-depth.js";
import { secretMatches } from "./secret.js";
import type { ServerDeps } from "./server.js";

export const ZALO_OA_WEBHOOK_PATH = "/webhooks/zalo/oa";
export const ZALO_BOT_WEBHOOK_PATH = "/webhooks/zalo/bot";
const MAX_DEPTH = 32;

/**
 * POST /webhooks/zalo/oa and /webhooks/zalo/bot: the signature (OA) or secret token (Bot) is
 * checked before anything else is done with the request; the event is sealed and queued with
 * its message id as job id; 200 only once Redis has it (Zalo retries anything else). Nothing
 * slow happens here: Zalo wants an answer within two seconds.
 */
export function registerZaloWebhooks(app: FastifyInstance, deps: ServerDeps): void {
  const { oa, bot } = deps.config.zalo;
  const reject = (reply: FastifyReply, surface: string, reason: string, code: number, error: string) => {
    deps.metrics.inc("wardline_webhook_rejected_total", { channel: `zalo-${surface}`, reason });
    return reply.code(code).send({ ok: false, error });
  };
  const queue = async (reply: FastifyReply, surface: "oa" | "bot", key: string, event: unknown) => {
    try {
      await enqueueZaloEvent(deps, surface, key, event);
    } catch (err) {
      if (!redisHealthOf(deps.redis)?.absorbs(err)) app.log.error({ err, surface }, "could not queue Zalo event"); // an outage: counted
      return reply.code(503).send({ ok: false, error: "try again" });
    }
    return reply.code(200).send({ ok: true });
  };

  if (oa.enabled) {
    // The signature covers the raw bytes, so this route reads the body unparsed.
    void app.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser("*", { parseAs: "string" }, (_req, body, done) => done(null, body));
      scope.post(ZALO_OA_WEBHOOK_PATH, async (req, reply) => {
        const header = req.headers["x-zevent-signature"];
        if (typeof header !== "string" || header.length === 0) return reject(reply, "oa", "signature", 401, "missing signature");
        const raw = typeof req.body === "string" ? req.body : "";
        let body: unknown;
        try {
          body = JSON.parse(raw);
        } catch {
          return reject(reply, "oa", "signature", 401, "wrong signature");
        }
        const fields = body as { app_id?: unknown; timestamp?: unknown } | null;
        const timestamp = String(fields?.timestamp ?? req.headers["x-zevent-timestamp"] ?? "");
        if (String(fields?.app_id ?? "") !== oa.appId || !oaSignatureMatches(header, oaSignature(oa.appId, raw, timestamp, oa.oaSecretKey))) {
          return reject(reply, "oa", "signature", 401, "wrong signature");
        }
        const parsed = nestsDeeperThan(body, MAX_DEPTH) ? null : oaEventSchema.safeParse(body);
        if (!parsed?.success) return reject(reply, "oa", "invalid", 400, "not a Zalo OA event");
        if (isIgnoredOaEvent(parsed.data.event_name)) return reply.code(200).send({ ok: true });
        return queue(reply, "oa", oaEventKey(parsed.data, deps.identity), parsed.data);
      });
    });
  }

  if (bot.enabled) {
    const expected = bot.webhookSecret;
    app.post(ZALO_BOT_WEBHOOK_PATH, {
      onRequest: async (req, reply) => {
        if (!secretMatches(req.headers["x-bot-api-secret-token"], expected)) return reject(reply, "bot", "secret", 401, "wrong secret token");
      },
      handler: async (req, reply) => {
        const parsed = nestsDeeperThan(req.body, MAX_DEPTH) ? null : botUpdateSchema.safeParse(unwrapBotUpdate(req.body));
        if (!parsed?.success) return reject(reply, "bot", "invalid", 400, "not a Zalo bot update");
        const inbound = fromBotUpdate(parsed.data);
        if (!inbound) return reply.code(200).send({ ok: true });
        return queue(reply, "bot", inbound.key, parsed.data);
      },
    });
  }
}
