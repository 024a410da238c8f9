/** HTTP pieces both fake platforms (Telegram, Zalo) share: body reading and parsing, webhook POSTs, waiting for a call. */
import http from "node:http";
import https from "node:https";

export class BodyTooLarge extends Error {}

/** Reads the whole body; past `limit` keeps draining (so the client sees the 413, not a reset) and throws {@link BodyTooLarge}. */
export async function readBody(req: http.IncomingMessage, limit = Number.POSITIVE_INFINITY): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size <= limit) chunks.push(buf);
  }
  if (size > limit) throw new BodyTooLarge(`body of ${size} bytes exceeds ${limit}`);
  return Buffer.concat(chunks);
}

/** Splits `type/sub; a=1; b="x y"` into the lower-cased type and its parameters. */
export function parseHeaderParams(value: string): { value: string; params: Record<string, string> } {
  const semi = value.indexOf(";");
  const head = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase();
  const params: Record<string, string> = {};
  if (semi >= 0) {
    const re = /;\s*([A-Za-z0-9_*-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
    const rest = value.slice(semi);
    for (let m = re.exec(rest); m !== null; m = re.exec(rest)) {
      params[(m[1] ?? "").toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : (m[3] ?? "").trim();
    }
  }
  return { value: head, params };
}

export interface RawPart {
  name: string;
  filename: string | undefined;
  contentType: string | undefined;
  body: Buffer;
}

/** The parts of a multipart/form-data body; throws on a malformed one. */
export function parseMultipart(raw: Buffer, boundary: string): RawPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const next = Buffer.from(`\r\n--${boundary}`);
  let pos = raw.indexOf(delimiter);
  if (pos < 0) throw new Error("multipart boundary not found");
  pos += delimiter.length;
  const parts: RawPart[] = [];
  for (;;) {
    if (raw[pos] === 0x2d && raw[pos + 1] === 0x2d) break; // closing "--"
    if (raw[pos] === 0x0d && raw[pos + 1] === 0x0a) pos += 2;
    const end = raw.indexOf(next, pos);
    if (end < 0) throw new Error("unterminated multipart body");
    const chunk = raw.subarray(pos, end);
    const headerEnd = chunk.indexOf("\r\n\r\n");
    const headerText = (headerEnd < 0 ? chunk : chunk.subarray(0, headerEnd)).toString("utf8");
    const body = headerEnd < 0 ? Buffer.alloc(0) : chunk.subarray(headerEnd + 4);
    const headers: Record<string, string> = {};
    for (const line of headerText.split("\r\n")) {
      const colon = line.indexOf(":");
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const disposition = parseHeaderParams(headers["content-disposition"] ?? "");
    parts.push({ name: disposition.params["name"] ?? "", filename: disposition.params["filename"], contentType: headers["content-type"], body: Buffer.from(body) });
    pos = end + next.length;
  }
  return parts;
}

/** One JSON POST, as a platform calls a webhook. Never throws: connection errors and timeouts come back as status 0. */
export function postJson(url: string, payload: string, headers: Record<string, string>, timeoutMs: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve({ status: 0, body: `invalid webhook URL ${JSON.stringify(url)}` });
      return;
    }
    const lib = target.protocol === "https:" ? https : http;
    const req = lib.request(
      target,
      {
        method: "POST",
        agent: false,
        headers: { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(payload), connection: "close" },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", (err) => resolve({ status: 0, body: err.message }));
      },
    );
    req.on("timeout", () => req.destroy(new Error(`webhook timed out after ${timeoutMs} ms`)));
    req.on("error", (err) => resolve({ status: 0, body: err.message }));
    req.end(payload);
  });
}

/**
 * The first call matching `predicate`, already recorded or still to come; after `timeoutMs`
 * rejects with `timeoutMessage()`. `pending` holds the rejecters so closing the fake fails waits at once.
 */
export function waitForCall<C>(
  calls: readonly C[],
  onCall: (listener: (c: C) => void) => () => void,
  pending: Set<(e: Error) => void>,
  predicate: (c: C) => boolean,
  timeoutMs: number,
  timeoutMessage: () => string,
): Promise<C> {
  const found = calls.find(predicate);
  if (found) return Promise.resolve(found);
  return new Promise<C>((resolve, reject) => {
    const finish = (): void => {
      clearTimeout(timer);
      unsubscribe();
      pending.delete(fail);
    };
    const fail = (e: Error): void => {
      finish();
      reject(e);
    };
    const unsubscribe = onCall((c) => {
      if (!predicate(c)) return;
      finish();
      resolve(c);
    });
    const timer = setTimeout(() => fail(new Error(timeoutMessage())), timeoutMs);
    pending.add(fail);
  });
}
