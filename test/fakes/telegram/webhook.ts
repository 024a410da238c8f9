/** Webhook delivery the way Telegram does it: POST JSON, optional secret header, retry on failure. */
import { postJson } from "../http.js";

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

export async function deliverWebhook(url: string, update: object, opts: DeliverOptions = {}): Promise<DeliveryResult> {
  const maxAttempts = Math.max(1, opts.maxAttempts ?? 5);
  const retryDelayMs = opts.retryDelayMs ?? 200;
  const headers: Record<string, string> = {};
  if (opts.secretToken !== undefined) headers["x-telegram-bot-api-secret-token"] = opts.secretToken;
  const payload = JSON.stringify(update);
  let last = { status: 0, body: "" };
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    last = await postJson(url, payload, headers, opts.timeoutMs ?? 10_000);
    if (last.status >= 200 && last.status < 300) return { attempts: attempt, ...last };
    if (attempt < maxAttempts) await new Promise((r) => setTimeout(r, retryDelayMs));
  }
  return { attempts: maxAttempts, ...last };
}
