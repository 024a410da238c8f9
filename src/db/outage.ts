import { isErrorLike } from "../log-error.js";
import type { Logger } from "../logger.js";
import { createOutage, type Outage } from "../outage.js";

/** Prisma: can't reach, timed out reaching, operation timed out, server closed the connection. */
const PRISMA_UNREACHABLE = new Set(["P1001", "P1002", "P1008", "P1017"]);
/** Driver adapter kinds Prisma reports for the same (when it has no P-code for them). */
const ADAPTER_UNREACHABLE = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]);
/** node-postgres' own words for a lost or refused connection. */
const PG_UNREACHABLE = /Can't reach database server|Server has closed the connection|Connection terminated|timeout exceeded when trying to connect|server closed the connection unexpectedly|Client has encountered a connection error/;

function unreachableHere(err: Error): boolean {
  const f = err as unknown as { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } };
  if (typeof f.code === "string" && (PRISMA_UNREACHABLE.has(f.code) || /^08/.test(f.code) || /^57P0[123]$/.test(f.code))) return true;
  const kind = f.meta?.driverAdapterError?.cause?.kind;
  if (typeof kind === "string" && ADAPTER_UNREACHABLE.has(kind)) return true;
  return PG_UNREACHABLE.test(err.message);
}

/** True when `err`, or an error it wraps (grammY's BotError, a cause), says PostgreSQL cannot be reached. */
export function isDatabaseUnreachable(err: unknown, depth = 0): boolean {
  if (!isErrorLike(err) || depth > 4) return false;
  if (unreachableHere(err)) return true;
  const inner = err.cause ?? (err as { error?: unknown }).error;
  return isDatabaseUnreachable(inner, depth + 1);
}

export type DatabaseHealth = {
  readonly outage: Outage;
  /** True when `err` means PostgreSQL is unreachable: the outage logs it (once) and counts it. */
  absorbs(err: unknown): boolean;
  stop(): void;
};

/**
 * PostgreSQL's outages as jobs meet them: logged once, then, while it is down, `probe` is tried
 * every `probeEveryMs` and the first success logs the recovery.
 */
export function watchDatabase(log: Logger, probe: () => Promise<unknown>, opts: { address?: string; probeEveryMs?: number } = {}): DatabaseHealth {
  const every = opts.probeEveryMs ?? 1_000;
  const outage = createOutage(log, {
    dependency: "postgres",
    ...(opts.address ? { address: opts.address } : {}),
    meanwhile: "jobs fail and are retried with backoff",
  });
  let stopped = false;
  let probing = false;
  let timer: NodeJS.Timeout | null = null;
  const tick = () => {
    timer = null;
    if (stopped) return;
    probe().then(
      () => {
        probing = false;
        outage.recovered();
      },
      () => {
        if (!stopped) timer = setTimeout(tick, every).unref();
      },
    );
  };
  return {
    outage,
    absorbs(err) {
      if (!isDatabaseUnreachable(err)) return false;
      outage.failed(err);
      if (!probing && !stopped) {
        probing = true;
        timer = setTimeout(tick, every).unref();
      }
      return true;
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
