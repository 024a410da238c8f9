import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { registerHealth } from "./health.js";
import { registerMetrics } from "./metrics.js";
import { registerTelegramWebhook } from "./telegram-webhook.js";
import { registerZaloWebhooks } from "./zalo-webhook.js";
import { registerWeb } from "../web/plugin.js";
import { createLiveHub } from "../web/live.js";
import type { WebDeps } from "../web/context.js";

export const MAX_BODY_BYTES = 1024 * 1024;

/** TRUST_PROXY as Fastify takes it: a number of hops becomes "trust the nearest n". */
const trustProxy = (setting: number | string[] | false) =>
  typeof setting === "number" ? (_address: string, hop: number) => hop < setting : setting;

/** What the HTTP side needs: the web pages' dependencies (src/web/context.ts), one list for both. */
export type ServerDeps = WebDeps;

/** The HTTP side: webhooks (verify, enqueue, answer), health, metrics, the dashboard and the public tip page. */
export function createServer(deps: ServerDeps): FastifyInstance {
  const app = Fastify({
    loggerInstance: deps.log.child({ component: "http" }) as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }), // one line per request is noise at scale
    bodyLimit: MAX_BODY_BYTES,
    // Client addresses matter only to the public page's rate limit; behind a proxy, say which.
    trustProxy: trustProxy(deps.config.http.trustProxy),
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
  registerZaloWebhooks(app, deps);
  const live = createLiveHub(deps.config.redis.url, deps.config.redis.prefix, deps.log);
  // Open event streams would hold the server's close; end them first.
  app.addHook("preClose", () => live.close());
  registerWeb(app, deps, live);
  return app;
}
