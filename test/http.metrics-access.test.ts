import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../src/config.js";
import { createServer } from "../src/http/server.js";
import { PG_URL, REDIS_URL, startTestApp, type TestApp } from "./support/app.js";
import { ROOT, freePort } from "./support/service.js";

/**
 * Who may read /metrics. Each case builds the real HTTP server from the running test app's
 * dependencies with the settings an operator would give (parsed by parseConfig), listens on
 * loopback, and asks as an outsider would.
 */

const TOKEN = "metrics_token_0123456789abcdef";

describe("/metrics access: a token, a separate listener, and nothing public by default in production", () => {
  let app: TestApp;
  const servers: FastifyInstance[] = [];

  const settings = (env: Record<string, string>) =>
    parseConfig({
      NODE_ENV: "production",
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: PG_URL,
      REDIS_URL,
      QUEUE_PREFIX: app.prefix,
      IDENTITY_KEY: randomBytes(32).toString("hex"),
      ...env,
    });
  async function serve(env: Record<string, string>): Promise<string> {
    const server = createServer({ ...app.deps, config: settings(env) });
    servers.push(server);
    return server.listen({ port: 0, host: "127.0.0.1" });
  }
  const scrape = (base: string, headers: Record<string, string> = {}) => fetch(`${base}/metrics`, { headers });

  beforeAll(async () => {
    app = await startTestApp({ env: { ROLE: "web" } });
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
    await app?.stop();
  });

  it("in production, serves no /metrics on the public port unless a token or a metrics port is set", async () => {
    const base = await serve({});
    const res = await scrape(base);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("wardline_jobs");
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it("with METRICS_TOKEN, answers only a scraper presenting it as a bearer token", async () => {
    const base = await serve({ METRICS_TOKEN: TOKEN });
    const attempts: Array<Record<string, string>> = [{}, { authorization: "Bearer wrong_token_0123456789abcd" }, { authorization: TOKEN }, { authorization: `Basic ${TOKEN}` }];
    for (const headers of attempts) {
      const res = await scrape(base, headers);
      expect(res.status, JSON.stringify(headers)).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe("Bearer");
      expect(await res.text()).not.toContain("wardline_jobs");
    }
    const ok = await scrape(base, { authorization: `Bearer ${TOKEN}` });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(/^wardline_jobs\{queue="inbound",state="waiting"\} \d+$/m);
  });

  it("with METRICS_PORT, serves /metrics there only, and frees that port when the server closes", async () => {
    const port = await freePort();
    const server = createServer({ ...app.deps, config: settings({ METRICS_PORT: String(port), METRICS_HOST: "127.0.0.1" }) });
    const base = await server.listen({ port: 0, host: "127.0.0.1" });
    expect((await scrape(base)).status).toBe(404);
    const separate = await scrape(`http://127.0.0.1:${port}`);
    expect(separate.status).toBe(200);
    expect(await separate.text()).toContain("# TYPE wardline_jobs gauge");
    // Nothing else is served on the metrics port.
    expect((await fetch(`http://127.0.0.1:${port}/report`)).status).toBe(404);
    await server.close();
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
  });

  it("with both, the metrics port asks for the token too", async () => {
    const port = await freePort();
    await serve({ METRICS_PORT: String(port), METRICS_TOKEN: TOKEN });
    expect((await scrape(`http://127.0.0.1:${port}`)).status).toBe(401);
    expect((await scrape(`http://127.0.0.1:${port}`, { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
  });

  it("outside production, /metrics stays on the main port for development", async () => {
    expect((await scrape(app.baseUrl)).status).toBe(200);
  });

  it("refuses settings that cannot work, naming each", () => {
    const problems = (env: Record<string, string>) => {
      try {
        parseConfig(env);
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as ConfigError).problems.join("\n");
      }
      throw new Error(`accepted ${JSON.stringify(env)}`);
    };
    expect(problems({ METRICS_TOKEN: "short" })).toMatch(/^METRICS_TOKEN: /m);
    expect(problems({ METRICS_PORT: "3000", PORT: "3000" })).toMatch(/^METRICS_PORT: .*PORT/m);
    expect(problems({ HTTP_HEADERS_TIMEOUT_MS: "20000", HTTP_REQUEST_TIMEOUT_MS: "10000" })).toMatch(/^HTTP_HEADERS_TIMEOUT_MS: /m);
    expect(problems({ HTTP_REQUEST_TIMEOUT_MS: "soon" })).toMatch(/^HTTP_REQUEST_TIMEOUT_MS: /m);
    const c = parseConfig({});
    expect(c.http).toMatchObject({ requestTimeoutMs: 60_000, headersTimeoutMs: 10_000, idleTimeoutMs: 30_000, maxConnectionsPerAddress: 100, liveHeartbeatMs: 25_000 });
    // Behind a proxy every connection comes from the proxy: the cap is left to it.
    expect(parseConfig({ TRUST_PROXY: "1" }).http.maxConnectionsPerAddress).toBe(0);
    expect(parseConfig({ TRUST_PROXY: "1", HTTP_MAX_CONNECTIONS_PER_ADDRESS: "50" }).http.maxConnectionsPerAddress).toBe(50);
  });

  it("docker-compose passes TRUST_PROXY and the metrics settings to the web container", () => {
    const compose = readFileSync(join(ROOT, "docker-compose.yml"), "utf8");
    // The web service's environment block (the workers inherit it through the anchor).
    const web = /^  web:\n([\s\S]*?)^  \w+:\n/m.exec(compose)?.[1] ?? "";
    const env = /^    environment:[^\n]*\n((?:      [^\n]*\n)+)/m.exec(web)?.[1] ?? "";
    const names = [...env.matchAll(/^      ([A-Z_]+):/gm)].map((m) => m[1]);
    expect(names).toEqual(expect.arrayContaining(["TRUST_PROXY", "METRICS_TOKEN", "METRICS_PORT", "METRICS_HOST"]));
    expect(env).toMatch(/^      TRUST_PROXY: \$\{TRUST_PROXY:-[^}]*\}$/m);
    // The metrics port is not published to the host: only the compose network reaches it.
    expect(web).not.toMatch(/ports:.*9464/);
  });
});
