import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import type { UserFromGetMe } from "grammy/types";
import type { Config } from "./config.js";
import { deriveIdentityKeys } from "./crypto/identity.js";
import { loadOrCreateIdentityKey } from "./crypto/identity-key.js";
import { connectDatabase } from "./db/connect.js";
import { ensureWardDirectory, readWardDirectory } from "./db/ward-directory.js";
import { loadBoundaryLocator } from "./db/boundaries.js";
import type { Deps } from "./deps.js";
import { createServer } from "./http/server.js";
import { loadI18n } from "./i18n.js";
import { scrubSecrets, type Logger } from "./logger.js";
import { StartupError } from "./errors.js";
import { createMetrics } from "./metrics.js";
import { projectRoot } from "./project-root.js";
import { closeQueues, createQueues } from "./queue/queues.js";
import { checkRedis, createRedis, createRedisHealth } from "./queue/redis.js";
import { createWorkers, type WorkerSet } from "./queue/workers.js";
import { ALL_JOBS } from "./jobs/index.js";
import { scheduleRetention } from "./jobs/retention.js";
import { hashLegacyWebSourceKeys } from "./core/tips/web-legacy-keys.js";
import { loadDirectory } from "./core/wards/directory.js";
import { createWardIndex } from "./core/wards/search.js";
import { createBot } from "./telegram/bot.js";
import { startTelegramPoller, type Poller } from "./telegram/poller.js";
import { TELEGRAM_WEBHOOK_PATH } from "./http/telegram-webhook.js";
import { registerWebhook, retryInBackground } from "./telegram/webhook-setup.js";
import { ZALO_BOT_WEBHOOK_PATH } from "./http/zalo-webhook.js";
import { createZaloClients } from "./zalo/clients.js";

export type App = {
  deps: Deps;
  server: FastifyInstance | null;
  /** http://host:port once listening (web role). */
  address: string | null;
  /** The one shutdown path; safe to call more than once. */
  shutdown(reason: string): Promise<void>;
};

export type StartOptions = {
  log: Logger;
  /** Tests isolate themselves in their own PostgreSQL schema. */
  schema?: string;
  /** Skips getMe at start (tests, or operators who pin it). */
  botInfo?: UserFromGetMe;
};

