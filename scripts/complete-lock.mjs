// Adds to package-lock.json the platform-specific optional packages (other OSes and CPUs)
// that `npm install` leaves out when the registry it talks to lacks them. Without these
// entries `npm ci` refuses the lock file ("Missing: @rollup/rollup-darwin-arm64@ from lock
// file"). Entries carry os/cpu/libc, so npm skips them on other platforms without fetching.
// Run after `npm install` changes the lock: `node scripts/complete-lock.mjs`.
import { readFileSync, writeFileSync } from "node:fs";

const OSES = ["darwin", "linux", "win32", "android", "freebsd", "openbsd", "openharmony", "netbsd", "sunos", "aix"];
const CPUS = ["arm64", "x64", "arm", "ia32", "loong64", "ppc64", "riscv64", "s390x", "mips64el"];

const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
const packages = lock.packages;
let added = 0;
for (const [path, entry] of Object.entries({ ...packages })) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const parts = (name.split("/").pop() ?? "").split("-");
    const os = parts.find((p) => OSES.includes(p));
    const cpu = parts.find((p) => CPUS.includes(p)) ?? (parts.includes("eabi") ? "arm" : undefined);
    if (!os || !cpu) continue; // not a platform package
    const base = path === "" ? "" : `${path}/`;
    const key = `${base}node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (packages[key] || packages[hoisted]) continue;
    const added_entry = { version: String(version).replace(/^[\^~]/, "") };
    if (entry.dev || path === "") added_entry.dev = entry.dev ?? undefined;
    added_entry.optional = true;
    added_entry.os = [os];
    added_entry.cpu = [cpu];
    if (os === "linux") added_entry.libc = [parts.some((p) => p.startsWith("musl")) ? "musl" : "glibc"];
    packages[hoisted] = JSON.parse(JSON.stringify(added_entry));
    added += 1;
  }
}
const sorted = {};
for (const key of Object.keys(packages).sort((a, b) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b)))) {
  sorted[key] = packages[key];
}
lock.packages = sorted;
writeFileSync("package-lock.json", `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lock: added ${added} platform entries`);
