// A worker process for crash tests: the compiled service (dist/, see service.ts ensureBuilt)
// started like main.js, but in a test's own PostgreSQL schema and with a pinned bot identity.
// Env: the service's settings plus TEST_SCHEMA and TEST_BOT_INFO (JSON). Prints "ready".
import { pino } from "pino";

const { startApp } = await import("../../dist/src/app.js");
const { parseConfig } = await import("../../dist/src/config.js");

const config = parseConfig(process.env);
const app = await startApp(config, {
  log: pino({ level: process.env.LOG_LEVEL ?? "warn" }),
  schema: process.env.TEST_SCHEMA,
  botInfo: JSON.parse(process.env.TEST_BOT_INFO ?? "null") ?? undefined,
});
process.stdout.write("ready\n");
process.once("SIGTERM", () => void app.shutdown("SIGTERM").then(() => process.exit(0)));
