import type { Update } from "grammy/types";
import type { Call, FakeTelegram } from "../fakes/telegram-api.js";
import { WAIT_MS, WEBHOOK_SECRET } from "./app.js";

/**
 * Drives the running service the way Telegram does: each update is POSTed to the webhook,
 * and the test waits for the bot's answer (a call to the fake Bot API) before going on.
 */
export function telegramSession(fake: FakeTelegram, baseUrl: string) {
  const url = `${baseUrl}/webhooks/telegram`;
  const post = async (update: Update) => {
    const r = await fake.deliverWebhook(url, update, { secretToken: WEBHOOK_SECRET, maxAttempts: 5, timeoutMs: 30_000 });
    if (r.status !== 200) throw new Error(`webhook answered ${r.status}`);
  };
  return {
    post,
    /** Posts `update` and resolves with the first call after it that matches. */
    async send(update: Update, expect: (c: Call) => boolean, timeoutMs = WAIT_MS): Promise<Call> {
      const from = fake.calls.length;
      await post(update);
      return fake.waitFor((c) => fake.calls.indexOf(c) >= from && expect(c), timeoutMs);
    },
  };
}

export const textOf = (c: Call): string => String(c.params["text"] ?? c.params["caption"] ?? "");
export const to = (chatId: number, method = "sendMessage") => (c: Call) => c.method === method && String(c.params["chat_id"]) === String(chatId);
export const buttons = (c: Call): Array<{ text: string; callback_data?: string }> => {
  const markup = c.params["reply_markup"] as { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> } | undefined;
  return markup?.inline_keyboard?.flat() ?? [];
};
export const messageIdOf = (c: Call): number => (c.response as { result: { message_id: number } }).result.message_id;
