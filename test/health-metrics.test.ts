import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeTelegram, type FakeTelegram } from "./fakes/telegram-api.js";
import { createUpdateFactory, user } from "./fakes/telegram-updates.js";
import { eventually, startTestApp, WAIT_MS, WEBHOOK_SECRET, type TestApp } from "./support/app.js";

const updates = createUpdateFactory();

/** Parses Prometheus text: every sample line, keyed `name{labels}`; throws on a line that is neither a sample nor a comment. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*"(?:,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*")*\})?) (-?[0-9.e+]+|NaN)$/.exec(line);
    if (!m) throw new Error(`not Prometheus text: ${JSON.stringify(line)}`);
    out.set(m[1]!, Number(m[2]));
  }
  return out;
}

async function getMetrics(app: TestApp): Promise<{ status: number; contentType: string | null; text: string; samples: Map<string, number> }> {
  const res = await fetch(`${app.baseUrl}/metrics`);
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get("content-type"), text, samples: samples(text) };
}

const postUpdate = (app: TestApp, update: object, secret = WEBHOOK_SECRET) =>
  fetch(`${app.baseUrl}/webhooks/telegram`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
    body: JSON.stringify(update),
  });

describe("health and metrics", () => {
  let fake: FakeTelegram;
  let app: TestApp;

  beforeAll(async () => {
    fake = await startFakeTelegram();
    // Web only: no workers, so queued updates stay waiting and the gauges are exact.
    app = await startTestApp({ apiRoot: fake.apiRoot, env: { ROLE: "web" } });
  });
  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  it("GET /healthz is 200 with the database and Redis both ok", async () => {
    const res = await fetch(`${app.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", down: [], checks: { database: "ok", redis: "ok" } });
  });

  it("GET /metrics is Prometheus text with every queue's jobs by state, before anything happened", async () => {
    const m = await getMetrics(app);
    expect(m.status).toBe(200);
    expect(m.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(m.text).toContain("# TYPE wardline_updates_received_total counter");
    expect(m.text).toContain("# TYPE wardline_jobs gauge");
    for (const queue of ["inbound", "routing", "outbound", "broadcast"]) {
      for (const state of ["waiting", "active", "delayed", "failed", "completed"]) {
        expect(m.samples.get(`wardline_jobs{queue="${queue}",state="${state}"}`), `${queue}/${state}`).toBe(0);
      }
    }
    expect(m.samples.has('wardline_updates_received_total{channel="telegram"}')).toBe(false);
  });

  it("counts accepted updates and rejected requests, and shows the queued jobs waiting", async () => {
    const n = 7;
    for (let i = 0; i < n; i++) {
      const res = await postUpdate(app, updates.privateText(user(7_300_000_000 + i), `tin ${i}`));
      expect(res.status).toBe(200);
    }
    expect((await postUpdate(app, updates.privateText(user(7_300_000_100), "x"), "wrong_secret_0123456789")).status).toBe(401);

    const m = await eventually(async () => {
      const got = await getMetrics(app);
      return got.samples.get('wardline_updates_received_total{channel="telegram"}') === n ? got : null;
    }, WAIT_MS, "the received counter to reach 7");
    expect(m.samples.get('wardline_webhook_rejected_total{channel="telegram",reason="secret"}')).toBe(1);
    expect(m.samples.get('wardline_jobs{queue="inbound",state="waiting"}')).toBe(n);
    expect(m.samples.get('wardline_jobs{queue="inbound",state="completed"}')).toBe(0);
    expect(m.samples.get('wardline_jobs{queue="outbound",state="waiting"}')).toBe(0);
  });

  // Last: it breaks this app's producer connection.
  it("GET /healthz is 503 naming redis when the producer's Redis connection is down", async () => {
    app.deps.redis.disconnect();
    const res = await fetch(`${app.baseUrl}/healthz`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { status: string; down: string[]; checks: Record<string, string> };
    expect(body.status).toBe("down");
    expect(body.down).toEqual(["redis"]);
    expect(body.checks["database"]).toBe("ok");
    expect(body.checks["redis"]).toMatch(/^down: /);
  });
});
