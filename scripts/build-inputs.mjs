// What each build step depends on, as a content hash, and the stamp a step leaves when it
// succeeded. Contents, not modification times: a `git checkout` back and forth, a copy that
// keeps old times, or a clock that jumps cannot fool it, and a deleted file changes the list.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** Never inputs: installed packages, the build's own output, data and VCS folders. */
const SKIP = new Set(["node_modules", "dist", ".git", "data"]);

/** Every file under `paths` (files or folders; a glob counts as the folder it starts in), sorted. */
export function listFiles(paths) {
  const out = [];
  const walk = (p) => {
    if (!existsSync(p)) return;
    if (!statSync(p).isDirectory()) return void out.push(p.split("\\").join("/"));
    for (const entry of readdirSync(p)) if (!SKIP.has(entry)) walk(join(p, entry));
  };
  for (const p of paths) walk(p.includes("*") ? p.split("*")[0].replace(/\/$/, "") || "." : p);
  return [...new Set(out)].sort();
}

/** One hash over the names and contents of `files`. */
export function hashFiles(files) {
  const h = createHash("sha256");
  for (const f of files) h.update(f).update("\0").update(existsSync(f) ? readFileSync(f) : "(missing)").update("\0");
  return h.digest("hex");
}

/** The folders and files `tsc -p tsconfig.build.json` reads (its `include`, and the configs). */
export function compileInputs() {
  let include = ["src", "handlers", "bench", "test/fakes"];
  try {
    const config = JSON.parse(readFileSync("tsconfig.build.json", "utf8"));
    if (Array.isArray(config.include)) include = config.include;
  } catch {
    // Not plain JSON (comments): the usual folders.
  }
  return [...include, "tsconfig.json", "tsconfig.build.json", "package-lock.json"];
}

export function readStamp(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return null;
  }
}

/** Written whole or not at all: a run killed half-way leaves the old stamp, so the next run rebuilds. */
export function writeStamp(path, value) {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(value));
  renameSync(tmp, path);
}
