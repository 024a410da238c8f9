import type { FastifyInstance } from "fastify";
import type { ServerDeps } from "./server.js";

const within = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms).unref())]);

/** GET /healthz: 200 only when Redis and the database both answer; otherwise 503 naming what is down. */
export function registerHealth(app: FastifyInstance, deps: Pick<ServerDeps, "db" | "redis">): void {
  app.get("/healthz", async (_req, reply) => {
    const [database, redis] = await Promise.allSettled([
      within(deps.db.$queryRaw`SELECT 1`, 2_000),
      within(deps.redis.ping(), 2_000),
    ]);
    const checks = {
      database: database.status === "fulfilled" ? "ok" : `down: ${(database.reason as Error).message.split("\n")[0]}`,
      redis: redis.status === "fulfilled" ? "ok" : `down: ${(redis.reason as Error).message.split("\n")[0]}`,
    };
    const down = Object.entries(checks).filter(([, v]) => v !== "ok").map(([k]) => k);
    return reply.code(down.length ? 503 : 200).send({ status: down.length ? "down" : "ok", down, checks });
  });
}
