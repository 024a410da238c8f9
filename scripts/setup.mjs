// Makes a fresh clone runnable: installs dependencies if missing, generates the Prisma
// client and compiles TypeScript to dist/. Safe to run repeatedly (each step is cheap
// when nothing changed). Used by `npm start`, `npm test` and `npm run bench`.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const run = (cmd, env = {}) =>
  execSync(cmd, { stdio: "inherit", env: { ...process.env, ...env } });

if (!existsSync("node_modules/.bin/tsc")) {
  run("npm ci --no-audit --no-fund");
}
// `prisma generate` resolves env("DATABASE_URL") in the schema but never connects.
run("node node_modules/prisma/build/index.js generate", {
  DATABASE_URL: process.env.DATABASE_URL || "postgresql://127.0.0.1:5432/postgres",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
});
run("node node_modules/typescript/bin/tsc -p tsconfig.build.json");
