import type { Redis } from "ioredis";
import type { Logger } from "./logger.js";
import type { Queues } from "./queue/queues.js";

/**
 * Counters live in one Redis hash so /metrics on any web process shows the totals of every
 * process (workers count sends, web processes count updates). Field: `name|label=value,...`.
 */
export type Metrics = {
  inc(name: string, labels?: Record<string, string>, by?: number): void;
  render(queues: Queues): Promise<string>;
};

const HELP: Record<string, string> = {
  wardline_updates_received_total: "Platform update deliveries accepted by a webhook or poller and queued (a redelivered update counts again; it still makes one job).",
  wardline_webhook_rejected_total: "Webhook requests refused, by reason.",
  wardline_sends_total: "Messages sent to chat platforms, by result.",
  wardline_tips_created_total: "Tips created, by channel.",
  wardline_scam_checks_total: "Residents' scam checks, by answer (confirmed, reported, lookalike, unknown, none).",
  wardline_jobs_processed_total: "Jobs finished by workers, by queue and result.",
};

/** Redis answers in milliseconds; a scrape must not hang on one that does not answer at all. */
const REDIS_WAIT_MS = 2_000;
const within = <T>(p: Promise<T>): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${REDIS_WAIT_MS} ms`)), REDIS_WAIT_MS).unref())]);

const escape = (v: string) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");

export function createMetrics(redis: Redis, prefix: string, log: Logger): Metrics {
  const key = `${prefix}:metrics`;
  return {
    inc(name, labels = {}, by = 1) {
      const field = `${name}|${Object.entries(labels)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => `${k}=${v}`)
        .join(",")}`;
      // Counting must never fail the work it counts.
      redis.hincrby(key, field, by).catch((err: Error) => log.debug({ err }, "metric not counted"));
    },
    async render(queues) {
      const lines: string[] = [];
      // Without Redis the counters and queue sizes are unknown: say so (wardline_redis_up 0) and show the rest.
      let up = true;
      const all = await within(redis.hgetall(key)).catch((err: Error) => {
        up = false;
        log.debug({ err }, "metrics: counters unreadable");
        return {} as Record<string, string>;
      });
      const byName = new Map<string, string[]>();
      for (const [field, value] of Object.entries(all)) {
        const [name, labelText] = field.split("|") as [string, string | undefined];
        const labels = (labelText ?? "")
          .split(",")
          .filter(Boolean)
          .map((kv) => {
            const [k, v] = kv.split("=");
            return `${k}="${escape(v ?? "")}"`;
          })
          .join(",");
        const list = byName.get(name) ?? [];
        list.push(`${name}${labels ? `{${labels}}` : ""} ${Number(value)}`);
        byName.set(name, list);
      }
      for (const name of [...new Set([...Object.keys(HELP), ...byName.keys()])].sort()) {
        lines.push(`# HELP ${name} ${HELP[name] ?? name}`, `# TYPE ${name} counter`, ...(byName.get(name) ?? []));
      }
      lines.push("# HELP wardline_jobs Jobs in each queue by state.", "# TYPE wardline_jobs gauge");
      for (const [queueName, queue] of up ? Object.entries(queues) : []) {
        const counts = await within(queue.getJobCounts("waiting", "active", "delayed", "failed", "completed", "prioritized", "waiting-children")).catch((err: Error) => {
          up = false;
          log.debug({ err, queue: queueName }, "metrics: queue sizes unreadable");
          return null;
        });
        if (!counts) break;
        for (const [state, n] of Object.entries(counts)) {
          lines.push(`wardline_jobs{queue="${queueName}",state="${state}"} ${n}`);
        }
      }
      lines.push("# HELP wardline_redis_up Whether this scrape could read Redis (counters and queue sizes come from it).", "# TYPE wardline_redis_up gauge", `wardline_redis_up ${up ? 1 : 0}`);
      return lines.join("\n") + "\n";
    },
  };
}
