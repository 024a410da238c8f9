/** Where the benchmarks find PostgreSQL and Redis: BENCH_* first, then the service's own settings. */
const PG_USER = process.env["PGUSER"] || process.env["USER"] || "root";
export const DATABASE_URL = process.env["BENCH_DATABASE_URL"] ?? process.env["DATABASE_URL"] ?? `postgresql://${PG_USER}@127.0.0.1:5432/test`;
export const REDIS_URL = process.env["BENCH_REDIS_URL"] ?? process.env["REDIS_URL"] ?? "redis://127.0.0.1:6379";
