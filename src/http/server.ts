import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { registerHealth } from "./health.js";
import { attachMetricsListener, registerMetrics } from "./metrics.js";
import { capConnectionsPerAddress, type ConnectionStats } from "./connection-limit.js";
import { registerTelegramWebhook } from "./telegram-webhook.js";
import { registerZaloWebhooks } from "./zalo-webhook.js";
import { registerWeb } from "../web/plugin.js";
import { createLiveHub } from "../web/live.js";
import { redisHealthOf } from "../queue/redis.js";
import type { WebDeps } from "../web/context.js";

export const MAX_BODY_BYTES = 1024 * 1024;

/** TRUST_PROXY as Fastify takes it: a number of hops becomes "trust the nearest n". */
const trustProxy = (setting: number | string[] | false) =>
  typeof setting === "number" ? (_address: string, hop: number) => hop < setting : setting;

/** What the HTTP side needs: the web pages' dependencies (src/web/context.ts), one list for both. */
export type ServerDeps = WebDeps;

/** The HTTP side: webhooks (verify, enqueue, answer), health, metrics, the dashboard and the public tip page. */
export function createServer(deps: ServerDeps): FastifyInstance {
  const http = deps.config.http;
  const app = Fastify({
    loggerInstance: deps.log.child({ component: "http" }) as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }), // one line per request is noise at scale
    bodyLimit: MAX_BODY_BYTES,
    // Client addresses matter only to the public page's rate limit; behind a proxy, say which.
    trustProxy: trustProxy(deps.config.http.trustProxy),
    return503OnClosing: true,
    // A request must arrive whole within these limits, or its connection is closed: half-sent
    // bodies and trickled headers cannot hold connections for ever.
    requestTimeout: http.requestTimeoutMs,
    connectionTimeout: http.idleTimeoutMs,
    http: {
      requestTimeout: http.requestTimeoutMs,
      headersTimeout: http.headersTimeoutMs,
      // Node checks both limits on this period (30 s by default): check often enough to keep them.
      connectionsCheckingInterval: Math.max(50, Math.min(30_000, Math.floor(http.headersTimeoutMs / 4))),
    },
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

  const connections: ConnectionStats = { refused: 0 };
  capConnectionsPerAddress(app.server, http.maxConnectionsPerAddress, connections);

  registerHealth(app, deps);
  if (deps.config.metrics.onMainPort) registerMetrics(app, deps, connections);
  else if (!deps.config.metrics.listener) app.log.warn("/metrics is not served in production without METRICS_TOKEN or METRICS_PORT");
  attachMetricsListener(app, deps, connections);
  if (deps.config.telegram.enabled) registerTelegramWebhook(app, deps);
  registerZaloWebhooks(app, deps);
  const live = createLiveHub(deps.config.redis.url, deps.config.redis.prefix, deps.log, redisHealthOf(deps.redis));
  // Open event streams would hold the server's close; end them first.
  app.addHook("preClose", () => live.close());
  registerWeb(app, deps, live);
  return app;
}
