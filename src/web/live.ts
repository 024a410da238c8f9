import type { FastifyInstance } from "fastify";
import type { Logger } from "../logger.js";
import { createRedis } from "../queue/redis.js";
import { liveChannel, type TipChange } from "../core/tips/live.js";
import { officerCovers } from "../core/officers.js";
import { sessionOf } from "./context.js";

type Listener = (change: TipChange) => void;

/** One Redis subscription per web process, shared by every open dashboard. */
export type LiveHub = {
  /** `ended` is called if the hub closes first (shutdown), so the stream can be ended. */
  listen(listener: Listener, ended: () => void): () => void;
  /** Ends every stream: called before the server closes, which would otherwise wait for them. */
  close(): Promise<void>;
};

export function createLiveHub(redisUrl: string, prefix: string, log: Logger): LiveHub {
  const listeners = new Map<Listener, () => void>();
  let sub: ReturnType<typeof createRedis> | null = null;
  const connect = () => {
    // A subscriber waits for Redis to come back rather than failing: it has nothing to lose.
    sub = createRedis(redisUrl, "worker");
    sub.on("error", (err) => log.warn({ err }, "redis (live) connection error"));
    sub.on("message", (_channel, message) => {
      let change: TipChange;
      try {
        change = JSON.parse(message) as TipChange;
      } catch {
        return;
      }
      for (const l of listeners.keys()) l(change);
    });
    void sub.subscribe(liveChannel(prefix)).catch((err: Error) => log.warn({ err }, "live subscription failed"));
  };
  return {
    listen(listener, ended) {
      if (!sub) connect();
      listeners.set(listener, ended);
      return () => listeners.delete(listener);
    },
    async close() {
      for (const ended of listeners.values()) ended();
      listeners.clear();
      await sub?.quit().catch(() => undefined);
      sub = null;
    },
  };
}

/** GET /live: server-sent events naming each tip in the officer's scope as it changes. */
export function registerLive(app: FastifyInstance, hub: LiveHub): void {
  app.get("/live", (req, reply) => {
    const { officer } = sessionOf(req);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", connection: "keep-alive", "x-accel-buffering": "no" });
    res.write("retry: 5000\n\n");
    const stop = hub.listen(
      (change) => {
        const ward = change.wardId !== null && change.provinceCode ? { id: change.wardId, provinceCode: change.provinceCode } : null;
        if (!officerCovers(officer, ward, change.provinceCode)) return;
        res.write(`event: tip\ndata: ${JSON.stringify({ code: change.code, kind: change.kind })}\n\n`);
      },
      () => res.end(),
    );
    // Proxies drop idle connections; a comment every 25 s keeps this one open.
    const beat = setInterval(() => res.write(": beat\n\n"), 25_000);
    req.raw.on("close", () => {
      clearInterval(beat);
      stop();
    });
  });
}
