import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { Deps } from "../deps.js";
import { registerHealth } from "./health.js";
import { registerMetrics } from "./metrics.js";
import { registerTelegramWebhook } from "./telegram-webhook.js";

export const MAX_BODY_BYTES = 1024 * 1024;

export type ServerDeps = Pick<Deps, "config" | "log" | "db" | "redis" | "queues" | "identity" | "metrics">;

/** The HTTP side: webhooks (verify, enqueue, answer), health and metrics. No work is done here. */
export function createServer(deps: ServerDeps): FastifyInstance {
  const app = Fastify({
    loggerInstance: deps.log.child({ component: "http" }) as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }), // one line per request is noise at scale
    bodyLimit: MAX_BODY_BYTES,
    trustProxy: false,
    return503OnClosing: true,
    // Deep or huge JSON is refused by size first; prototype keys are never honoured.
    onProtoPoisoning: "remove",
    onConstructorPoisoning: "remove",
  });

  app.setErrorHandler((err: { statusCode?: number; code?: string; message: string }, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status >= 500) req.log.error({ err }, "request failed");
    const message =
      status === 413 ? "body too large" : status === 400 ? "malformed request" : status === 415 ? "unsupported content type" : "internal error";
    void reply.code(status).send({ ok: false, error: message });
  });
  app.setNotFoundHandler((_req, reply) => void reply.code(404).send({ ok: false, error: "not found" }));

  registerHealth(app, deps);
  registerMetrics(app, deps);
  if (deps.config.telegram.enabled) registerTelegramWebhook(app, deps);
  return app;
}
