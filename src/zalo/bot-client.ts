import type { z } from "zod";
import { ZaloApiError } from "./errors.js";
import { readJson, ZALO_TIMEOUT_MS } from "./http.js";
import { botMeSchema, botResponseSchema, botSentSchema, botUpdateSchema, unwrapBotUpdate, type BotUpdate } from "./bot-schemas.js";

export type ZaloBotClient = {
  getMe(): Promise<{ id: string; name: string | undefined }>;
  setWebhook(url: string, secretToken: string): Promise<void>;
  deleteWebhook(): Promise<void>;
  /** One update or null after `timeoutSeconds` of nothing. */
  getUpdates(timeoutSeconds: number): Promise<BotUpdate | null>;
  sendMessage(chatId: string, text: string): Promise<{ messageId: string }>;
  sendPhoto(chatId: string, photoUrl: string, caption?: string): Promise<{ messageId: string }>;
  sendChatAction(chatId: string, action: "typing" | "upload_photo"): Promise<void>;
};

/** A small typed client for the Zalo Bot Platform (`/bot<token>/<method>`, Telegram-like). */
export function createZaloBotClient(opts: { apiRoot: string; token: string }): ZaloBotClient {
  const call = async <S extends z.ZodType>(method: string, params: Record<string, unknown>, schema: S, timeoutMs = ZALO_TIMEOUT_MS): Promise<z.infer<S>> => {
    const res = await fetch(`${opts.apiRoot}/bot${opts.token}/${method}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(params),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const parsed = botResponseSchema.safeParse(await readJson(res));
    if (!parsed.success) throw new ZaloApiError("bot", res.status, `unexpected answer to ${method}`, res.status);
    if (!parsed.data.ok) throw new ZaloApiError("bot", parsed.data.error_code ?? res.status, parsed.data.description ?? "error", res.status);
    const result = schema.safeParse(parsed.data.result);
    if (!result.success) throw new ZaloApiError("bot", 0, `unexpected result of ${method}`, res.status);
    return result.data;
  };
  const anything = botResponseSchema.shape.result;
  return {
    async getMe() {
      const me = await call("getMe", {}, botMeSchema);
      return { id: me.id, name: me.account_name ?? me.display_name };
    },
    async setWebhook(url, secretToken) {
      await call("setWebhook", { url, secret_token: secretToken }, anything);
    },
    async deleteWebhook() {
      await call("deleteWebhook", {}, anything);
    },
    async getUpdates(timeoutSeconds) {
      try {
        const r = await call("getUpdates", { timeout: String(timeoutSeconds) }, anything, (timeoutSeconds + 10) * 1000);
        const u = botUpdateSchema.safeParse(unwrapBotUpdate(r));
        return u.success ? u.data : null;
      } catch (err) {
        if (err instanceof ZaloApiError && err.code === 408) return null; // nothing arrived
        throw err;
      }
    },
    async sendMessage(chatId, text) {
      return { messageId: (await call("sendMessage", { chat_id: chatId, text }, botSentSchema)).message_id };
    },
    async sendPhoto(chatId, photoUrl, caption) {
      return { messageId: (await call("sendPhoto", { chat_id: chatId, photo: photoUrl, ...(caption ? { caption } : {}) }, botSentSchema)).message_id };
    },
    async sendChatAction(chatId, action) {
      await call("sendChatAction", { chat_id: chatId, action }, anything);
    },
  };
}
