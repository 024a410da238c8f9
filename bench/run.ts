/**
 * Runs the benchmarks and prints one JSON line per benchmark on stdout (logs go to stderr).
 *
 *   npm run bench                 # all of them
 *   npm run bench -- ingest       # only those whose name contains "ingest"
 */
import { benchBroadcast } from "./broadcast.js";
import { benchDashboard } from "./dashboard.js";
import { benchEndToEnd } from "./end-to-end.js";
import { benchInboxQueries } from "./inbox-queries.js";
import { benchIndicatorLookup } from "./indicator-lookup.js";
import { benchIngest } from "./ingest.js";
import { benchPhotoClean } from "./photo-clean.js";
import { benchScamExtract } from "./scam-extract.js";
import { benchSetup } from "./setup.js";
import { benchWardSearch } from "./ward-search.js";

type Bench = { name: string; run: () => Promise<Record<string, unknown>> };

const BENCHMARKS: Bench[] = [
  { name: "ingest", run: benchIngest },
  { name: "ward-search", run: benchWardSearch },
  { name: "indicator-lookup", run: benchIndicatorLookup },
  { name: "scam-extract", run: benchScamExtract },
  { name: "end-to-end", run: benchEndToEnd },
  { name: "inbox-queries", run: benchInboxQueries },
  { name: "broadcast", run: benchBroadcast },
  { name: "dashboard", run: benchDashboard },
  { name: "photo-clean", run: benchPhotoClean },
  // Last: it rebuilds dist/, which the others run from.
  { name: "setup", run: benchSetup },
];

async function main(): Promise<void> {
  const filters = process.argv.slice(2);
  const benches = BENCHMARKS.filter((b) => filters.length === 0 || filters.some((f) => b.name.includes(f)));
  let failed = false;
  for (const bench of benches) {
    try {
      const result = await bench.run();
      process.stdout.write(`${JSON.stringify({ name: bench.name, ...result })}\n`);
    } catch (err) {
      failed = true;
      process.stdout.write(`${JSON.stringify({ name: bench.name, error: (err as Error).message })}\n`);
      process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    }
  }
  // Exit explicitly: benchmarks clean up their servers and connections, but with the Bot API
  // unreachable grammY's auto-retry keeps retrying setWebhook on a timer that shutdown cannot
  // cancel, which would keep this process alive for up to an hour.
  process.stdout.write("", () => process.exit(failed ? 1 : 0));
}

void main();
