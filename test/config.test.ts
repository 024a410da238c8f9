import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../src/config.js";

const KEY = "a".repeat(64);
const TOKEN = "123456:ABC-def_ghi";

/** The ConfigError parseConfig throws for `env` (fails the test if it does not throw one). */
function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    parseConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error(`parseConfig accepted ${JSON.stringify(env)}`);
}

describe("parseConfig", () => {
  it("runs out of the box: embedded database, every role, Telegram off, polling when a token is given", () => {
    const c = parseConfig({});
    expect(c.database).toEqual({ kind: "embedded", dataDir: "./data" });
    expect(c.role).toBe("all");
    expect(c.env).toBe("development");
    expect(c.http).toMatchObject({ port: 3000, host: "0.0.0.0" });
    expect(c.redis).toEqual({ url: "redis://127.0.0.1:6379", prefix: "wardline" });
    expect(c.identityKey).toBeNull();
    expect(c.telegram).toEqual({ enabled: false });

    const withToken = parseConfig({ TELEGRAM_BOT_TOKEN: TOKEN });
    expect(withToken.telegram).toMatchObject({ enabled: true, token: TOKEN, apiRoot: "https://api.telegram.org", mode: { kind: "polling" } });
  });

  it("uses PostgreSQL when DATABASE_URL is set, and decodes the identity key", () => {
    const c = parseConfig({ DATABASE_URL: "postgresql://db.internal:5432/wardline", DATABASE_POOL_MAX: "7", IDENTITY_KEY: KEY, PORT: "8080", ROLE: "worker" });
    expect(c.database).toEqual({ kind: "postgres", url: "postgresql://db.internal:5432/wardline", poolMax: 7 });
    expect(c.identityKey).toEqual(Buffer.alloc(32, 0xaa));
    expect(c.http.port).toBe(8080);
    expect(c.role).toBe("worker");
  });

  it("reports every bad variable at once, each naming the variable and what it got", () => {
    const problems = problemsOf({ PORT: "abc", ROLE: "x", REDIS_URL: "nope" });
    expect(problems).toHaveLength(3);
    const text = problems.join("\n");
    for (const name of ["PORT", "ROLE", "REDIS_URL"]) expect(text).toMatch(new RegExp(`^${name}: `, "m"));
    expect(text).toContain('"abc"');
    expect(text).toContain('"x"');
    expect(text).toContain('"nope"');
    // The message operators see lists them all too.
    const err = (() => {
      try {
        parseConfig({ PORT: "abc", ROLE: "x", REDIS_URL: "nope" });
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(err?.message).toMatch(/PORT[\s\S]*ROLE[\s\S]*REDIS_URL|PORT[\s\S]*REDIS_URL[\s\S]*ROLE/);
  });

  it("explains malformed secrets and keys", () => {
    const problems = problemsOf({ IDENTITY_KEY: "short", TELEGRAM_BOT_TOKEN: "not-a-token", PORT: "70000" });
    expect(problems).toHaveLength(3);
    expect(problems.find((p) => p.startsWith("IDENTITY_KEY:"))).toMatch(/64 hex characters/);
    expect(problems.find((p) => p.startsWith("TELEGRAM_BOT_TOKEN:"))).toMatch(/BotFather/);
    expect(problems.some((p) => p.startsWith("PORT:"))).toBe(true);
  });

  it("webhook mode needs TELEGRAM_WEBHOOK_SECRET and PUBLIC_URL (both reported together)", () => {
    const problems = problemsOf({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_MODE: "webhook" });
    expect(problems).toHaveLength(2);
    expect(problems.some((p) => p.startsWith("TELEGRAM_WEBHOOK_SECRET:"))).toBe(true);
    expect(problems.some((p) => p.startsWith("PUBLIC_URL:"))).toBe(true);

    expect(problemsOf({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_MODE: "webhook", PUBLIC_URL: "https://w.example.org" })).toEqual([
      expect.stringMatching(/^TELEGRAM_WEBHOOK_SECRET:/),
    ]);

    const ok = parseConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_MODE: "webhook",
      TELEGRAM_WEBHOOK_SECRET: "s".repeat(20),
      PUBLIC_URL: "https://w.example.org",
      TELEGRAM_API_ROOT: "http://127.0.0.1:8081/",
    });
    expect(ok.telegram).toMatchObject({
      enabled: true,
      apiRoot: "http://127.0.0.1:8081",
      mode: { kind: "webhook", secret: "s".repeat(20), publicUrl: "https://w.example.org" },
    });
  });

  it("a webhook secret Telegram would refuse is reported", () => {
    const problems = problemsOf({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_MODE: "webhook", PUBLIC_URL: "https://w.example.org", TELEGRAM_WEBHOOK_SECRET: "has spaces in it!!" });
    expect(problems).toEqual([expect.stringMatching(/^TELEGRAM_WEBHOOK_SECRET: .*A–Z a–z 0–9 _ -/)]);
  });

  it("reports rules between settings together with type errors, not one round later", () => {
    const problems = problemsOf({ NODE_ENV: "production", PORT: "abc", TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_MODE: "webhook" });
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual(["IDENTITY_KEY", "PORT", "PUBLIC_URL", "TELEGRAM_WEBHOOK_SECRET"]);
  });

  it("production needs IDENTITY_KEY", () => {
    const problems = problemsOf({ NODE_ENV: "production", DATABASE_URL: "postgresql://db/w" });
    expect(problems).toEqual([expect.stringMatching(/^IDENTITY_KEY: required in production/)]);
    expect(parseConfig({ NODE_ENV: "production", IDENTITY_KEY: KEY }).identityKey).toHaveLength(32);
  });

  it("empty strings count as unset", () => {
    const c = parseConfig({
      DATABASE_URL: "",
      PORT: "",
      ROLE: "",
      REDIS_URL: "",
      IDENTITY_KEY: "",
      TELEGRAM_BOT_TOKEN: "",
      TELEGRAM_WEBHOOK_SECRET: "",
      PUBLIC_URL: "",
      LOG_LEVEL: "",
    });
    expect(c.database.kind).toBe("embedded");
    expect(c.http.port).toBe(3000);
    expect(c.role).toBe("all");
    expect(c.redis.url).toBe("redis://127.0.0.1:6379");
    expect(c.identityKey).toBeNull();
    expect(c.telegram.enabled).toBe(false);
    expect(c.log.level).toBe("info");

    // An empty IDENTITY_KEY in production is missing, not "malformed".
    expect(problemsOf({ NODE_ENV: "production", IDENTITY_KEY: "" })).toEqual([expect.stringMatching(/^IDENTITY_KEY: required in production/)]);
    // An empty secret in webhook mode is reported as required.
    expect(problemsOf({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_MODE: "webhook", PUBLIC_URL: "https://w.example.org", TELEGRAM_WEBHOOK_SECRET: "" })).toEqual([
      expect.stringMatching(/^TELEGRAM_WEBHOOK_SECRET: required/),
    ]);
  });

  it("does not look at unrelated variables", () => {
    expect(() => parseConfig({ PATH: "/usr/bin", HOME: "/root", npm_config_foo: "" })).not.toThrow();
  });
  it("takes each Zalo surface only when complete, and names every missing setting", () => {
    expect(parseConfig({}).zalo).toMatchObject({ oa: { enabled: false }, bot: { enabled: false }, sendRatePerSecond: 5 });
    const partial = problemsOf({ ZALO_OA_APP_ID: "1234567890", ZALO_OA_SECRET_KEY: "oa-secret-key" });
    expect(partial.join("\n")).toMatch(/ZALO_APP_SECRET_KEY: required/);
    expect(partial.join("\n")).toMatch(/ZALO_OA_REFRESH_TOKEN: required/);
    const bot = problemsOf({ ZALO_BOT_TOKEN: "12345:bot-token" });
    expect(bot.join("\n")).toMatch(/ZALO_BOT_WEBHOOK_SECRET: required/);
    expect(bot.join("\n")).toMatch(/PUBLIC_URL: required/);
    const full = parseConfig({
      PUBLIC_URL: "https://wardline.example.org",
      ZALO_OA_APP_ID: "1234567890",
      ZALO_OA_SECRET_KEY: "oa-secret-key",
      ZALO_APP_SECRET_KEY: "app-secret-key",
      ZALO_OA_REFRESH_TOKEN: "refresh-token-1",
      ZALO_OA_API_ROOT: "http://127.0.0.1:9000/oa/",
      ZALO_OA_WINDOW_HOURS: "24",
    });
    expect(full.zalo.oa).toMatchObject({ enabled: true, apiRoot: "http://127.0.0.1:9000/oa", freeReplies: 8, windowMs: 24 * 3_600_000, monthlyQuota: 0 });
  });

  it("trusts no proxy by default, the nearest hops or listed proxies when told, and refuses anything else", () => {
    expect(parseConfig({}).http.trustProxy).toBe(false);
    expect(parseConfig({ TRUST_PROXY: "1" }).http.trustProxy).toBe(1);
    expect(parseConfig({ TRUST_PROXY: "10.0.0.0/8,127.0.0.1" }).http.trustProxy).toEqual(["10.0.0.0/8", "127.0.0.1"]);
    expect(problemsOf({ TRUST_PROXY: "yes please" })[0]).toMatch(/^TRUST_PROXY/);
  });
});
