/**
 * What an operator waits for on `npm run cli -- --help`: scripts/setup.mjs, then the CLI.
 * "rebuild" forgets setup's stamps first, so it generates the Prisma client and compiles, as
 * every command did before setup skipped unchanged builds; "nothing changed" is the usual case.
 * Runs in this checkout (it rebuilds dist/ once, like `npm run bench` itself).
 *
 *   npm run bench -- setup      BENCH_SETUP_ROUNDS=2
 */
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { projectRoot } from "../src/project-root.js";

const ROUNDS = Number(process.env["BENCH_SETUP_ROUNDS"] ?? 2);

function cliHelp(root: string): number {
  const started = performance.now();
  for (const args of [["scripts/setup.mjs"], ["dist/src/cli/main.js", "--help"]]) {
    const r = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited ${r.status}: ${(r.stderr ?? "").slice(0, 2000)}`);
  }
  return performance.now() - started;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export async function benchSetup(): Promise<Record<string, unknown>> {
  const root = projectRoot();
  const rebuild: number[] = [];
  const unchanged: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    rmSync(join(root, "dist", ".wardline-build.json"), { force: true });
    rmSync(join(root, "src", "generated", ".wardline-generate.json"), { force: true });
    rebuild.push(cliHelp(root));
    unchanged.push(cliHelp(root));
  }
  const [r, u] = [median(rebuild), median(unchanged)];
  return { rounds: ROUNDS, cli_help_rebuild_ms: Math.round(r), cli_help_unchanged_ms: Math.round(u), speedup: Math.round((r / u) * 10) / 10 };
}
