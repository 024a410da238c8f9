import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration suites share one PostgreSQL and one Redis; each file isolates itself
    // with its own schema and queue prefix, so files may run in parallel.
    pool: "forks",
    maxWorkers: 2,
  },
});
