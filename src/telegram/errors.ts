import { GrammyError, HttpError } from "grammy";
import { UnrecoverableError } from "bullmq";
import { RateLimitedError } from "../queue/workers.js";

/** The chat cannot be reached any more (blocked, kicked, deleted): never retried. */
export class RecipientGoneError extends UnrecoverableError {
  override readonly name = "RecipientGoneError";
}

/**
 * Maps a Bot API failure to what the queue should do: 429 waits retry_after (the whole queue),
 * 403 is final, 400 is final (retrying cannot fix the request), 5xx and network errors retry.
 */
export function classifyTelegramError(err: unknown): Error {
  if (err instanceof GrammyError) {
    if (err.error_code === 429) return new RateLimitedError(((err.parameters.retry_after ?? 1) + 0.1) * 1000);
    if (err.error_code === 403) return new RecipientGoneError(err.description);
    if (err.error_code === 400) return new UnrecoverableError(err.description);
    return err;
  }
  if (err instanceof HttpError) return err;
  return err as Error;
}

export async function telegramCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw classifyTelegramError(err);
  }
}
