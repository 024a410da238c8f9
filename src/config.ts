import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const hexKey = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, "64 hex characters (32 bytes), e.g. from `openssl rand -hex 32`");

/** Telegram allows 1–256 characters of A–Z a–z 0–9 _ - for a webhook secret token. */
const webhookSecret = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,256}$/, "16–256 characters of A–Z a–z 0–9 _ -");

/** HTTP time limits: a whole request (photos from a slow phone included), its headers, a silent connection. */
const HTTP_DEFAULTS = { requestTimeoutMs: 60_000, headersTimeoutMs: 10_000, idleTimeoutMs: 30_000, maxConnectionsPerAddress: 100 } as const;

const base = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  ROLE: z.enum(["all", "web", "worker"]).default("all"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  REDIS_URL: z.string().url().default("redis://127.0.0.1:6379"),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_{}-]+$/, "letters, digits, _ - and {} (use {wardline} on Redis Cluster)")
    .default("wardline"),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  DATA_DIR: z.string().min(1).default("./data"),
  IDENTITY_KEY: hexKey.optional(),
  PUBLIC_URL: z.string().url().optional(),
  TRUST_PROXY: z
    .string()
    .regex(/^(\d|[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*)$/, "a number of proxy hops (1) or the proxies' addresses/CIDRs, comma-separated")
    .optional(),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(HTTP_DEFAULTS.requestTimeoutMs),
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(HTTP_DEFAULTS.headersTimeoutMs),
  HTTP_IDLE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(HTTP_DEFAULTS.idleTimeoutMs),
  HTTP_MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(0).max(100_000).optional(),
  LIVE_HEARTBEAT_MS: z.coerce.number().int().min(100).max(120_000).default(25_000),
  METRICS_TOKEN: z.string().regex(/^[A-Za-z0-9._~+/=-]{16,256}$/, "16–256 characters of A–Z a–z 0–9 . _ ~ + / = - (e.g. `openssl rand -hex 24`)").optional(),
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  METRICS_HOST: z.string().min(1).default("127.0.0.1"),
  TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[A-Za-z0-9_-]+$/, "a token from @BotFather, like 123456:ABC-def").optional(),
  TELEGRAM_API_ROOT: z.string().url().default("https://api.telegram.org"),
  TELEGRAM_MODE: z.enum(["webhook", "polling"]).default("polling"),
  TELEGRAM_WEBHOOK_SECRET: webhookSecret.optional(),
  TELEGRAM_BOT_USERNAME: z.string().regex(/^[A-Za-z0-9_]{5,32}$/).optional(),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(20),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(8_000),
  TRIAGE_PROVINCE_CODE: z.string().regex(/^\d{2}$/).optional(),
  SEND_RATE_PER_SECOND: z.coerce.number().int().min(1).max(1000).default(30),
  RESIDENT_TIPS_PER_HOUR: z.coerce.number().int().min(1).max(1000).default(5),
  RESIDENT_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(20),
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  PRETTY_LOGS: bool.optional(),
  ZALO_OA_APP_ID: z.string().regex(/^\d{5,25}$/, "the numeric app id from developers.zalo.me").optional(),
  ZALO_OA_SECRET_KEY: z.string().min(8).optional(),
  ZALO_APP_SECRET_KEY: z.string().min(8).optional(),
  ZALO_OA_REFRESH_TOKEN: z.string().min(8).optional(),
  ZALO_OA_ACCESS_TOKEN: z.string().min(8).optional(),
  ZALO_OA_API_ROOT: z.string().url().default("https://openapi.zalo.me"),
  ZALO_OAUTH_ROOT: z.string().url().default("https://oauth.zaloapp.com"),
  ZALO_OA_FREE_REPLIES: z.coerce.number().int().min(0).max(100).default(8),
  ZALO_OA_WINDOW_HOURS: z.coerce.number().min(1).max(168).default(48),
  ZALO_OA_MONTHLY_QUOTA: z.coerce.number().int().min(0).max(10_000_000).default(0),
  ZALO_BOT_TOKEN: z.string().regex(/^[A-Za-z0-9:_-]{8,200}$/, "the token the Zalo Bot Creator gave").optional(),
  ZALO_BOT_API_ROOT: z.string().url().default("https://bot-api.zaloplatforms.com"),
  ZALO_BOT_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, "16–256 characters of A–Z a–z 0–9 _ -").optional(),
  ZALO_SEND_RATE_PER_SECOND: z.coerce.number().min(0.1).max(100).default(5),
});

type Raw = z.infer<typeof base>;

