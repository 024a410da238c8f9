import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Well above the ceiling of a single wait (WAIT_MS in test/support/app.ts, 60 s), so a wait that
    // gives up reports what it waited for instead of vitest's bare "timed out".
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // Integration suites share one PostgreSQL and one Redis; each file isolates itself
    // with its own schema and queue prefix, so files may run in parallel.
    pool: "forks",
    maxWorkers: 2,
  },
});
