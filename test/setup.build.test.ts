import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const SETUP = join(import.meta.dirname, "..", "scripts", "setup.mjs");

// Stand-ins for `prisma generate` and `tsc` at the paths setup.mjs runs them from: each records
// that it ran, and writes what the real one would (a client from the schema, one .js per .ts).
const FAKE_PRISMA = `
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
appendFileSync("tools.log", "prisma " + process.argv.slice(2).join(" ") + "\\n");
mkdirSync("src/generated/prisma", { recursive: true });
writeFileSync("src/generated/prisma/client.ts", "export const schema = " + JSON.stringify(readFileSync("prisma/schema.prisma", "utf8")) + ";\\n");
`;
const FAKE_TSC = `
import { appendFileSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
appendFileSync("tools.log", "tsc " + process.argv.slice(2).join(" ") + "\\n");
const walk = (d) => readdirSync(d).flatMap((e) => (statSync(join(d, e)).isDirectory() ? walk(join(d, e)) : [join(d, e)]));
let failed = false;
for (const f of walk("src").filter((f) => f.endsWith(".ts"))) {
  const out = join("dist", f.replace(/\\.ts$/, ".js"));
  mkdirSync(dirname(out), { recursive: true });
  const text = readFileSync(f, "utf8");
  if (text.includes("TYPE ERROR")) { console.log(f + "(1,1): error TS2322: made-up type error"); failed = true; }
  writeFileSync(out, text);
}
process.exit(failed ? 2 : 0);
`;

function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

describe("scripts/setup.mjs builds once and then only when its inputs change", () => {
  let root: string;
  const log = () => (existsSync(join(root, "tools.log")) ? readFileSync(join(root, "tools.log"), "utf8").trim().split("\n").filter(Boolean) : []);
  const setup = () => {
    const before = log().length;
    const r = spawnSync(process.execPath, [SETUP], { cwd: root, encoding: "utf8", timeout: 60_000 });
    return { code: r.status, stderr: r.stderr, stdout: r.stdout, ran: log().slice(before).map((l) => l.split(" ")[0]) };
  };

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "wardline-setup-"));
    write(root, "node_modules/.bin/tsc", "");
    write(root, "node_modules/prisma/package.json", '{"version":"6.19.3"}');
    write(root, "node_modules/@prisma/client/package.json", '{"version":"6.19.3"}');
    write(root, "node_modules/prisma/build/index.js", FAKE_PRISMA);
    write(root, "node_modules/typescript/bin/tsc", FAKE_TSC);
    write(root, "package.json", '{"type":"module"}');
    write(root, "package-lock.json", '{"lockfileVersion":3}');
    write(root, "tsconfig.json", '{"compilerOptions":{"outDir":"dist"}}');
    write(root, "tsconfig.build.json", '{"extends":"./tsconfig.json","include":["src","handlers"]}');
    write(root, "prisma/schema.prisma", "model Tip { id Int @id }\n");
    write(root, "src/main.ts", "export const main = 1;\n");
    write(root, "src/cli/main.ts", "export const cli = 1;\n");
    write(root, "src/old.ts", "export const old = 1;\n");
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("generates and compiles on the first run, saying so on stderr and nothing on stdout", () => {
    const first = setup();
    expect(first.code).toBe(0);
    expect(first.ran).toEqual(["prisma", "tsc"]);
    expect(first.stderr).toContain("Wardline: compiling TypeScript (first run");
    expect(first.stderr).toMatch(/Wardline: compiled in \d+ s\./);
    expect(first.stdout).toBe("");
    expect(existsSync(join(root, "dist/src/main.js"))).toBe(true);
  });

  it("does nothing on a second run: no prisma generate, no tsc, no output", () => {
    const again = setup();
    expect(again.code).toBe(0);
    expect(again.ran).toEqual([]);
    expect(again.stderr).toBe("");
  });

  it("recompiles (without generating) when a source changes, and not when only its time does", () => {
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, "src/main.ts"), later, later);
    expect(setup().ran).toEqual([]);
    appendFileSync(join(root, "src/main.ts"), "export const more = 2;\n");
    const changed = setup();
    expect(changed.ran).toEqual(["tsc"]);
    expect(changed.stderr).toContain("sources changed");
    expect(setup().ran).toEqual([]);
  });

  it("recompiles when a source is deleted, and removes what was compiled from it", () => {
    expect(existsSync(join(root, "dist/src/old.js"))).toBe(true);
    rmSync(join(root, "src/old.ts"));
    expect(setup().ran).toEqual(["tsc"]);
    expect(existsSync(join(root, "dist/src/old.js"))).toBe(false);
    expect(existsSync(join(root, "dist/src/main.js"))).toBe(true);
  });

  it("compiles a new folder's file and a config change", () => {
    write(root, "handlers/x.ts", "export const x = 1;\n");
    expect(setup().ran).toEqual(["tsc"]);
    write(root, "tsconfig.json", '{"compilerOptions":{"outDir":"dist","strict":true}}');
    expect(setup().ran).toEqual(["tsc"]);
  });

  it("generates and recompiles when the schema changes, or when the generated client is gone", () => {
    appendFileSync(join(root, "prisma/schema.prisma"), "model Ward { id Int @id }\n");
    expect(setup().ran).toEqual(["prisma", "tsc"]);
    rmSync(join(root, "src/generated"), { recursive: true });
    // The regenerated client is identical, so nothing needs compiling again.
    expect(setup().ran).toEqual(["prisma"]);
    expect(setup().ran).toEqual([]);
  });

  it("rebuilds when dist/ was deleted", () => {
    rmSync(join(root, "dist"), { recursive: true });
    expect(setup().ran).toEqual(["tsc"]);
    expect(existsSync(join(root, "dist/src/cli/main.js"))).toBe(true);
  });

  it("fails with tsc's errors on stderr, and tries again next time instead of trusting a failed build", () => {
    write(root, "src/bad.ts", "// TYPE ERROR\n");
    const failed = setup();
    expect(failed.code).not.toBe(0);
    expect(failed.ran).toEqual(["tsc"]);
    expect(failed.stderr).toContain("made-up type error");
    expect(failed.stdout).toBe("");
    expect(setup().ran).toEqual(["tsc"]);
    rmSync(join(root, "src/bad.ts"));
    expect(setup().ran).toEqual(["tsc"]);
    expect(existsSync(join(root, "dist/src/bad.js"))).toBe(false);
    expect(setup().ran).toEqual([]);
  });
});