export type Config = {
  env: Raw["NODE_ENV"];
  role: Raw["ROLE"];
  http: {
    port: number;
    host: string;
    publicUrl: string | undefined;
    trustProxy: number | string[] | false;
    requestTimeoutMs: number;
    headersTimeoutMs: number;
    idleTimeoutMs: number;
    /** Open connections one client address may hold (IPv6 by /64); 0 = no cap. */
    maxConnectionsPerAddress: number;
    liveHeartbeatMs: number;
  };
  /** Where /metrics is served: on the main port (public, or behind `token`) and/or its own listener. */
  metrics: { token: string | null; onMainPort: boolean; listener: { port: number; host: string } | null };
  log: { level: Raw["LOG_LEVEL"]; pretty: boolean };
  redis: { url: string; prefix: string };
  database:
    | { kind: "postgres"; url: string; poolMax: number }
    | { kind: "embedded"; dataDir: string };
  /** null outside production when IDENTITY_KEY is unset: a key is then kept under DATA_DIR. */
  identityKey: Buffer | null;
  telegram:
    | { enabled: false }
    | {
        enabled: true;
        token: string;
        apiRoot: string;
        username: string | undefined;
        mode: { kind: "polling" } | { kind: "webhook"; secret: string; publicUrl: string };
      };
  zalo: ZaloConfig;
  workers: { concurrency: number; sendRatePerSecond: number };
  limits: { tipsPerHour: number; messagesPerMinute: number };
  /** Days after a tip's resolution before its tipster's data is erased (src/core/retention.ts). */
  retention: { days: number };
  routing: { triageProvinceCode: string | undefined };
  shutdownTimeoutMs: number;
  dataDir: string;
};

export type ZaloConfig = {
  oa:
    | { enabled: false }
    | {
        enabled: true;
        appId: string;
        /** Signs the OA webhook (X-ZEvent-Signature). */
        oaSecretKey: string;
        /** The app's secret: the `secret_key` header of token refreshes. */
        appSecretKey: string;
        /** The first refresh token (single use); later ones are kept in the database. */
        refreshToken: string;
        accessToken: string | undefined;
        apiRoot: string;
        oauthRoot: string;
        freeReplies: number;
        windowMs: number;
        /** Proactive (outside the window) messages a month; 0 = none. */
        monthlyQuota: number;
      };
  bot: { enabled: false } | { enabled: true; token: string; apiRoot: string; webhookSecret: string };
  sendRatePerSecond: number;
};

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Rules that tie settings together; read from the raw values so they are reported alongside type errors. */
function crossFieldProblems(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (!env.IDENTITY_KEY && env.NODE_ENV === "production") {
    problems.push("IDENTITY_KEY: required in production: 64 hex characters (`openssl rand -hex 32`); it protects tipster identities and cannot change later");
  }
  if (env.TELEGRAM_BOT_TOKEN && env.TELEGRAM_MODE === "webhook") {
    if (!env.TELEGRAM_WEBHOOK_SECRET) problems.push("TELEGRAM_WEBHOOK_SECRET: required when TELEGRAM_MODE=webhook");
    if (!env.PUBLIC_URL) problems.push("PUBLIC_URL: required when TELEGRAM_MODE=webhook (the https address Telegram posts to)");
  }
  const oaKeys = ["ZALO_OA_APP_ID", "ZALO_OA_SECRET_KEY", "ZALO_APP_SECRET_KEY", "ZALO_OA_REFRESH_TOKEN"] as const;
  const oaSet = oaKeys.filter((k) => env[k]);
  if (oaSet.length > 0 && oaSet.length < oaKeys.length) {
    for (const k of oaKeys.filter((k) => !env[k])) problems.push(`${k}: required with ${oaSet.join(", ")} (the Zalo OA surface needs all four)`);
  }
  if (oaSet.length === oaKeys.length && !env.PUBLIC_URL) problems.push("PUBLIC_URL: required with the Zalo OA settings (the https address Zalo posts to)");
  if (env.ZALO_BOT_TOKEN && !env.ZALO_BOT_WEBHOOK_SECRET) problems.push("ZALO_BOT_WEBHOOK_SECRET: required with ZALO_BOT_TOKEN (the Zalo bot is reached by webhook only)");
  if (env.ZALO_BOT_TOKEN && !env.PUBLIC_URL) problems.push("PUBLIC_URL: required with ZALO_BOT_TOKEN (the https address the Zalo bot posts to)");
  const ms = (v: string | undefined, fallback: number) => (v === undefined ? fallback : Number(v));
  if (ms(env.HTTP_HEADERS_TIMEOUT_MS, HTTP_DEFAULTS.headersTimeoutMs) > ms(env.HTTP_REQUEST_TIMEOUT_MS, HTTP_DEFAULTS.requestTimeoutMs)) {
    problems.push("HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_REQUEST_TIMEOUT_MS (the headers are part of the request)");
  }
  if (env.METRICS_PORT && Number(env.METRICS_PORT) === Number(env.PORT ?? 3000)) problems.push("METRICS_PORT: must differ from PORT (it is a second listener)");
  return problems;
}

