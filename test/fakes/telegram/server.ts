/** The HTTP side of the fake: routing, dispatch to handlers, scripted failures, delays, call log. */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { readBody } from "../http.js";
import { parseRequest } from "./body.js";
import { miscHandlers } from "./misc.js";
import { editHandlers } from "./edit.js";
import { sendHandlers } from "./send.js";
import { noteServedBot } from "./ids.js";
import { botForToken, type FakeState, type Handler } from "./state.js";
import { errorFromSpec, TelegramError, type ApiErrorSpec, type ApiResponse, type Call, type Upload, type UploadedFile } from "./types.js";

const HANDLERS: Record<string, Handler> = { ...sendHandlers, ...editHandlers, ...miscHandlers };
const CANONICAL = new Map(Object.keys(HANDLERS).map((k) => [k.toLowerCase(), k]));

/** Telegram method names are case-insensitive. */
export const canonicalMethod = (name: string): string => CANONICAL.get(name.toLowerCase()) ?? name;

/** A request the fake has received and not answered yet; `params` are filled in once the body is read. */
export interface InFlight {
  method: string;
  params: Record<string, unknown>;
  at: number;
}

interface Scripted {
  method: string;
  error: ApiErrorSpec;
  remaining: number;
  until: number;
}

/** Token recorded for methods the bot returned in a webhook response (those carry no token). */
export const WEBHOOK_REPLY_TOKEN = "(webhook-reply)";

const matches = (pattern: string, method: string): boolean => pattern === method || (pattern === "*" && method !== "getUpdates");

export class ApiServer {
  readonly calls: Call[] = [];
  readonly uploads: Upload[] = [];
  private scripted: Scripted[] = [];
  private hangs: Array<{ method: string; until: number }> = [];
  private drops: Array<{ method: string; remaining: number; match: (params: Record<string, unknown>) => boolean }> = [];
  /** Requests held by a hang, to wake when it is released. */
  private readonly held = new Set<{ method: string; wake: () => void }>();
  /** Requests received and not answered yet (body being read, held by a hang or latency, or running). */
  readonly inFlight = new Set<InFlight>();
  private latencyMs = 0;
  private readonly listeners = new Set<(c: Call) => void>();
  private readonly server: http.Server;
  readonly startedAt = Date.now();
  apiRoot = "";

