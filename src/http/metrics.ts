import type { FastifyInstance } from "fastify";
import type { ServerDeps } from "./server.js";

/** GET /metrics in Prometheus text format. */
export function registerMetrics(app: FastifyInstance, deps: Pick<ServerDeps, "metrics" | "queues">): void {
  app.get("/metrics", async (_req, reply) => {
    const body = await deps.metrics.render(deps.queues);
    return reply.header("content-type", "text/plain; version=0.0.4; charset=utf-8").send(body);
  });
}
