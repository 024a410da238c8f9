// Makes a clone runnable: installs dependencies if missing, generates the Prisma client and
// compiles TypeScript to dist/. Each step runs only when what it reads changed since it last
// succeeded (a content hash stamped next to its output), so a run with nothing to do takes a
// fraction of a second. Used by `npm start`, `npm test`, `npm run cli` and `npm run bench`.
// Progress and errors go to stderr: stdout belongs to the command that follows (the CLI's answer).
import { spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { compileInputs, hashFiles, listFiles, readStamp, writeStamp } from "./build-inputs.mjs";

const PRISMA_INPUTS = ["prisma/schema.prisma", "prisma.config.ts", "node_modules/prisma/package.json", "node_modules/@prisma/client/package.json"];
const PRISMA_OUTPUT = "src/generated/prisma/client.ts";
// Kept beside what each step produced: deleting src/generated or dist/ also forgets the stamp.
const PRISMA_STAMP = "src/generated/.wardline-generate.json";
const BUILD_STAMP = "dist/.wardline-build.json";
const BUILD_OUTPUTS = ["dist/src/main.js", "dist/src/cli/main.js"];

const say = (s) => process.stderr.write(`Wardline: ${s}\n`);

/** Runs `node <args>` with its output held back (shown if it fails); on a terminal, counts the seconds. */
function run(label, args, env = {}) {
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 1000);
  const tty = Boolean(process.stderr.isTTY);
  process.stderr.write(`Wardline: ${label}…${tty ? "" : "\n"}`);
  const ticker = tty ? setInterval(() => process.stderr.write(`\rWardline: ${label}… ${seconds()} s`), 1000) : null;
  return new Promise((resolve) => {
    let output = "";
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const done = (code) => {
      if (ticker) clearInterval(ticker);
      if (tty) process.stderr.write("\r\x1b[K");
      resolve({ code, output, seconds: (Date.now() - started) / 1000 });
    };
    child.on("error", (err) => ((output += String(err)), done(1)));
    child.on("close", (code) => done(code ?? 1));
  });
}

function fail(what, r) {
  process.stderr.write(r.output.trimEnd() + "\n");
  say(`${what} failed (exit ${r.code}).`);
  process.exit(r.code || 1);
}

/** Removes what tsc emitted for sources that are gone (tsc never deletes), so dist/ holds no ghosts. */
function removeStaleOutputs(before, now) {
  const current = new Set(now);
  for (const f of before ?? []) {
    const m = /^(.*)\.tsx?$/.exec(f);
    if (current.has(f) || !m || f.endsWith(".d.ts")) continue;
    for (const out of [`dist/${m[1]}.js`, `dist/${m[1]}.js.map`]) rmSync(out, { force: true });
  }
}

if (!existsSync("node_modules/.bin/tsc")) {
  say("installing dependencies (npm ci, first run only; a few minutes)…");
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const code = await new Promise((resolve) => spawn(npm, ["ci", "--no-audit", "--no-fund"], { stdio: ["ignore", 2, 2] }).on("close", resolve));
  if (code !== 0) process.exit(code || 1);
}

const prismaHash = hashFiles(PRISMA_INPUTS);
if (readStamp(PRISMA_STAMP)?.hash !== prismaHash || !existsSync(PRISMA_OUTPUT)) {
  // `prisma generate` resolves env("DATABASE_URL") in the schema but never connects.
  const r = await run("generating the Prisma client", ["node_modules/prisma/build/index.js", "generate"], {
    DATABASE_URL: process.env.DATABASE_URL || "postgresql://127.0.0.1:5432/postgres",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  });
  if (r.code !== 0) fail("prisma generate", r);
  writeStamp(PRISMA_STAMP, { hash: prismaHash });
  say(`Prisma client generated in ${Math.round(r.seconds)} s.`);
}

// After generating: the generated client is compiled too, so it is part of the hash.
const files = listFiles(compileInputs());
const buildHash = hashFiles(files);
const last = readStamp(BUILD_STAMP);
if (last?.hash !== buildHash || !BUILD_OUTPUTS.every((f) => existsSync(f))) {
  const why = last ? `sources changed, about ${Math.max(1, Math.round(last.seconds ?? 30))} s` : "first run, about 30 s";
  removeStaleOutputs(last?.files, files);
  // Until tsc succeeds, dist/ matches no sources (a failed tsc still emits): forget the old hash,
  // and remember every file dist/ may now hold output for, to clean up after later deletions.
  writeStamp(BUILD_STAMP, { hash: null, seconds: last?.seconds, files: [...new Set([...(last?.files ?? []), ...files])] });
  const r = await run(`compiling TypeScript (${why})`, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"]);
  // tsc still emits when there are type errors; no stamp then, so the next run shows them again.
  if (r.code !== 0) fail("compiling TypeScript", r);
  writeStamp(BUILD_STAMP, { hash: buildHash, seconds: r.seconds, files });
  say(`compiled in ${Math.round(r.seconds)} s.`);
}
