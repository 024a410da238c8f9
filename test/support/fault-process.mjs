// One service process for fault tests: the compiled service (dist/, built by ensureBuilt) started
// like main.js, in a test's own PostgreSQL schema (TEST_SCHEMA) with a pinned bot identity
// (TEST_BOT_INFO, JSON). Prints "FAULT_READY <address or ->" once running; SIGTERM stops it cleanly.
import { pino } from "pino";

const { startApp } = await import("../../dist/src/app.js");
const { parseConfig } = await import("../../dist/src/config.js");

const config = parseConfig(process.env);
const app = await startApp(config, {
  log: pino({ level: process.env.LOG_LEVEL ?? "warn" }, pino.destination(2)),
  schema: process.env.TEST_SCHEMA,
  botInfo: JSON.parse(process.env.TEST_BOT_INFO ?? "null") ?? undefined,
});
process.stdout.write(`FAULT_READY ${app.address ?? "-"}\n`);
process.once("SIGTERM", () => void app.shutdown("SIGTERM").then(() => process.exit(0)));