/** Parses and checks every setting at once; throws ConfigError listing every problem. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  // Empty strings mean "unset" (docker-compose and .env files produce them).
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = base.safeParse(cleaned);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.join(".");
      problems.push(`${key}: ${issue.message} (got ${JSON.stringify(cleaned[key] ?? null)})`);
    }
  }
  problems.push(...crossFieldProblems(cleaned));
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const r = parsed.data;

  const telegram: Config["telegram"] = r.TELEGRAM_BOT_TOKEN
    ? {
        enabled: true,
        token: r.TELEGRAM_BOT_TOKEN,
        apiRoot: r.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
        username: r.TELEGRAM_BOT_USERNAME,
        mode:
          r.TELEGRAM_MODE === "webhook"
            ? { kind: "webhook", secret: r.TELEGRAM_WEBHOOK_SECRET!, publicUrl: r.PUBLIC_URL! }
            : { kind: "polling" },
      }
    : { enabled: false };

  return {
    env: r.NODE_ENV,
    role: r.ROLE,
    http: {
      port: r.PORT,
      host: r.HOST,
      publicUrl: r.PUBLIC_URL,
      trustProxy: !r.TRUST_PROXY ? false : /^\d$/.test(r.TRUST_PROXY) ? Number(r.TRUST_PROXY) : r.TRUST_PROXY.split(","),
      requestTimeoutMs: r.HTTP_REQUEST_TIMEOUT_MS,
      headersTimeoutMs: r.HTTP_HEADERS_TIMEOUT_MS,
      idleTimeoutMs: r.HTTP_IDLE_TIMEOUT_MS,
      // Behind a proxy every connection comes from the proxy's address: the cap belongs there.
      maxConnectionsPerAddress: r.HTTP_MAX_CONNECTIONS_PER_ADDRESS ?? (r.TRUST_PROXY ? 0 : HTTP_DEFAULTS.maxConnectionsPerAddress),
      liveHeartbeatMs: r.LIVE_HEARTBEAT_MS,
    },
    // In production the public port serves /metrics only behind a token; a metrics port takes it off the public port.
    metrics: {
      token: r.METRICS_TOKEN ?? null,
      onMainPort: !r.METRICS_PORT && (Boolean(r.METRICS_TOKEN) || r.NODE_ENV !== "production"),
      listener: r.METRICS_PORT ? { port: r.METRICS_PORT, host: r.METRICS_HOST } : null,
    },
    log: { level: r.LOG_LEVEL, pretty: r.PRETTY_LOGS ?? r.NODE_ENV === "development" },
    redis: { url: r.REDIS_URL, prefix: r.QUEUE_PREFIX },
    database: r.DATABASE_URL
      ? { kind: "postgres", url: r.DATABASE_URL, poolMax: r.DATABASE_POOL_MAX }
      : { kind: "embedded", dataDir: r.DATA_DIR },
    identityKey: r.IDENTITY_KEY ? Buffer.from(r.IDENTITY_KEY, "hex") : null,
    telegram,
    zalo: {
      oa:
        r.ZALO_OA_APP_ID && r.ZALO_OA_SECRET_KEY && r.ZALO_APP_SECRET_KEY && r.ZALO_OA_REFRESH_TOKEN
          ? {
              enabled: true,
              appId: r.ZALO_OA_APP_ID,
              oaSecretKey: r.ZALO_OA_SECRET_KEY,
              appSecretKey: r.ZALO_APP_SECRET_KEY,
              refreshToken: r.ZALO_OA_REFRESH_TOKEN,
              accessToken: r.ZALO_OA_ACCESS_TOKEN,
              apiRoot: r.ZALO_OA_API_ROOT.replace(/\/+$/, ""),
              oauthRoot: r.ZALO_OAUTH_ROOT.replace(/\/+$/, ""),
              freeReplies: r.ZALO_OA_FREE_REPLIES,
              windowMs: r.ZALO_OA_WINDOW_HOURS * 3_600_000,
              monthlyQuota: r.ZALO_OA_MONTHLY_QUOTA,
            }
          : { enabled: false },
      bot: r.ZALO_BOT_TOKEN
        ? { enabled: true, token: r.ZALO_BOT_TOKEN, apiRoot: r.ZALO_BOT_API_ROOT.replace(/\/+$/, ""), webhookSecret: r.ZALO_BOT_WEBHOOK_SECRET! }
        : { enabled: false },
      sendRatePerSecond: r.ZALO_SEND_RATE_PER_SECOND,
    },
    workers: { concurrency: r.WORKER_CONCURRENCY, sendRatePerSecond: r.SEND_RATE_PER_SECOND },
    limits: { tipsPerHour: r.RESIDENT_TIPS_PER_HOUR, messagesPerMinute: r.RESIDENT_MESSAGES_PER_MINUTE },
    retention: { days: r.RETENTION_DAYS },
    routing: { triageProvinceCode: r.TRIAGE_PROVINCE_CODE },
    shutdownTimeoutMs: r.SHUTDOWN_TIMEOUT_MS,
    dataDir: r.DATA_DIR,
  };
}

