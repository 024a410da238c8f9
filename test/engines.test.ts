import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const read = (f: string) => JSON.parse(readFileSync(join(ROOT, f), "utf8"));

type Version = [number, number, number];
const version = (v: string): Version => {
  const [a = 0, b = 0, c = 0] = v.replace(/^v/, "").split(".").map(Number);
  return [a, b, c];
};
const compare = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** npm's range syntax, as far as the `engines.node` fields of our lock file use it. */
function satisfies(v: Version, range: string): boolean {
  return range.split("||").some((alt) =>
    alt
      .trim()
      .replace(/(>=|<=|>|<|=|\^|~)\s+/g, "$1")
      .split(/\s+/)
      .every((c) => {
        if (c === "*" || c === "") return true;
        const m = /^(>=|<=|>|<|=|\^|~)?v?(\d+)(?:\.(\d+|x))?(?:\.(\d+|x))?$/.exec(c);
        if (!m) throw new Error(`range syntax this test does not know: ${range}`);
        const [, op, maj, min, pat] = m;
        const lo: Version = [Number(maj), min && min !== "x" ? Number(min) : 0, pat && pat !== "x" ? Number(pat) : 0];
        const d = compare(v, lo);
        switch (op) {
          case ">=": return d >= 0;
          case ">": return d > 0;
          case "<": return d < 0;
          case "<=": return d <= 0;
          case "^": return v[0] === lo[0] && d >= 0;
          case "~": return v[0] === lo[0] && v[1] === lo[1] && d >= 0;
          default: return v[0] === lo[0] && (!min || min === "x" || v[1] === lo[1]) && (!pat || pat === "x" || v[2] === lo[2]);
        }
      }),
  );
}

describe("the Node versions we promise", () => {
  const lock = read("package-lock.json") as { packages: Record<string, { version?: string; engines?: { node?: string }; os?: string[]; cpu?: string[] }> };
  const promised = String(read("package.json").engines.node);
  const oldest = version(/(\d+(?:\.\d+){0,2})/.exec(promised)![1]!);
  // What `npm ci` installs on this machine (other platforms' optional packages are skipped).
  const installed = Object.entries(lock.packages).filter(
    ([path, p]) => path !== "" && (!p.os || p.os.includes(process.platform)) && (!p.cpu || p.cpu.includes(process.arch)),
  );

  it("knows the range syntax", () => {
    expect(satisfies(version("20.19.0"), ">=20.19")).toBe(true);
    expect(satisfies(version("20.19.0"), ">=22")).toBe(false);
    expect(satisfies(version("20.19.0"), "18 || 20 || >=22")).toBe(true);
    expect(satisfies(version("21.0.0"), "20 || >=22")).toBe(false);
    expect(satisfies(version("20.8.0"), "^18.18.0 || ^20.9.0 || >=21.1.0")).toBe(false);
  });

  it("every package npm installs accepts the oldest Node of package.json's engines, and this machine's", () => {
    const refused = installed
      .filter(([, p]) => p.engines?.node && (!satisfies(oldest, p.engines.node) || !satisfies(version(process.version), p.engines.node)))
      .map(([path, p]) => `${path.replace(/^.*node_modules\//, "")}@${p.version} wants node ${p.engines!.node}`);
    // Each of these is an EBADENGINE warning on every `npm ci`.
    expect(refused).toEqual([]);
  });
});
