import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, startTestApp, type TestApp } from "./support/app.js";

/**
 * Slow and greedy clients on raw sockets: a body that never finishes, headers that never end, a
 * body sent a byte at a time, and one address opening more connections than it may. Every wait
 * is for an event (the socket's close, a response), under a generous ceiling; nothing asserts on
 * how long something took.
 */

const CAP = 4;
const CEILING_MS = 30_000;

type Client = { socket: Socket; received: () => string; closed: Promise<void>; isClosed: () => boolean };

/** A raw TCP client from a chosen loopback address (Linux routes all of 127/8 to lo). */
async function open(port: number, from: string): Promise<Client> {
  const socket = connect({ host: "127.0.0.1", port, localAddress: from });
  let data = "";
  let done = false;
  socket.on("data", (d: Buffer) => (data += d.toString("latin1")));
  socket.on("error", () => undefined); // a reset is one way the server may close
  const closed = new Promise<void>((resolve) => socket.once("close", () => ((done = true), resolve())));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("close", () => reject(new Error(`connection from ${from} closed before it opened`)));
  });
  return { socket, received: () => data, closed, isClosed: () => done };
}

/** Resolves when `p` does; fails the test if that takes longer than the ceiling. */
function within<T>(p: Promise<T>, what: string, ms = CEILING_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: still open after ${ms} ms`)), ms)));
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

const partialPost = (path: string, type: string, declared: number, sent: string) =>
  `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${type}\r\nContent-Length: ${declared}\r\n\r\n${sent}`;

/** One request on a kept-alive connection, read until a whole response head has arrived. */
async function roundTrip(c: Client, path: string): Promise<string> {
  const before = c.received().length;
  c.socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
  return eventually(async () => {
    if (c.isClosed()) throw new Error("closed");
    const got = c.received().slice(before);
    return /\r\n\r\n/.test(got) ? got : null;
  }, CEILING_MS, `a response to ${path}`);
}

describe("HTTP time limits and connections per address", () => {
  let app: TestApp;
  let port = 0;
  const opened: Client[] = [];
  const track = (c: Client) => (opened.push(c), c);

  beforeAll(async () => {
    app = await startTestApp({
      env: {
        ROLE: "web",
        HTTP_REQUEST_TIMEOUT_MS: "2000",
        HTTP_HEADERS_TIMEOUT_MS: "2000",
        HTTP_IDLE_TIMEOUT_MS: "20000",
        HTTP_MAX_CONNECTIONS_PER_ADDRESS: String(CAP),
        PUBLIC_URL: "https://wardline.example.org",
        ZALO_OA_APP_ID: "1234567890",
        ZALO_OA_SECRET_KEY: "oa-secret-key-0123",
        ZALO_APP_SECRET_KEY: "app-secret-key-0123",
        ZALO_OA_REFRESH_TOKEN: "refresh-token-0123",
        ZALO_OA_API_ROOT: "http://127.0.0.1:9",
        ZALO_OAUTH_ROOT: "http://127.0.0.1:9",
      },
    });
    port = Number(new URL(app.baseUrl).port);
  });
  afterAll(async () => {
    for (const c of opened) c.socket.destroy();
    await app?.stop();
  });

  it("cuts a body that stops halfway, on the public form and on the Zalo webhook", async () => {
    const report = track(await open(port, "127.0.0.2"));
    report.socket.write(partialPost("/report", "application/x-www-form-urlencoded", 4000, "ward=00004&text=Ch%C3%A1y"));
    const zalo = track(await open(port, "127.0.0.3"));
    zalo.socket.write(partialPost("/webhooks/zalo/oa", "application/json", 4000, '{"app_id":"1234567890","event_name":'));
    await within(report.closed, "partial body to /report");
    await within(zalo.closed, "partial body to /webhooks/zalo/oa");
    // Neither request was ever handled: the only answer, if any, is the timeout's.
    for (const c of [report, zalo]) expect(c.received()).not.toMatch(/^HTTP\/1\.1 [25]\d\d/);
  });

  it("cuts a body sent a byte at a time (busy, never idle), and headers that never end", async () => {
    const slow = track(await open(port, "127.0.0.2"));
    slow.socket.write(partialPost("/report", "application/x-www-form-urlencoded", 100_000, "text="));
    const heads = track(await open(port, "127.0.0.3"));
    heads.socket.write("GET /report HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    // A byte every 100 ms keeps both connections busy; bounded by the ceiling.
    for (let i = 0; i < CEILING_MS / 100 && !(slow.isClosed() && heads.isClosed()); i++) {
      if (!slow.isClosed()) slow.socket.write("a");
      if (!heads.isClosed()) heads.socket.write(`X-Pad-${i}: 1\r\n`);
      await new Promise((r) => setTimeout(r, 100));
    }
    await within(slow.closed, "body trickled a byte at a time");
    await within(heads.closed, "headers trickled a line at a time");
  });

  it("refuses an address's connection over the cap, while other addresses and its open ones still work", async () => {
    const held: Client[] = [];
    for (let i = 0; i < CAP; i++) {
      const c = track(await open(port, "127.0.0.4"));
      expect(await roundTrip(c, "/nothing-here")).toMatch(/^HTTP\/1\.1 404/); // kept alive afterwards
      held.push(c);
    }
    const extra = track(await open(port, "127.0.0.4")).socket;
    const over = opened.at(-1)!;
    extra.write("GET /nothing-here HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    await within(over.closed, "connection over the cap");
    expect(over.received()).toBe(""); // closed without being served

    // Another address is not affected, nor are the address's open connections.
    const other = track(await open(port, "127.0.0.5"));
    expect(await roundTrip(other, "/nothing-here")).toMatch(/^HTTP\/1\.1 404/);
    expect(await roundTrip(held[0]!, "/nothing-here")).toMatch(/^HTTP\/1\.1 404/);

    // Once one closes, the address may open one again.
    held[1]!.socket.destroy();
    await held[1]!.closed;
    const again = await eventually(async () => {
      const c = track(await open(port, "127.0.0.4"));
      const res = await roundTrip(c, "/nothing-here").catch(() => null);
      return res?.startsWith("HTTP/1.1 404") ? res : null;
    }, CEILING_MS, "a new connection once one closed");
    expect(again).toMatch(/^HTTP\/1\.1 404/);
  });

  it("still answers ordinary requests", async () => {
    const res = await fetch(`${app.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    const form = await fetch(`${app.baseUrl}/report`);
    expect(form.status).toBe(200);
  });
});
