import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { StartupError } from "../errors.js";
import type { ConnectionStats } from "./connection-limit.js";
import { secretMatches } from "./secret.js";
import type { ServerDeps } from "./server.js";

type MetricsDeps = Pick<ServerDeps, "metrics" | "queues" | "config">;

/** This process's own figures, which Redis does not hold (they answer even when Redis is down). */
function processLines(stats: ConnectionStats): string[] {
  return [
    "# HELP wardline_http_connections_refused_total Connections this process closed because their address held too many (HTTP_MAX_CONNECTIONS_PER_ADDRESS).",
    "# TYPE wardline_http_connections_refused_total counter",
    `wardline_http_connections_refused_total ${stats.refused}`,
  ];
}

const bearer = (header: string | undefined) => /^Bearer +(\S+)$/i.exec(header ?? "")?.[1];

/** GET /metrics in Prometheus text format; with METRICS_TOKEN only for `Authorization: Bearer <token>`. */
export function registerMetrics(app: FastifyInstance, deps: MetricsDeps, stats: ConnectionStats): void {
  const token = deps.config.metrics.token;
  app.get("/metrics", async (req, reply) => {
    if (token !== null && !secretMatches(bearer(req.headers.authorization), token)) {
      return reply.code(401).header("www-authenticate", "Bearer").send({ ok: false, error: "metrics need the bearer token" });
    }
    const body = (await deps.metrics.render(deps.queues)) + processLines(stats).join("\n") + "\n";
    return reply.header("content-type", "text/plain; version=0.0.4; charset=utf-8").send(body);
  });
}

/**
 * METRICS_PORT: /metrics (and nothing else) on a listener of its own, for a scraper on a private
 * network; it opens and closes with the main server.
 */
export function attachMetricsListener(app: FastifyInstance, deps: MetricsDeps & Pick<ServerDeps, "log">, stats: ConnectionStats): void {
  const where = deps.config.metrics.listener;
  if (!where) return;
  const listener = Fastify({
    loggerInstance: deps.log.child({ component: "metrics-http" }) as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    connectionTimeout: 10_000,
    requestTimeout: 10_000,
  });
  registerMetrics(listener, deps, stats);
  listener.setNotFoundHandler((_req, reply) => void reply.code(404).send({ ok: false, error: "not found" }));
  app.addHook("onReady", async () => {
    await listener.listen({ port: where.port, host: where.host }).catch((err: NodeJS.ErrnoException) => {
      throw new StartupError(
        `cannot listen for metrics on ${where.host}:${where.port} (${err.code ?? err.message})`,
        "Stop whatever holds that port, or set METRICS_PORT to a free one.",
      );
    });
  });
  app.addHook("onClose", async () => {
    await listener.close();
  });
}
