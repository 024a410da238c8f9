/**
 * A private redis-server for tests that kill and restart Redis (the shared one on :6379 is never
 * touched): AOF on with fsync on every write, no RDB snapshots, data in its own temp directory.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { eventually, WAIT_MS } from "./wait.js";
import { freePort } from "./service.js";

export type OwnRedis = {
  url: string;
  port: number;
  dir: string;
  /** Kills the server (SIGKILL by default: no goodbye, only what AOF already holds survives). */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and directory; resolves once it answers PING. */
  start(): Promise<void>;
  running(): boolean;
  /** Stops it and removes its directory. */
  close(): Promise<void>;
};

export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "wardline-redis-"));
  let child: ChildProcess | null = null;
  let log = "";
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--appendonly", "yes", "--appendfsync", "always", "--dir", dir, "--save", "", "--daemonize", "no", "--maxmemory-policy", "noeviction"];
  const ping = async () => {
    const probe = new Redis({ port, host: "127.0.0.1", lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    probe.on("error", () => undefined);
    try {
      await probe.connect();
      return (await probe.ping()) === "PONG";
    } catch {
      return false;
    } finally {
      probe.disconnect();
    }
  };
  const own: OwnRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    async start() {
      const proc = spawn("redis-server", args, { stdio: ["ignore", "pipe", "pipe"] });
      child = proc;
      proc.stdout!.on("data", (d: Buffer) => (log = (log + d.toString()).slice(-10_000)));
      proc.stderr!.on("data", (d: Buffer) => (log = (log + d.toString()).slice(-10_000)));
      await eventually(async () => {
        if (proc.exitCode !== null) throw new Error(`redis-server exited ${proc.exitCode}: ${log}`);
        return ping();
      }, WAIT_MS, `redis-server on ${port}`);
    },
    running: () => child !== null && child.exitCode === null && child.signalCode === null,
    async kill(signal = "SIGKILL") {
      const proc = child;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      const gone = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
      proc.kill(signal);
      await gone;
    },
    async close() {
      await own.kill("SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await own.start();
  return own;
}
