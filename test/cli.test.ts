import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../src/cli/run.js";
import type { Config } from "../src/config.js";
import { connectDatabase } from "../src/db/connect.js";
import type { Logger } from "../src/logger.js";
import { PG_URL, dropSchema, uniqueName } from "./support/app.js";

/** Runs one CLI command as `npm run cli -- …` would, against this file's own schema. */
async function cli(argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const notes: string[] = [];
  const code = await runCli(argv, {
    env: { NODE_ENV: "development", DATABASE_URL: PG_URL, ...env },
    out: (s) => out.push(s),
    note: (s) => notes.push(s),
    connect: (config: Config, log: Logger) => connectDatabase(config, log, { schema }),
  });
  return { code, out: out.join("\n"), notes: notes.join("\n") };
}
const schema = uniqueName("cli");

afterAll(() => dropSchema(schema));

describe("npm run cli -- ward search", () => {
  it("prints the 5-digit code of a ward typed without accents", async () => {
    const r = await cli(["ward", "search", "ba", "dinh", "ha", "noi"]);
    expect(r.code).toBe(0);
    expect(r.out.split("\n")[0]).toBe("00004  Phường Ba Đình, Thành phố Hà Nội");
  });

  it("finds a ward by its name from before the 2025 merger, and says so", async () => {
    const r = await cli(["ward", "search", "phuong", "12", "go", "vap"]);
    expect(r.out.split("\n")[0]).toBe("26882  Phường An Hội Tây, Thành phố Hồ Chí Minh  (formerly Phường 12, Quận Gò Vấp, Thành phố Hồ Chí Minh)");
  });

  it("keeps to one province with --province", async () => {
    const r = await cli(["ward", "search", "an", "hoi", "--province", "79"]);
    const lines = r.out.split("\n");
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^\d{5} {2}.*Thành phố Hồ Chí Minh/);
  });

  it("says clearly when nothing matches or no words were given", async () => {
    await expect(cli(["ward", "search", "zzqx", "wvvk"])).rejects.toThrow(/no ward matches "zzqx wvvk"/);
    await expect(cli(["ward", "search"])).rejects.toThrow(/needs the ward's name/);
  });

  it("is listed in the help", async () => {
    const r = await cli(["--help"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("ward search <words>");
  });
});

describe("npm run cli -- officer link", () => {
  it("says which address the link assumes when PUBLIC_URL is unset, with the port it read", async () => {
    const added = await cli(["officer", "add", "--telegram-id", "424242", "--name", "Admin A", "--role", "ADMIN"]);
    expect(added.out).toMatch(/officer \d+ saved/);
    const r = await cli(["officer", "link", "--telegram-id", "424242"], { PORT: "8123" });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Open once, before .*\nhttp:\/\/localhost:8123\/auth\/[A-Za-z0-9_-]{40,}$/);
    expect(r.notes).toContain("PUBLIC_URL is not set, so this link assumes the dashboard is at http://localhost:8123 (PORT=8123)");
    expect(r.notes).toContain("same PUBLIC_URL and PORT as the service");
  });

  it("uses PUBLIC_URL as the service does, without the note", async () => {
    const r = await cli(["officer", "link", "--telegram-id", "424242"], { PORT: "8123", PUBLIC_URL: "https://police.example.vn" });
    expect(r.out).toMatch(/\nhttps:\/\/police\.example\.vn\/auth\/[A-Za-z0-9_-]{40,}$/);
    expect(r.notes).toBe("");
  });

  it("refuses an unknown command before opening any database", async () => {
    const r = await cli(["officer", "remove"], { DATABASE_URL: "postgresql://127.0.0.1:1/nowhere" });
    expect(r.code).toBe(2);
    expect(r.notes).toContain("Usage:");
  });
});
