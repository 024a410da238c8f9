import { startApp } from "./app.js";
import { ConfigError, parseConfig } from "./config.js";
import { StartupError } from "./errors.js";
import { createLogger } from "./logger.js";

async function main(): Promise<void> {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee README.md, "Settings".\n`);
      process.exit(1);
    }
    throw err;
  }
  const log = createLogger(config.log);
  let app;
  try {
    app = await startApp(config, { log });
  } catch (err) {
    if (err instanceof StartupError) {
      process.stderr.write(`wardline cannot start: ${err.message}\n${err.hint}\n`);
      process.exit(1);
    }
    log.fatal({ err }, "start-up failed");
    process.exit(1);
  }
  const stop = (signal: string) => {
    // A second Ctrl-C while stopping exits at once.
    process.once(signal, () => process.exit(130));
    void app.shutdown(signal).then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

void main();