/** Starts the parts the ROLE asks for, in dependency order; fails fast with a StartupError. */
export async function startApp(config: Config, opts: StartOptions): Promise<App> {
  const { log } = opts;
  await checkRedis(config.redis.url);
  const database = await connectDatabase(config, log, opts.schema ? { schema: opts.schema } : {});
  const cleanups: Array<() => Promise<unknown>> = [() => database.close()];
  // Parts that the shutdown path stops itself, in its own order; only a failed start needs these.
  const onFailure: Array<() => Promise<unknown>> = [];
  try {
    const identityKey = config.identityKey ?? loadOrCreateIdentityKey(config.dataDir).key;
    if (!config.identityKey) log.warn("IDENTITY_KEY is unset: using the key kept in DATA_DIR (development only)");
    const directory = await ensureWardDirectory(database.db, loadDirectory);
    if (directory.loaded) log.info({ wards: directory.wards }, "ward directory loaded");

    // Every connection reports to one health: an outage is logged once, its recovery once.
    const redisHealth = createRedisHealth(log, config.redis.url);
    const redis = redisHealth.watch(createRedis(config.redis.url, "producer"));
    cleanups.unshift(() => redis.quit());
    const queues = createQueues(redis, config.redis.prefix, log);
    cleanups.unshift(() => closeQueues(queues));

    const identity = deriveIdentityKeys(identityKey);
    const rekeyed = await hashLegacyWebSourceKeys(database.db, identity);
    if (rekeyed) log.info({ tips: rekeyed }, "web tips re-keyed: their nonces are no longer stored");
    const deps: Deps = {
      config,
      log,
      db: database.db,
      redis,
      queues,
      identity,
      metrics: createMetrics(redis, config.redis.prefix, log),
      i18n: loadI18n(join(projectRoot(), "locales")),
      wards: createWardIndex(await readWardDirectory(database.db)),
      boundaries: await loadBoundaryLocator(database.db),
      bot: null,
      zalo: createZaloClients(config, database.db, identity),
    };
    if (config.telegram.enabled) {
      deps.bot = createBot(deps, opts.botInfo);
      if (!opts.botInfo) {
        const bot = deps.bot;
        await bot.init().catch((err: Error) => {
          throw new StartupError(
            `the Telegram Bot API at ${config.telegram.enabled ? config.telegram.apiRoot : "?"} did not answer getMe (${scrubSecrets(err.message)})`,
            "Check TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT, and that this host can reach the Bot API.",
          );
        });
      }
    }

    let workers: WorkerSet | null = null;
    let workerRedis: ReturnType<typeof createRedis> | null = null;
    if (config.role !== "web") {
      workerRedis = redisHealth.watch(createRedis(config.redis.url, "worker"));
      workers = createWorkers(deps, workerRedis, ALL_JOBS);
      const started = { workers, workerRedis };
      onFailure.unshift(() => started.workers.close(1_000), () => started.workerRedis.quit());
      await scheduleRetention(queues);
    }

    let server: FastifyInstance | null = null;
    let address: string | null = null;
    let poller: Poller | null = null;
    let webhook: ReturnType<typeof registerWebhook> | null = null;
    let zaloWebhook: ReturnType<typeof registerWebhook> | null = null;
    if (config.role !== "worker") {
      server = createServer(deps);
      const web = server;
      onFailure.unshift(() => web.close());
      address = await web.listen({ port: config.http.port, host: config.http.host }).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== "EADDRINUSE" && err.code !== "EACCES") throw err;
        throw new StartupError(
          `cannot listen on ${config.http.host}:${config.http.port} (${err.code === "EADDRINUSE" ? "the port is in use" : "permission denied"})`,
          "Stop whatever holds that port, or set PORT to a free one.",
        );
      });
      const tg = config.telegram;
      if (tg.enabled && deps.bot && tg.mode.kind === "webhook") {
        webhook = registerWebhook(deps.bot.api, new URL(TELEGRAM_WEBHOOK_PATH, tg.mode.publicUrl).toString(), tg.mode.secret, log);
      } else if (tg.enabled && deps.bot && tg.mode.kind === "polling") {
        poller = startTelegramPoller(deps, deps.bot.api);
      }
      const zbot = config.zalo.bot;
      if (zbot.enabled && deps.zalo.bot) {
        const client = deps.zalo.bot;
        // Config refuses ZALO_BOT_TOKEN without PUBLIC_URL.
        const url = new URL(ZALO_BOT_WEBHOOK_PATH, config.http.publicUrl!).toString();
        zaloWebhook = retryInBackground("Zalo bot webhook", () => client.setWebhook(url, zbot.webhookSecret), { url }, log);
      }
    }
    log.info(
      { role: config.role, address, telegram: config.telegram.enabled ? config.telegram.mode.kind : "off", zaloOa: config.zalo.oa.enabled, zaloBot: config.zalo.bot.enabled },
      "wardline started",
    );

    let closing: Promise<void> | null = null;
    const shutdown = (reason: string) =>
      (closing ??= (async () => {
        log.info({ reason }, "shutting down");
        const deadline = config.shutdownTimeoutMs;
        webhook?.stop();
        zaloWebhook?.stop();
        await poller?.stop(); // 1. stop taking updates
        await server?.close();
        await workers?.close(Math.max(deadline - 1_000, 500)); // 2. finish or hand back jobs
        await workerRedis?.quit().catch(() => undefined);
        for (const cleanup of cleanups) await cleanup().catch((err: Error) => log.warn({ err }, "cleanup failed")); // 3. queues, redis, db
        log.info("stopped");
      })());
    return { deps, server, address, shutdown };
  } catch (err) {
    for (const cleanup of [...onFailure, ...cleanups]) await cleanup().catch(() => undefined);
    throw err;
  }
}
