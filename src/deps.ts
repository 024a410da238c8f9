import type { Bot } from "grammy";
import type { Redis } from "ioredis";
import type { Config } from "./config.js";
import type { IdentityKeys } from "./crypto/identity.js";
import type { Db } from "./db/client.js";
import type { I18n } from "./i18n.js";
import type { Logger } from "./logger.js";
import type { Metrics } from "./metrics.js";
import type { Queues } from "./queue/queues.js";
import type { WardIndex } from "./core/wards/search.js";
import type { BoundaryLocator } from "./core/wards/locator.js";
import type { BotContext } from "../handlers/telegram/context.js";
import type { ZaloClients } from "./zalo/clients.js";

/** Everything the service's parts need, made once in main.ts and passed in. */
export type Deps = {
  config: Config;
  log: Logger;
  db: Db;
  /** Producer connection: fails fast when Redis is down. */
  redis: Redis;
  queues: Queues;
  identity: IdentityKeys;
  metrics: Metrics;
  i18n: I18n;
  wards: WardIndex;
  /** Ward boundaries imported by an operator (`npm run cli -- boundaries import`), read at start. */
  boundaries: BoundaryLocator;
  /** The Telegram bot (API client and update handlers); null when no token is configured. */
  bot: Bot<BotContext> | null;
  /** Zalo OA and Bot Platform clients; each null when not configured. */
  zalo: ZaloClients;
};