  constructor(private readonly state: FakeState) {
    this.server = http.createServer((req, res) => {
      this.route(req, res).catch((err: unknown) => reply(res, 500, { ok: false, error_code: 500, description: `Internal Server Error: ${String(err)}` }));
    });
    // Idle keep-alive connections stay open longer than any pause in a test (a 429 hold, a busy
    // machine). Closed after Node's default 5 s, a send can race the close and end in ECONNRESET,
    // which the service rightly records as "may have arrived" and never sends again: a test would
    // then see a recipient missed for a reason of the fake's making.
    this.server.keepAliveTimeout = 10 * 60_000;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(0, "127.0.0.1", () => resolve());
    });
    this.apiRoot = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  onCall(listener: (c: Call) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  failNext(method: string, error: ApiErrorSpec, times: number): void {
    this.scripted.push({ method, error, remaining: times, until: Infinity });
  }
  failFor(method: string, error: ApiErrorSpec, durationMs: number): void {
    this.scripted.push({ method, error, remaining: Infinity, until: Date.now() + durationMs });
  }
  hang(method: string, durationMs: number): void {
    this.hangs.push({ method, until: Date.now() + durationMs });
  }
  /** The next `times` calls to `method` ("*" = any) whose params match are cut off unanswered and not carried out. */
  dropNext(method: string, times: number, match: (params: Record<string, unknown>) => boolean): void {
    this.drops.push({ method, remaining: times, match });
  }
  /** Ends the hangs set on `method` ("*": every hang) now; the requests they held go on at once. */
  release(method: string): void {
    this.hangs = this.hangs.filter((h) => method !== "*" && h.method !== method);
    for (const h of [...this.held]) if (method === "*" || h.method === method) h.wake();
  }
  setLatency(ms: number): void {
    this.latencyMs = ms;
  }
  reset(): void {
    this.calls.length = 0;
    this.uploads.length = 0;
    this.scripted = [];
    this.hangs = [];
    this.drops = [];
    this.latencyMs = 0;
  }

  /** Sleeps, but wakes up at once when the fake closes (or, for a call to `method`, when its hang is released). */
  private sleep(ms: number, method?: string): Promise<void> {
    if (ms <= 0 || this.state.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const entry = { method: method ?? "", wake: (): void => done() };
      const done = (): void => {
        clearTimeout(timer);
        this.state.onClose.delete(done);
        this.held.delete(entry);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.state.onClose.add(done);
      if (method !== undefined) this.held.add(entry);
    });
  }

  private record(call: Call): void {
    this.calls.push(call);
    for (const l of [...this.listeners]) l(call);
  }

  private takeScripted(method: string): TelegramError | null {
    const now = Date.now();
    this.scripted = this.scripted.filter((s) => s.remaining > 0 && s.until > now);
    const hit = this.scripted.find((s) => matches(s.method, method));
    if (!hit) return null;
    hit.remaining -= 1;
    return errorFromSpec(hit.error);
  }

  /** Runs one API method as Telegram would and records it. */
  async execute(
    method: string,
    token: string,
    params: Record<string, unknown>,
    at = Date.now(),
    uploads = new Map<UploadedFile, Upload>(),
    signal = new AbortController().signal,
  ): Promise<ApiResponse> {
    const now = Date.now();
    const hangUntil = Math.max(0, ...this.hangs.filter((h) => (h.method === method || h.method === "*") && h.until > now).map((h) => h.until));
    await this.sleep(Math.max(this.latencyMs, hangUntil - now), hangUntil > now ? method : undefined);
    const handler = HANDLERS[method];
    const bot = botForToken(this.state, token);
    if (token !== WEBHOOK_REPLY_TOKEN) {
      this.state.lastBot = bot;
      noteServedBot(bot);
    }
    let response: ApiResponse;
    if (!handler) {
      response = { ok: false, error_code: 404, description: "Not Found" };
    } else {
      try {
        const failure = this.takeScripted(method);
        if (failure) throw failure;
        response = { ok: true, result: await handler(this.state, { method, token, bot, params, uploads, signal }) };
      } catch (err) {
        response = err instanceof TelegramError
          ? err.toResponse()
          : { ok: false, error_code: 500, description: `Internal Server Error: fake failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}` };
      }
    }
    this.record({ method, token, params, at, response, ok: response.ok });
    return response;
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake.invalid");
    const fileRoute = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (fileRoute && (req.method === "GET" || req.method === "HEAD")) {
      const file = this.state.store.fileByPath(decodeURIComponent(fileRoute[2] ?? ""));
      if (!file) return reply(res, 404, { ok: false, error_code: 404, description: "Not Found" });
      res.writeHead(200, { "content-type": file.mime, "content-length": file.bytes.length });
      res.end(req.method === "HEAD" ? undefined : file.bytes);
      return;
    }
    const apiRoute = /^\/bot([^/]+)\/(?:test\/)?([A-Za-z0-9_]+)$/.exec(url.pathname);
    if (!apiRoute || (req.method !== "POST" && req.method !== "GET")) {
      return reply(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    }
    const at = Date.now();
    const token = decodeURIComponent(apiRoute[1] ?? "");
    const method = canonicalMethod(apiRoute[2] ?? "");
    const pending: InFlight = { method, params: {}, at };
    this.inFlight.add(pending);
    try {
      await this.answer(req, res, url, method, token, at, pending);
    } finally {
      this.inFlight.delete(pending);
    }
  }

  private async answer(req: http.IncomingMessage, res: http.ServerResponse, url: URL, method: string, token: string, at: number, pending: InFlight): Promise<void> {
    const abort = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) abort.abort();
    });
    let response: ApiResponse;
    let parsed: ReturnType<typeof parseRequest>;
    try {
      parsed = parseRequest(req.headers["content-type"], await readBody(req), url.searchParams);
    } catch (err) {
      response = { ok: false, error_code: 400, description: `Bad Request: can't parse request: ${err instanceof Error ? err.message : String(err)}` };
      this.record({ method, token, params: {}, at, response, ok: false });
      return reply(res, 400, response);
    }
    const files = new Map<UploadedFile, Upload>();
    for (const f of parsed.files) {
      const upload: Upload = { ...f.descriptor, method, field: f.field, bytes: f.part.bytes, at };
      this.uploads.push(upload);
      files.set(f.descriptor, upload);
    }
    pending.params = parsed.params;
    const drop = this.drops.find((x) => x.remaining > 0 && matches(x.method, method) && x.match(parsed.params));
    if (drop) {
      // A network failure: the connection ends without an answer, and Telegram did nothing.
      drop.remaining -= 1;
      this.record({ method, token, params: parsed.params, at, response: { ok: false, error_code: 0, description: "fake: connection dropped" }, ok: false });
      res.destroy();
      return;
    }
    response = await this.execute(method, token, parsed.params, at, files, abort.signal);
    reply(res, response.ok ? 200 : response.error_code, response);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** One line per call, for timeout messages. */
  describe(c: Call): string {
    const p = c.params;
    const bits: string[] = [];
    for (const k of ["chat_id", "message_id", "callback_query_id", "file_id"]) if (p[k] !== undefined) bits.push(`${k}=${String(p[k])}`);
    for (const k of ["text", "caption"]) {
      const v = p[k];
      if (typeof v === "string") bits.push(`${k}=${JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v)}`);
    }
    const r = c.response as ApiResponse;
    return `  +${c.at - this.startedAt}ms ${c.method} ${bits.join(" ")} -> ${r.ok ? "ok" : `${r.error_code} ${r.description}`}`;
  }
}

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.destroyed || res.writableEnded) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}
