/** Webhook delivery the way Telegram does it: POST JSON, optional secret header, retry on failure. */
import http from "node:http";
import https from "node:https";

export interface DeliverOptions {
  /** Sent as `X-Telegram-Bot-Api-Secret-Token`. */
  secretToken?: string;
  /** Total attempts including the first (default 5). */
  maxAttempts?: number;
  /** Pause between attempts (default 200 ms). */
  retryDelayMs?: number;
  /** Per-attempt timeout (default 10 s); a timeout counts as a failed attempt. */
  timeoutMs?: number;
}

export interface DeliveryResult {
  attempts: number;
  /** Last HTTP status; 0 when the last attempt could not connect or timed out. */
  status: number;
  /** Last response body (text). */
  body: string;
}

function post(url: URL, payload: string, headers: Record<string, string>, timeoutMs: number): Promise<{ status: number; body: string }> {
  const lib = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      url,
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
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`webhook timed out after ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end(payload);
  });
}

export async function deliverWebhook(url: string, update: object, opts: DeliverOptions = {}): Promise<DeliveryResult> {
  const maxAttempts = Math.max(1, opts.maxAttempts ?? 5);
  const retryDelayMs = opts.retryDelayMs ?? 200;
  const headers: Record<string, string> = {};
  if (opts.secretToken !== undefined) headers["x-telegram-bot-api-secret-token"] = opts.secretToken;
  const payload = JSON.stringify(update);
  const target = new URL(url);
  let last = { status: 0, body: "" };
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    try {
      last = await post(target, payload, headers, opts.timeoutMs ?? 10_000);
    } catch (err) {
      last = { status: 0, body: err instanceof Error ? err.message : String(err) };
    }
    if (last.status >= 200 && last.status < 300) return { attempts: attempt, ...last };
    if (attempt < maxAttempts) await new Promise((r) => setTimeout(r, retryDelayMs));
  }
  return { attempts: maxAttempts, ...last };
}
