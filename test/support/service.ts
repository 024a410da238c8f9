/**
 * Runs the compiled service (`node dist/src/main.js`) as a child process, the way operators do.
 * `ensureBuilt()` compiles first (scripts/setup.mjs) when dist is missing or older than the sources.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "..", "..");
export const MAIN = join(ROOT, "dist", "src", "main.js");
const SOURCES = [join(ROOT, "src"), join(ROOT, "handlers"), join(ROOT, "prisma", "schema.prisma"), join(ROOT, "tsconfig.json"), join(ROOT, "tsconfig.build.json")];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (path.endsWith("src") && entry === "generated") continue; // written by the build itself
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

const isStale = () => !existsSync(MAIN) || statSync(MAIN).mtimeMs < Math.max(...SOURCES.map(newestMtime));

/**
 * Builds dist/ if it is missing or older than src/, handlers/ or the schema. A directory lock
 * keeps test files running in parallel from building at the same time.
 */
export async function ensureBuilt(): Promise<void> {
  if (!isStale()) return;
  const lock = join(ROOT, "node_modules", ".wardline-test-build.lock");
  const deadline = Date.now() + 240_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > 300_000) rmdirSync(lock); // left by a killed run
      } catch {
        // gone meanwhile
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if (!isStale()) return; // another test file built it while we waited
    try {
      execFileSync(process.execPath, ["scripts/setup.mjs"], { cwd: ROOT, stdio: "pipe", timeout: 240_000 });
    } catch (err) {
      // tsc still emits when there are type errors (those are `npm run typecheck`'s business);
      // only a build that produced nothing is fatal here.
      const e = err as { stdout?: Buffer; stderr?: Buffer; message: string };
      const output = `${e.stdout?.toString() ?? ""}${e.stderr?.toString() ?? ""}`.trim();
      if (!existsSync(MAIN)) throw new Error(`build failed: ${e.message}\n${output}`);
      process.stderr.write(`warning: scripts/setup.mjs reported errors; testing the emitted dist/ anyway:\n${output.slice(0, 4_000)}\n`);
    }
  } finally {
    rmdirSync(lock);
  }
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export type Service = {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with how it ended; rejects if it is still running after `timeoutMs` (and kills it). */
  exited(timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
  kill(): void;
};

/** Starts `node dist/src/main.js` with exactly `env` (plus PATH and HOME), from the project root. */
export function startService(env: Record<string, string>): Service {
  const started = Date.now();
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: { PATH: process.env["PATH"] ?? "/usr/bin:/bin", HOME: process.env["HOME"] ?? "/tmp", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal, ms: Date.now() - started })),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          child.kill("SIGKILL");
          reject(new Error(`still running after ${timeoutMs} ms\nstdout: ${out.slice(-2_000)}\nstderr: ${err.slice(-2_000)}`));
        }, timeoutMs);
      });
      return Promise.race([ended, timeout]).finally(() => clearTimeout(timer));
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
}
