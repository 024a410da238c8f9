import { Api, GrammyError, HttpError } from "grammy";
import type { Config } from "../config.js";

/** What became of one copy of a warning, as far as we can know. */
export type SendOutcome =
  | { kind: "sent"; messageId: number }
  | { kind: "rate-limited"; retryAfterMs: number }
  | { kind: "gone"; reason: string }
  | { kind: "migrated"; newChatId: string }
  /** Telegram refused it (400): retrying cannot help. */
  | { kind: "refused"; reason: string }
  /** Certainly not sent (5xx, no connection): retry later. */
  | { kind: "retry"; error: Error }
  /** The request may have reached Telegram (timeout, connection reset): never resend. */
  | { kind: "in-doubt"; reason: string };

/** Connection errors that happen before a request leaves this machine. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

function classify(err: unknown): SendOutcome {
  if (err instanceof GrammyError) {
    if (err.error_code === 429) return { kind: "rate-limited", retryAfterMs: ((err.parameters.retry_after ?? 1) + 0.1) * 1000 };
    if (err.error_code === 403) return { kind: "gone", reason: err.description };
    if (err.error_code === 400 && err.parameters.migrate_to_chat_id) return { kind: "migrated", newChatId: String(err.parameters.migrate_to_chat_id) };
    if (err.error_code === 400 && /chat not found/i.test(err.description)) return { kind: "gone", reason: err.description };
    if (err.error_code === 400) return { kind: "refused", reason: err.description };
    return { kind: "retry", error: err };
  }
  if (err instanceof HttpError) {
    const code = (err.error as { code?: string; cause?: { code?: string } } | undefined)?.code ?? (err.error as { cause?: { code?: string } } | undefined)?.cause?.code;
    return code && NOT_SENT_CODES.has(code) ? { kind: "retry", error: err } : { kind: "in-doubt", reason: `network: ${code ?? err.message}`.slice(0, 120) };
  }
  return { kind: "retry", error: err as Error };
}

/**
 * A Bot API client for broadcasts without the bot's auto-retry: a 429 must reach the queue
 * (which pauses every worker for retry_after), not be waited out inside one job.
 */
const clients = new Map<string, Api>();
export function broadcastApi(token: string, config: Config): Api {
  const apiRoot = config.telegram.enabled ? config.telegram.apiRoot : undefined;
  const key = `${apiRoot ?? ""} ${token}`;
  let api = clients.get(key);
  if (!api) {
    api = new Api(token, { ...(apiRoot ? { apiRoot } : {}), timeoutSeconds: 30 });
    clients.set(key, api);
  }
  return api;
}

/**
 * Copies the prepared warning (one message, or an album) into a chat. Above Telegram's free
 * 30/s the operator has chosen paid broadcasts (`allow_paid_broadcast`, up to 1,000/s).
 */
export async function copyWarning(api: Api, chatId: string, source: { chatId: string; messageIds: number[] }, paid: boolean): Promise<SendOutcome> {
  try {
    if (source.messageIds.length === 1) {
      const m = await api.copyMessage(chatId, source.chatId, source.messageIds[0]!, paid ? { allow_paid_broadcast: true } : {});
      return { kind: "sent", messageId: m.message_id };
    }
    const ms = await api.copyMessages(chatId, source.chatId, source.messageIds);
    return { kind: "sent", messageId: ms[0]!.message_id };
  } catch (err) {
    return classify(err);
  }
}

/**
 * Sends a warning that has no chat message to copy (written or picked on the dashboard) as
 * plain text: no parse mode, so whatever the officer typed arrives exactly as typed.
 */
export async function sendWarningText(api: Api, chatId: string, text: string, paid: boolean): Promise<SendOutcome> {
  try {
    const m = await api.sendMessage(chatId, text, paid ? { allow_paid_broadcast: true } : {});
    return { kind: "sent", messageId: m.message_id };
  } catch (err) {
    return classify(err);
  }
}
