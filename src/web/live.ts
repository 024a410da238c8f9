import type { FastifyInstance } from "fastify";
import type { Logger } from "../logger.js";
import { createRedis, type RedisHealth } from "../queue/redis.js";
import { liveChannel, type TipChange } from "../core/tips/live.js";
import { officerCovers } from "../core/officers.js";
import { findSession } from "../core/sign-in.js";
import { sessionCookie } from "./auth.js";
import { sessionOf, type WebDeps } from "./context.js";

type Listener = (change: TipChange) => void;

/** One Redis subscription per web process, shared by every open dashboard. */
export type LiveHub = {
  /** `ended` is called if the hub closes first (shutdown), so the stream can be ended. */
  listen(listener: Listener, ended: () => void): () => void;
  /** Ends every stream: called before the server closes, which would otherwise wait for them. */
  close(): Promise<void>;
};

export function createLiveHub(redisUrl: string, prefix: string, log: Logger, health?: RedisHealth): LiveHub {
  const listeners = new Map<Listener, () => void>();
  let sub: ReturnType<typeof createRedis> | null = null;
  const connect = () => {
    // A subscriber waits for Redis to come back rather than failing: it has nothing to lose.
    // Watched by the process's Redis health, its connection errors join the one outage line
    // (an open dashboard would otherwise log every reconnect attempt).
    sub = health ? health.watch(createRedis(redisUrl, "worker")) : createRedis(redisUrl, "worker");
    if (!health) sub.on("error", (err) => log.warn({ err }, "redis (live) connection error"));
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

/**
 * GET /live: server-sent events naming each tip in the officer's scope as it changes. The
 * session is checked again on every heartbeat: a stream ends within one beat of its officer's
 * deactivation, sign-out or session expiry.
 */
export function registerLive(app: FastifyInstance, deps: Pick<WebDeps, "config" | "db" | "log">, hub: LiveHub): void {
  const cookie = sessionCookie(deps);
  const every = deps.config.http.liveHeartbeatMs;
  app.get("/live", (req, reply) => {
    const { officer } = sessionOf(req);
    const sessionId = req.cookies[cookie.name] ?? "";
    reply.hijack();
    // The heartbeat keeps the stream from idling; the server's idle limit is for requests.
    req.raw.socket.setTimeout(0);
    const res = reply.raw;
    res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", connection: "keep-alive", "x-accel-buffering": "no" });
    res.write("retry: 5000\n\n");
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      clearInterval(beat);
      stop();
      res.end();
    };
    const stop = hub.listen((change) => {
      const ward = change.wardId !== null && change.provinceCode ? { id: change.wardId, provinceCode: change.provinceCode } : null;
      if (ended || !officerCovers(officer, ward, change.provinceCode)) return;
      res.write(`event: tip\ndata: ${JSON.stringify({ code: change.code, kind: change.kind })}\n\n`);
    }, end);
    // Proxies drop idle connections; a comment every beat keeps this one open.
    const beat = setInterval(() => {
      findSession(deps.db, sessionId, new Date(), { touch: false }).then(
        (session) => (session && !ended ? void res.write(": beat\n\n") : end()),
        (err: unknown) => deps.log.debug({ err }, "live: session not re-checked"), // the next beat tries again
      );
    }, every);
    req.raw.on("close", end);
  });
}
