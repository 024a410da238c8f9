/**
 * Waiting until the service has finished what it was given. A test that asserts something did
 * NOT happen (no duplicate, nothing sent while paused, no error reply) first waits here for a
 * positive sign that the work is over, then asserts: "wait N ms and look" passes whenever the
 * machine is merely slow, and fails whenever it is slower than N.
 */
import type { Job, JobState, Queue } from "bullmq";
import { liveChannel } from "../../src/core/tips/live.js";
import type { Deps } from "../../src/deps.js";
import type { FakeTelegram } from "../fakes/telegram-api.js";
import { WAIT_MS, eventually } from "./wait.js";

/**
 * The queues that hold work given to the service. `maintenance` is left out: its job scheduler
 * (retention) always keeps its next run there, delayed by hours.
 */
export const workQueues = (queues: Deps["queues"]): Queue[] => Object.values(queues).filter((q) => q.name !== "maintenance");

/** BullMQ's keys for jobs not finished yet (lists, then sorted sets; "delayed" is read whole, see below). */
const LISTS = ["wait", "active", "paused"];
const SETS = ["prioritized", "waiting-children"];
/** Jobs a job scheduler keeps waiting for their next run (retention, every few hours) are not work left: BullMQ names them `repeat:…`. */
const scheduled = (id: string) => id.startsWith("repeat:");

/**
 * How many jobs of `queues` are waiting, active, delayed or prioritized, read in one MULTI so
 * that no job can move from one queue to another between two counts (a route job queueing its
 * card, then completing). A job scheduler's next run does not count.
 */
export async function unfinishedJobs(deps: Pick<Deps, "queues" | "redis">, queues: Queue[] = Object.values(deps.queues)): Promise<number> {
  const multi = deps.redis.multi();
  for (const q of queues) {
    for (const k of LISTS) multi.llen(q.toKey(k));
    for (const k of SETS) multi.zcard(q.toKey(k));
    multi.zrange(q.toKey("delayed"), 0, -1);
  }
  const replies = (await multi.exec()) ?? [];
  return replies.reduce((sum, [err, r]) => {
    if (err) throw err;
    return sum + (Array.isArray(r) ? (r as string[]).filter((id) => !scheduled(id)).length : Number(r));
  }, 0);
}

/** Resolves once no job of `queues` (default: all) is left to run, a stalled one included (it stays active until recovered). */
export async function queuesIdle(deps: Pick<Deps, "queues" | "redis">, timeoutMs = WAIT_MS, queues?: Queue[]): Promise<void> {
  let left = -1;
  try {
    await eventually(async () => (left = await unfinishedJobs(deps, queues)) === 0, timeoutMs, "every queue drained");
  } catch (err) {
    throw new Error(`${(err as Error).message} (${left} job(s) left)`);
  }
}

/**
 * Resolves once the service is idle: no job left (as {@link queuesIdle}), and then nothing on
 * its way through the fake Bot API (a request held by a hang, or sent by a job that gave up
 * waiting, is still to be recorded). Long polls (getUpdates) do not count. After this, every
 * call the service will make for the work done so far is in `fake.calls`.
 */
export async function settled(deps: Pick<Deps, "queues" | "redis">, fake?: FakeTelegram, timeoutMs = WAIT_MS): Promise<void> {
  const busy = () => (fake?.inFlight() ?? []).filter((r) => r.method !== "getUpdates");
  await eventually(async () => (await unfinishedJobs(deps)) === 0 && busy().length === 0, timeoutMs, "the service to finish its work (queues drained, no Bot API call in flight)");
}

/** Resolves with the jobs `ids` of `queue` once each is in `state` (default: completed). */
export async function waitForJobs(queue: Queue, ids: string[], state: JobState = "completed", timeoutMs = WAIT_MS): Promise<Job[]> {
  let states: string[] = [];
  try {
    return await eventually(async () => {
      const jobs = await Promise.all(ids.map((id) => queue.getJob(id)));
      states = await Promise.all(jobs.map((j) => (j ? j.getState() : "missing")));
      return states.every((s) => s === state) && (jobs as Job[]);
    }, timeoutMs, `jobs ${ids.join(", ")} of ${queue.name} to be ${state}`);
  } catch (err) {
    throw new Error(`${(err as Error).message} (now: ${states.join(", ")})`);
  }
}

/**
 * Resolves once the web process listens for tip changes on Redis (its one subscription is made
 * when the first dashboard opens its stream): a change published before that reaches no page.
 */
export async function liveSubscribed(app: { deps: Pick<Deps, "redis">; prefix: string }, timeoutMs = WAIT_MS): Promise<void> {
  const channel = liveChannel(app.prefix);
  await eventually(async () => Number(((await app.deps.redis.pubsub("NUMSUB", channel)) as [string, number])[1]) > 0, timeoutMs, "the live subscription");
}
