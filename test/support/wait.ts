/** Waiting for a condition, never for a fixed time (no dependencies: the fakes' own tests use it too). */

/**
 * How long a test waits for something that should happen before calling it lost. Generous on
 * purpose: a wait returns as soon as its condition holds, so only a failing test pays it, and a
 * busy machine (two cores shared by parallel suites) can be many times slower than an idle one.
 * Keep vitest's testTimeout (vitest.config.ts) well above it.
 */
export const WAIT_MS = 60_000;

/** Polls `check` until it returns a truthy value (or throws after `timeoutMs`). */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = WAIT_MS, what = "condition"): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ""}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
