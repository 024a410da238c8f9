import type { Logger } from "./logger.js";

/**
 * One dependency's outage (Redis, PostgreSQL), logged once when it starts and once when it ends,
 * however many reconnect attempts and failures happen in between: a 12-second Redis outage used
 * to write thousands of lines, one per attempt per connection per listener.
 */
export type Outage = {
  readonly dependency: string;
  isDown(): boolean;
  /** A failure showing the dependency is unreachable: the first of an outage is logged, the rest counted. */
  failed(err: unknown): void;
  /** Counts something that happened during the outage (reported with the recovery), e.g. "reconnects". */
  count(what: string, n?: number): void;
  /** The dependency answers again: the recovery is logged once, with how long it was down. */
  recovered(): void;
};

export type OutageOptions = {
  dependency: string;
  /** Where it is (host:port, never credentials). */
  address?: string;
  /** What happens to the work meanwhile, for the operator reading the line. */
  meanwhile: string;
};

export function createOutage(log: Logger, opts: OutageOptions): Outage {
  const { dependency, address, meanwhile } = opts;
  let since: number | null = null;
  let counts: Record<string, number> = {};
  // One error reaches several listeners (a connection's, then each BullMQ queue's and worker's).
  let seen = new WeakSet<object>();
  const count = (what: string, n = 1) => {
    if (since !== null) counts[what] = (counts[what] ?? 0) + n;
  };
  return {
    dependency,
    isDown: () => since !== null,
    failed(err) {
      if (since !== null) {
        if (err === null || typeof err !== "object" || seen.has(err)) return;
        seen.add(err);
        return count("errors");
      }
      since = Date.now();
      counts = {};
      seen = new WeakSet();
      if (err !== null && typeof err === "object") seen.add(err);
      log.error({ dependency, address, err }, `${dependency} is unreachable: ${meanwhile}; further errors are counted until it is back`);
    },
    count,
    recovered() {
      if (since === null) return;
      const downMs = Date.now() - since;
      since = null;
      log.info({ dependency, address, downMs, during: counts }, `${dependency} is reachable again after ${(downMs / 1000).toFixed(1)} s`);
    },
  };
}
