import { DelayedError, UnrecoverableError, Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import type { Deps } from "../deps.js";
import { watchDatabase } from "../db/outage.js";
import { redactInPlace } from "../log-error.js";
import type { JobDef } from "./job.js";
import { parsePayload } from "./job.js";
import { QUEUE_NAMES, type QueueName } from "./queues.js";
import { redisHealthOf } from "./redis.js";

/** Thrown by a job that a platform told to wait (HTTP 429): the whole queue pauses that long. */
export class RateLimitedError extends Error {
  override readonly name = "RateLimitedError";
  constructor(readonly retryAfterMs: number) {
    super(`rate limited for ${retryAfterMs} ms`);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJobDef = JobDef<any, Deps>;

export type WorkerSet = { workers: Worker[]; close(deadlineMs: number): Promise<void> };

/** Starts one BullMQ worker per queue that has jobs, dispatching by job name. */
export function createWorkers(deps: Deps, connection: Redis, jobs: AnyJobDef[]): WorkerSet {
  const byQueue = new Map<QueueName, Map<string, AnyJobDef>>();
  for (const def of jobs) {
    const map = byQueue.get(def.queue) ?? new Map<string, AnyJobDef>();
    if (map.has(def.name)) throw new Error(`job ${def.queue}/${def.name} defined twice`);
    map.set(def.name, def);
    byQueue.set(def.queue, map);
  }
  const workers: Worker[] = [];
  // During a known outage, failed attempts are counted (in the outage's recovery line), not
  // logged one by one: a PostgreSQL outage fails every job again and again.
  const redis = redisHealthOf(connection);
  const database = watchDatabase(deps.log, () => deps.db.$queryRaw`SELECT 1`, { address: databaseAddress(deps) });
  const quiet = new WeakSet<object>();
  const countedInOutage = (err: unknown) => {
    const outage = database.absorbs(err) ? database.outage : redis?.absorbs(err) ? redis.outage : null;
    if (!outage || err === null || typeof err !== "object") return;
    outage.count("failedJobAttempts");
    quiet.add(err);
  };
  for (const queueName of QUEUE_NAMES) {
    const defs = byQueue.get(queueName);
    if (!defs) continue;
    const worker: Worker = new Worker(
      queueName,
      async (job: Job, token?: string) => {
        const def = defs.get(job.name);
        if (!def) throw new UnrecoverableError(`no handler for job ${queueName}/${job.name}`);
        const data = parsePayload(def.schema, job.data);
        const log = deps.log.child({ queue: queueName, jobId: job.id, job: job.name, attemptsMade: job.attemptsMade });
        try {
          return await def.handle({ ...deps, log }, data, Object.assign(job, { lockToken: token }));
        } catch (err) {
          if (err instanceof RateLimitedError) {
            await worker.rateLimit(err.retryAfterMs);
            throw Worker.RateLimitError();
          }
          countedInOutage(err);
          redactInPlace(err); // BullMQ records its message and stack in Redis
          throw err;
        }
      },
      {
        connection,
        prefix: deps.config.redis.prefix,
        concurrency: queueName === "outbound" || queueName === "broadcast" ? Math.min(deps.config.workers.concurrency, 50) : deps.config.workers.concurrency,
        // Telegram's overall bulk limit; the limiter is global across all workers of the queue.
        ...(queueName === "outbound" || queueName === "broadcast"
          ? { limiter: { max: deps.config.workers.sendRatePerSecond, duration: 1_000 } }
          : {}),
      },
    );
    const onError = redis?.listener(deps.log, { queue: queueName }, "worker error");
    worker.on("error", onError ?? ((err) => deps.log.error({ err, queue: queueName }, "worker error")));
    worker.on("failed", (job, err) => {
      if (err instanceof DelayedError || err.name === "DelayedError" || err.name === "RateLimitError") return;
      const final = !job || job.attemptsMade >= (job.opts.attempts ?? 1) || err instanceof UnrecoverableError;
      deps.metrics.inc("wardline_jobs_processed_total", { queue: queueName, result: final ? "failed" : "retry" });
      if (!final && quiet.has(err)) return; // a failure for good is always logged
      deps.log[final ? "error" : "warn"]({ err, queue: queueName, jobId: job?.id, job: job?.name, attemptsMade: job?.attemptsMade }, final ? "job failed for good" : "job failed, will retry");
    });
    worker.on("completed", () => deps.metrics.inc("wardline_jobs_processed_total", { queue: queueName, result: "ok" }));
    workers.push(worker);
  }
  return {
    workers,
    async close(deadlineMs) {
      database.stop();
      // Let active jobs finish until the deadline; after it, stop anyway: unfinished jobs stay
      // in Redis and are picked up again (as stalled) by this or another worker.
      const graceful = Promise.all(workers.map((w) => w.close()));
      const timedOut = await Promise.race([
        graceful.then(() => false),
        new Promise<boolean>((r) => setTimeout(() => r(true), deadlineMs).unref()),
      ]);
      if (timedOut) await Promise.all(workers.map((w) => w.close(true)));
    },
  };
}

/** host:port of the database, for the outage lines (never the URL: it may hold a password). */
function databaseAddress(deps: Deps): string | undefined {
  const db = deps.config.database;
  if (db.kind !== "postgres") return undefined;
  try {
    const u = new URL(db.url);
    return `${u.hostname}:${u.port || "5432"}`;
  } catch {
    return undefined;
  }
}

/** The lock token BullMQ gave this run of the job (needed to move it to delayed). */
export function lockToken(job: Job): string | undefined {
  return (job as Job & { lockToken?: string }).lockToken;
}
