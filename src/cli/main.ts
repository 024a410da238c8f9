import { ConfigError } from "../config.js";
import { StartupError } from "../errors.js";
import { runCli } from "./run.js";

/** `npm run cli -- <command>`: the administration commands' entry point. */
runCli(process.argv.slice(2), { env: process.env }).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError) process.stderr.write(err.message + "\n");
    else if (err instanceof StartupError) process.stderr.write(`${err.message}\n${err.hint}\n`);
    else process.stderr.write(`error: ${(err as Error).message}\n`);
    process.exit(1);
  },
);
