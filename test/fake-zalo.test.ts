import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { signOaWebhook, startFakeZalo, type FakeZalo } from "./fakes/zalo-api.js";
import { eventually, WAIT_MS } from "./support/wait.js";

interface Received {
  headers: http.IncomingHttpHeaders;
  raw: string;
}

/** A tiny webhook receiver recording what it got; answers `status` (200 by default). */
async function startReceiver(status = 200): Promise<{ url: string; got: Received[]; close(): Promise<void> }> {
  const got: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      got.push({ headers: req.headers, raw: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(status, { "content-type": "application/json" });
      res.end('{"received":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    got,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const json = async (res: Response): Promise<Record<string, unknown>> => (await res.json()) as Record<string, unknown>;

describe("fake Zalo", () => {
  let zalo: FakeZalo;
  let user = 0;
  const nextUser = (): string => `84${String(900_000_000 + ++user)}`;

  const oaPost = (path: string, body: unknown, token = zalo.accessToken): Promise<Response> =>
    fetch(`${zalo.oaApiRoot}${path}`, { method: "POST", headers: { access_token: token, "content-type": "application/json" }, body: JSON.stringify(body) });
  const cs = (userId: string, message: unknown, token?: string): Promise<Record<string, unknown>> =>
    oaPost("/v3.0/oa/message/cs", { recipient: { user_id: userId }, message }, token).then(json);
  const refresh = (refreshToken: string, secret = zalo.appSecretKey): Promise<Record<string, unknown>> =>
    fetch(`${zalo.oauthRoot}/v4/oa/access_token`, {
      method: "POST",
      headers: { secret_key: secret, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ app_id: zalo.appId, grant_type: "refresh_token", refresh_token: refreshToken }),
    }).then(json);
  const bot = (method: string, body: unknown = {}, token = zalo.botToken): Promise<Response> =>
    fetch(`${zalo.botApiRoot}/bot${token}/${method}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  /** Runs `fn` against a fresh fake (own clock and tokens), swapped in as `zalo` for the helpers. */
  const isolated = async (opts: Parameters<typeof startFakeZalo>[0], fn: (fake: FakeZalo) => Promise<void>): Promise<void> => {
    const shared = zalo;
    const fake = await startFakeZalo(opts);
    zalo = fake;
    try {
      await fn(fake);
    } finally {
      zalo = shared;
      await fake.close();
    }
  };

  beforeAll(async () => {
    zalo = await startFakeZalo({ oaSendsPerSecond: 1000, botSendsPerSecond: 1000 });
  });
  afterEach(() => zalo.reset());
  afterAll(() => zalo.close());

  it("answers getoa with the OA, and -216 without a valid access_token", async () => {
    const ok = await json(await fetch(`${zalo.oaApiRoot}/v2.0/oa/getoa`, { headers: { access_token: zalo.accessToken } }));
    expect(ok).toEqual({ error: 0, message: "Success", data: { oa_id: zalo.oaId, name: expect.any(String) } });
    const bad = await fetch(`${zalo.oaApiRoot}/v2.0/oa/getoa`, { headers: { access_token: "nope" } });
    expect(bad.status).toBe(200);
    expect(await json(bad)).toEqual({ error: -216, message: "Access token is invalid" });
    expect(zalo.callsTo("getoa").map((c) => c.ok)).toEqual([true, false]);
  });

  it("-216 after expiry, refresh rotates both tokens, the old refresh token is single use", async () => {
    await isolated({}, async (fake) => {
      const userId = nextUser();
      await fake.userSends(userId, { text: "hi" });
      const oldAccess = fake.accessToken;
      const oldRefresh = fake.refreshToken;
      expect((await cs(userId, { text: "one" })).error).toBe(0);

      fake.expireAccessToken();
      expect(await cs(userId, { text: "two" })).toEqual({ error: -216, message: "Access token is invalid" });

      expect((await refresh(oldRefresh, "wrong-secret"))["error"]).toBe(-14002);
      const issued = await refresh(oldRefresh);
      expect(issued).toEqual({ access_token: expect.any(String), refresh_token: expect.any(String), expires_in: "90000" });
      expect(issued["access_token"]).toBe(fake.accessToken);
      expect(issued["refresh_token"]).not.toBe(oldRefresh);
      expect(fake.refreshCount()).toBe(1);

      expect((await cs(userId, { text: "two" }, issued["access_token"] as string)).error).toBe(0);
      expect((await cs(userId, { text: "three" }, oldAccess)).error).toBe(-216);
      expect(await refresh(oldRefresh)).toMatchObject({ error: -14014, error_name: "Invalid refresh token" });
      expect(fake.refreshCount()).toBe(1);

      // natural expiry on the fake clock (TTL 90000 s)
      fake.advance(90_000_000);
      expect((await cs(userId, { text: "four" })).error).toBe(-216);
      expect((await refresh(fake.refreshToken))["access_token"]).toBe(fake.accessToken);
    });
  });

  it("answers -32 past the OA rate in a rolling second and records it", async () => {
    const fake = await startFakeZalo({ oaSendsPerSecond: 3, now: () => 1_700_000_000_000 });
    try {
      const getoa = async (): Promise<unknown> =>
        (await json(await fetch(`${fake.oaApiRoot}/v2.0/oa/getoa`, { headers: { access_token: fake.accessToken } })))["error"];
      expect([await getoa(), await getoa(), await getoa(), await getoa()]).toEqual([0, 0, 0, -32]);
      expect(fake.calls.at(-1)?.response).toEqual({ error: -32, message: "Request exceeded limit" });
      expect(fake.calls.at(-1)?.status).toBe(200);
      fake.advance(1000);
      expect(await getoa()).toBe(0);
    } finally {
      await fake.close();
    }
  });

  it("answers 429 past the bot send rate", async () => {
    const fake = await startFakeZalo({ botSendsPerSecond: 2, now: () => 1_700_000_000_000 });
    try {
      const send = (): Promise<Response> =>
        fetch(`${fake.botApiRoot}/bot${fake.botToken}/sendMessage`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ chat_id: "u1", text: "x" }) });
      expect((await send()).status).toBe(200);
      expect((await send()).status).toBe(200);
      const limited = await send();
      expect(limited.status).toBe(429);
      expect(await json(limited)).toEqual({ ok: false, error_code: 429, description: "Too Many Requests" });
      expect(fake.botSentTo("u1")).toHaveLength(2);
      fake.advance(1000);
      expect((await send()).status).toBe(200);
    } finally {
      await fake.close();
    }
  });

  it("classes cs replies free/charged and answers -230 outside 7 days, -213 after unfollow", async () => {
    // own fake and a long-lived token: advancing the clock by days would expire the 25 h access token
    await isolated({ oaSendsPerSecond: Infinity, accessTokenTtlSeconds: 30 * 24 * 3600 }, async () => {
      const userId = nextUser();
      expect(await cs(userId, { text: "cold" })).toEqual({ error: -230, message: "User has not interacted with the OA in the past 7 days" });

      const d = await zalo.userSends(userId, { text: "Có người lạ trước nhà" });
      expect(d.status).toBe(0); // no webhook set: nothing POSTed, interaction still recorded
      for (let i = 0; i < 9; i++) {
        const r = await cs(userId, { text: `reply ${i}` });
        expect(r).toMatchObject({ error: 0, message: "Success", data: { user_id: userId, message_id: expect.any(String) } });
      }
      expect(zalo.oaSentTo(userId).map((s) => s.billing)).toEqual([...Array(8).fill("free"), "charged"]);
      expect(new Set(zalo.oaSentTo(userId).map((s) => s.messageId)).size).toBe(9);

      // the user writes again: counter resets; after 48 h replies are charged
      await zalo.userSends(userId, { text: "again" });
      expect((await cs(userId, { text: "a" })).error).toBe(0);
      zalo.advance(48 * 3600_000 + 1);
      expect((await cs(userId, { text: "b" })).error).toBe(0);
      expect(zalo.oaSentTo(userId).slice(-2).map((s) => s.billing)).toEqual(["free", "charged"]);

      zalo.advance(5 * 24 * 3600_000); // now > 7 days after the last message
      expect((await cs(userId, { text: "late" })).error).toBe(-230);
      await zalo.userSends(userId, { text: "back" });
      expect((await cs(userId, { text: "welcome back" })).error).toBe(0);

      await zalo.unfollow(userId);
      expect(await cs(userId, { text: "x" })).toEqual({ error: -213, message: "User has not followed OA" });
      await zalo.follow(userId);
      expect((await cs(userId, { text: "x" })).error).toBe(0);
    });
  });

  it("validates the cs shape and the text length", async () => {
    const userId = nextUser();
    await zalo.userSends(userId, { text: "hi" });
    const invalid = { error: -201, message: "Parameters are invalid" };
    expect(await cs(userId, { text: "x".repeat(2001) })).toEqual(invalid);
    expect((await cs(userId, { text: "x".repeat(2000) })).error).toBe(0);
    expect(await cs(userId, {})).toEqual(invalid);
    expect(await cs(userId, { text: "a", attachment: {} })).toEqual(invalid);
    expect(await oaPost("/v3.0/oa/message/cs", { message: { text: "no recipient" } }).then(json)).toEqual(invalid);
    expect(await cs(userId, { attachment: { type: "template", payload: { template_type: "media", elements: [{ media_type: "image", attachment_id: "unknown" }] } } })).toEqual(invalid);
    const byUrl = await cs(userId, { attachment: { type: "template", payload: { template_type: "media", elements: [{ media_type: "image", url: "https://example.com/a.jpg" }] } } });
    expect(byUrl.error).toBe(0);
  });

  it("keeps uploads, answers attachment_id/token, and rejects oversized ones", async () => {
    const userId = nextUser();
    await zalo.userSends(userId, { text: "hi" });
    const upload = (kind: "image" | "file", bytes: Uint8Array, name: string): Promise<Record<string, unknown>> => {
      const form = new FormData();
      form.append("file", new Blob([bytes]), name);
      return fetch(`${zalo.oaApiRoot}/v2.0/oa/upload/${kind}`, { method: "POST", headers: { access_token: zalo.accessToken }, body: form }).then(json);
    };
    const img = await upload("image", new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3]), "tip.jpg");
    const attachmentId = (img["data"] as { attachment_id: string }).attachment_id;
    expect(img).toMatchObject({ error: 0, data: { attachment_id: expect.any(String) } });
    const file = await upload("file", new TextEncoder().encode("%PDF-1.4"), "report.pdf");
    const token = (file["data"] as { token: string }).token;
    expect(zalo.uploads.map((u) => [u.kind, u.filename, u.size])).toEqual([["image", "tip.jpg", 6], ["file", "report.pdf", 8]]);
    expect(zalo.uploads[0]?.bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));

    const media = { attachment: { type: "template", payload: { template_type: "media", elements: [{ media_type: "image", attachment_id: attachmentId }] } } };
    expect((await cs(userId, media)).error).toBe(0);
    expect((await cs(userId, { attachment: { type: "file", payload: { token } } })).error).toBe(0);
    expect(zalo.oaSentTo(userId).map((s) => s.message)).toEqual([media, { attachment: { type: "file", payload: { token } } }]);

    expect((await upload("image", new Uint8Array(1024 * 1024 + 1), "big.jpg")).error).toBe(-201);
    expect((await upload("file", new Uint8Array(5 * 1024 * 1024 + 1), "big.pdf")).error).toBe(-201);
  });

  it("signs OA webhook deliveries so signOaWebhook verifies them", async () => {
    const receiver = await startReceiver();
    try {
      zalo.setOaWebhook(receiver.url);
      const userId = nextUser();
      const d = await zalo.userSends(userId, { location: { lat: 21.0285, lng: 105.8542 } });
      expect(d.status).toBe(200);
      const got = receiver.got[0]!;
      expect(got.raw).toBe(d.rawBody);
      expect(got.headers["content-type"]).toBe("application/json");
      const body = JSON.parse(got.raw) as Record<string, unknown>;
      expect(body).toMatchObject({
        app_id: zalo.appId,
        sender: { id: userId },
        recipient: { id: zalo.oaId },
        event_name: "user_send_location",
        message: { msg_id: d.msgId, attachments: [{ type: "location", payload: { coordinates: { latitude: "21.0285", longitude: "105.8542" } } }] },
        timestamp: expect.stringMatching(/^\d{13}$/),
      });
      expect(got.headers["x-zevent-signature"]).toBe(signOaWebhook(zalo.appId, got.raw, body["timestamp"] as string, zalo.oaSecretKey));

      await zalo.userSends(userId, { text: "x" }, { signature: "wrong" });
      const wrong = receiver.got[1]!;
      const wrongTs = (JSON.parse(wrong.raw) as { timestamp: string }).timestamp;
      expect(wrong.headers["x-zevent-signature"]).toMatch(/^mac=[0-9a-f]{64}$/);
      expect(wrong.headers["x-zevent-signature"]).not.toBe(signOaWebhook(zalo.appId, wrong.raw, wrongTs, zalo.oaSecretKey));
      await zalo.userSends(userId, { text: "x" }, { signature: "none" });
      expect(receiver.got[2]!.headers["x-zevent-signature"]).toBeUndefined();

      // redelivery keeps the msg_id; raw sends the exact body; anonymous hides the user id
      const again = await zalo.userSends(userId, { text: "x" }, { msgId: d.msgId });
      expect((again.event["message"] as { msg_id: string }).msg_id).toBe(d.msgId);
      await zalo.userSends(userId, { text: "x" }, { raw: "{not json" });
      expect(receiver.got[4]!.raw).toBe("{not json");
      const anon = await zalo.userSends(userId, { text: "ẩn danh" }, { anonymous: true });
      expect(anon.event).toMatchObject({ event_name: "anonymous_send_text", sender: { id: anon.senderId } });
      expect(anon.senderId).not.toBe(userId);

      const f = await zalo.follow(userId);
      expect(JSON.parse(receiver.got[6]!.raw)).toMatchObject({ event_name: "follow", oa_id: zalo.oaId, follower: { id: userId } });
      expect(receiver.got[6]!.headers["x-zevent-signature"]).toBe(signOaWebhook(zalo.appId, f.rawBody, f.event.timestamp, zalo.oaSecretKey));
    } finally {
      zalo.setOaWebhook(null);
      await receiver.close();
    }
  });

  it("bot: getMe, 401 for a wrong token, setWebhook rules, secret header, wrapped form", async () => {
    expect(await json(await bot("getMe"))).toEqual({ ok: true, result: { id: "1234567", account_name: expect.any(String), account_type: "BASIC", can_join_groups: false } });
    const unauthorized = await bot("getMe", {}, "999:wrong");
    expect(unauthorized.status).toBe(401);
    expect(await json(unauthorized)).toEqual({ ok: false, error_code: 401, description: "Unauthorized" });

    const receiver = await startReceiver();
    try {
      expect((await bot("setWebhook", { url: receiver.url, secret_token: "short" })).status).toBe(400);
      expect((await bot("setWebhook", { url: receiver.url, secret_token: "s3cret-token" })).status).toBe(200);
      expect(zalo.botWebhook).toEqual({ url: receiver.url, secretToken: "s3cret-token" });
      expect(await json(await bot("getWebhookInfo"))).toMatchObject({ ok: true, result: { url: receiver.url } });
      expect((await bot("getUpdates", { timeout: "1" })).status).toBe(409);

      const plain = await zalo.botUserSends("u-77", { text: "Cứu với" });
      expect(plain).toMatchObject({ status: 200, queued: false });
      const first = receiver.got[0]!;
      expect(first.headers["x-bot-api-secret-token"]).toBe("s3cret-token");
      expect(JSON.parse(first.raw)).toMatchObject({
        event_name: "message.text.received",
        message: { from: { id: "u-77", is_bot: false }, chat: { id: "u-77", chat_type: "PRIVATE" }, text: "Cứu với", date: expect.any(Number) },
      });

      await zalo.botUserSends("u-77", { photo: { url: "https://example.com/p.jpg", caption: "biển số" } }, { wrapped: true, secret: "wrong" });
      const wrapped = JSON.parse(receiver.got[1]!.raw) as { ok: boolean; result: { event_name: string; message: Record<string, unknown> } };
      expect(wrapped).toMatchObject({ ok: true, result: { event_name: "message.image.received", message: { photo_url: "https://example.com/p.jpg", caption: "biển số" } } });
      expect(receiver.got[1]!.headers["x-bot-api-secret-token"]).not.toBe("s3cret-token");
      await zalo.botUserSends("u-77", { sticker: { id: "st1" } }, { secret: "none" });
      expect(receiver.got[2]!.headers["x-bot-api-secret-token"]).toBeUndefined();
    } finally {
      await bot("deleteWebhook");
      await receiver.close();
    }
    expect(zalo.botWebhook).toBeNull();
  });

  it("bot: getUpdates long-polls one update at a time and times out with 408", async () => {
    const empty = await bot("getUpdates", { timeout: "0" });
    expect(empty.status).toBe(408);
    expect(await json(empty)).toEqual({ ok: false, error_code: 408, description: "Request timeout" });

    const queued = await zalo.botUserSends("u-1", { text: "queued" });
    expect(queued.queued).toBe(true);
    expect(await json(await bot("getUpdates", { timeout: "5" }))).toMatchObject({ ok: true, result: { event_name: "message.text.received", message: { text: "queued" } } });

    const polling = bot("getUpdates", { timeout: "5" }).then(json);
    await eventually(async () => zalo.waitingPolls() === 1, WAIT_MS, "the long poll parked");
    await zalo.botUserSends("u-1", { text: "live" });
    expect(await polling).toMatchObject({ ok: true, result: { message: { text: "live" } } });

    const sent = await json(await bot("sendMessage", { chat_id: "u-1", text: "Đã nhận" }));
    expect(sent).toMatchObject({ ok: true, result: { message_id: expect.any(String), date: expect.any(Number) } });
    expect((await bot("sendMessage", { chat_id: "u-1", text: "" })).status).toBe(400);
    expect((await bot("sendMessage", { chat_id: "u-1", text: "x".repeat(2001) })).status).toBe(400);
    expect((await bot("sendPhoto", { chat_id: "u-1", photo: "https://example.com/x.jpg", caption: "c" })).status).toBe(200);
    expect((await bot("sendChatAction", { chat_id: "u-1", action: "typing" })).status).toBe(200);
    expect(zalo.botSentTo("u-1").map((c) => c.method)).toEqual(["sendMessage", "sendPhoto"]);
  });

  it("failNext, waitFor, 413 for oversized bodies", async () => {
    zalo.failNext("message/cs", { error: -124, message: "scripted" });
    const userId = nextUser();
    await zalo.userSends(userId, { text: "hi" });
    expect(await cs(userId, { text: "a" })).toEqual({ error: -124, message: "scripted" });
    expect((await cs(userId, { text: "a" })).error).toBe(0);

    zalo.failNext("sendMessage", { ok: false, error_code: 500, description: "boom" }, 1, 500);
    expect((await bot("sendMessage", { chat_id: "c", text: "x" })).status).toBe(500);

    const waiting = zalo.waitFor((c) => c.method === "getMe");
    await bot("getMe");
    expect((await waiting).surface).toBe("bot");
    await expect(zalo.waitFor((c) => c.method === "never", 50)).rejects.toThrow(/no matching call within 50 ms[\s\S]*getMe/);

    const big = await fetch(`${zalo.oaApiRoot}/v3.0/oa/message/cs`, {
      method: "POST",
      headers: { access_token: zalo.accessToken, "content-type": "application/json" },
      body: new Uint8Array(10 * 1024 * 1024 + 1),
    });
    expect(big.status).toBe(413);
  });
});
