/** The HTTP side of the fake: one node:http server, three surfaces under /oa, /oauth and /bot; call log and scripted failures. */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { handleBot } from "./bot.js";
import { BodyTooLarge, readBody } from "../http.js";
import { MAX_BODY_BYTES, parseBody, type ParsedBody } from "./body.js";
import { handleOa } from "./oa.js";
import { handleOauth } from "./oauth.js";
import type { ZaloState } from "./state.js";
import type { Call, HandlerResult, ScriptedFailure, Surface } from "./types.js";

const BOT_ROUTE = /^\/bot([^/]+)\/([A-Za-z0-9_]+)$/;

function splitSurface(pathname: string): { surface: Surface; path: string } | null {
  for (const surface of ["oauth", "oa", "bot"] as const) {
    const prefix = `/${surface}`;
    if (pathname.startsWith(`${prefix}/`)) return { surface, path: pathname.slice(prefix.length) };
  }
  return null;
}

/** Does `match` (a bot method, a full sub-path, or a path suffix like "message/cs") name this call? */
export function callMatches(match: string, c: Pick<Call, "method" | "path">): boolean {
  if (match === "*" || match === c.method || match === c.path) return true;
  return c.path.endsWith(match.startsWith("/") ? match : `/${match}`);
}

function errorBody(surface: Surface, status: number, code: number, text: string): HandlerResult {
  return surface === "bot"
    ? { status, body: { ok: false, error_code: code, description: text } }
    : { status, body: { error: code, message: text } };
}

function isOk(surface: Surface, body: Record<string, unknown>): boolean {
  if (surface === "bot") return body["ok"] === true;
  if (surface === "oauth") return typeof body["access_token"] === "string";
  return body["error"] === 0;
}

export class ZaloServer {
  readonly calls: Call[] = [];
  private scripted: ScriptedFailure[] = [];
  private readonly listeners = new Set<(c: Call) => void>();
  private readonly server: http.Server;
  private readonly startedAt: number;
  base = "";

  constructor(private readonly state: ZaloState) {
    this.startedAt = state.clock.now();
    this.server = http.createServer((req, res) => {
      this.route(req, res).catch((err: unknown) => send(res, 500, { error: 500, message: `fake Zalo failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}` }));
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
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  onCall(listener: (c: Call) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  failNext(match: string, response: Record<string, unknown>, times: number, httpStatus: number): void {
    this.scripted.push({ match, response, remaining: times, httpStatus });
  }

  reset(): void {
    this.calls.length = 0;
    this.scripted = [];
  }

  private takeScripted(c: Pick<Call, "method" | "path">): HandlerResult | null {
    this.scripted = this.scripted.filter((s) => s.remaining > 0);
    const hit = this.scripted.find((s) => callMatches(s.match, c));
    if (!hit) return null;
    hit.remaining -= 1;
    return { status: hit.httpStatus, body: structuredClone(hit.response) };
  }

  private record(call: Call): void {
    this.calls.push(call);
    for (const l of [...this.listeners]) l(call);
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const at = this.state.clock.now();
    const url = new URL(req.url ?? "/", "http://fake.invalid");
    const httpMethod = req.method ?? "GET";
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(", ") : v;
    const where = splitSurface(url.pathname);
    if (!where) {
      req.resume();
      return send(res, 404, { error: 404, message: `fake Zalo: unknown path ${url.pathname} (use /oa, /oauth or /bot)` });
    }
    const { surface, path } = where;
    const botRoute = surface === "bot" ? BOT_ROUTE.exec(path) : null;
    const method = botRoute ? (botRoute[2] ?? "") : path;
    const abort = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) abort.abort();
    });

    let parsed: ParsedBody = { fields: {}, files: new Map() };
    let result: HandlerResult | null = null;
    try {
      parsed = parseBody(headers["content-type"], await readBody(req, MAX_BODY_BYTES));
      for (const [k, v] of url.searchParams) if (!(k in parsed.fields)) parsed.fields[k] = v;
    } catch (err) {
      result = err instanceof BodyTooLarge
        ? errorBody(surface, 413, 413, "Request Entity Too Large")
        : surface === "bot"
          ? errorBody(surface, 400, 400, `Bad Request: can't parse body: ${err instanceof Error ? err.message : String(err)}`)
          : errorBody(surface, 200, -201, "Parameters are invalid");
    }
    if (!result) result = this.takeScripted({ method, path });
    if (!result) {
      const ctx = { path, httpMethod, headers, body: parsed.fields, files: parsed.files, signal: abort.signal, at };
      if (surface === "oa") result = handleOa(this.state, ctx);
      else if (surface === "oauth") result = handleOauth(this.state, ctx);
      else if (!botRoute) result = errorBody("bot", 404, 404, "Not Found");
      else result = await handleBot(this.state, ctx, decodeURIComponent(botRoute[1] ?? ""), method);
    }
    this.record({ surface, path, method, httpMethod, headers, body: parsed.fields, status: result.status, response: result.body, ok: isOk(surface, result.body), at });
    send(res, result.status, result.body);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** One line per call, for timeout messages. */
  describe(c: Call): string {
    const r = c.response;
    const outcome = c.surface === "bot"
      ? (r["ok"] === true ? "ok" : `${String(r["error_code"])} ${String(r["description"])}`)
      : c.ok ? "ok" : `${String(r["error"])} ${String(r["message"] ?? r["error_name"] ?? "")}`;
    const b = c.body;
    const bits: string[] = [];
    const recipient = b["recipient"] as { user_id?: unknown } | undefined;
    if (recipient?.user_id !== undefined) bits.push(`user_id=${String(recipient.user_id)}`);
    if (b["chat_id"] !== undefined) bits.push(`chat_id=${String(b["chat_id"])}`);
    return `  +${c.at - this.startedAt}ms ${c.surface} ${c.method}${bits.length ? ` ${bits.join(" ")}` : ""} -> HTTP ${c.status} ${outcome}`;
  }
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.destroyed || res.writableEnded) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}
