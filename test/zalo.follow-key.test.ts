import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signOaWebhook, startFakeZalo, type FakeZalo } from "./fakes/zalo-api.js";
import { eventually, startTestApp, type TestApp } from "./support/app.js";
import { settled } from "./support/settle.js";
import { zaloOaEnv } from "./support/zalo.js";

const FOLLOWER = "8470009990001112";

/**
 * A follow event has no message id, so it is deduplicated under a hash of who followed and when.
 * That hash must be keyed: an unkeyed one, kept in PostgreSQL and Redis, could be checked
 * against a guessed Zalo id and tell who followed the OA, and when.
 */
describe("Zalo OA follow events: deduplicated under a keyed hash", () => {
  let zalo: FakeZalo;
  let app: TestApp;

  beforeAll(async () => {
    zalo = await startFakeZalo({ oaSendsPerSecond: 50, botSendsPerSecond: 50, accessTokenTtlSeconds: 30 * 24 * 3600 });
    app = await startTestApp({ env: { ...zaloOaEnv(zalo), PUBLIC_URL: "https://wardline.example.org" } });
    zalo.setOaWebhook(`${app.baseUrl}/webhooks/zalo/oa`);
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await zalo?.close();
  });

  it("stores no key that can be recomputed from the follower's id, and a redelivered follow is handled once", async () => {
    const f = await zalo.follow(FOLLOWER);
    expect(f.status).toBe(200);
    const row = await eventually(() => app.deps.db.inboundUpdate.findFirst({ where: { channel: "ZALO_OA", processedAt: { not: null } } }), undefined, "the follow handled");
    const e = f.event as { event_name: string; timestamp: string };
    const unkeyed = createHash("sha256").update([e.event_name, FOLLOWER, e.timestamp].join("\u0000")).digest("hex");
    expect(row.externalId).not.toContain(unkeyed.slice(0, 16));
    expect(row.externalId).not.toContain(FOLLOWER);

    // Zalo delivers the same event again: the same key, no second row.
    const again = await fetch(`${app.baseUrl}/webhooks/zalo/oa`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-zevent-signature": signOaWebhook(zalo.appId, f.rawBody, e.timestamp, zalo.oaSecretKey) },
      body: f.rawBody,
    });
    expect(again.status).toBe(200);
    await settled(app.deps);
    expect(await app.deps.db.inboundUpdate.count({ where: { channel: "ZALO_OA" } })).toBe(1);
  });
});
