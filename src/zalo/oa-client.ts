import type { z } from "zod";
import { ZaloApiError, OA_ERRORS } from "./errors.js";
import { readJson, ZALO_TIMEOUT_MS } from "./http.js";
import { oaInfoSchema, promotionMessage, oaResponseSchema, oaSendResultSchema, oaTokenErrorSchema, oaTokenPairSchema, oaUploadFileSchema, oaUploadImageSchema } from "./oa-schemas.js";
import type { Exchange, TokenStore } from "./tokens.js";

/** Who an OA message goes to: a follower's user id, or an anonymous chat (anonymous_send_text). */
export type OaRecipient = { user_id: string } | { anonymous_id: string; conversation_id: string };

export type OaMessage =
  | { text: string }
  | { imageAttachmentId: string; text?: string }
  | { fileToken: string };

export type OaClient = {
  sendText(to: OaRecipient, text: string): Promise<{ messageId: string }>;
  send(to: OaRecipient, message: OaMessage): Promise<{ messageId: string }>;
  /** A proactive (promotion) message: a template of a header and text elements; one quota unit. */
  sendPromotion(to: { user_id: string }, header: string, text: string): Promise<{ messageId: string }>;
  uploadImage(bytes: Buffer, filename: string, mime: string): Promise<string>;
  uploadFile(bytes: Buffer, filename: string, mime: string): Promise<string>;
  getOa(): Promise<{ oaId: string; name: string | undefined }>;
};

export type OaClientOptions = { apiRoot: string; tokens: TokenStore };

function messageBody(m: OaMessage): unknown {
  if ("fileToken" in m) return { attachment: { type: "file", payload: { token: m.fileToken } } };
  if ("imageAttachmentId" in m) {
    return {
      ...(m.text ? { text: m.text } : {}),
      attachment: { type: "template", payload: { template_type: "media", elements: [{ media_type: "image", attachment_id: m.imageAttachmentId }] } },
    };
  }
  return { text: m.text };
}

/**
 * A small typed client for the Zalo Official Account Open API (v2/v3). Every answer is checked
 * with zod. When Zalo says the access token is invalid (-216), the token is refreshed once and
 * the request sent again.
 */
export function createOaClient(opts: OaClientOptions): OaClient {
  const call = async <S extends z.ZodType>(path: string, init: { method: "GET" | "POST"; json?: unknown; form?: FormData }, schema: S): Promise<z.infer<S>> => {
    const attempt = async (token: string) => {
      const res = await fetch(`${opts.apiRoot}${path}`, {
        method: init.method,
        headers: { access_token: token, ...(init.json !== undefined ? { "content-type": "application/json" } : {}) },
        body: init.json !== undefined ? JSON.stringify(init.json) : init.form ?? null,
        signal: AbortSignal.timeout(ZALO_TIMEOUT_MS),
      });
      const parsed = oaResponseSchema.safeParse(await readJson(res));
      if (!parsed.success) throw new ZaloApiError("oa", 0, `unexpected answer (HTTP ${res.status})`, res.status);
      return { status: res.status, body: parsed.data };
    };
    let token = await opts.tokens.current();
    let out = await attempt(token);
    if (out.body.error === OA_ERRORS.tokenInvalid) {
      token = await opts.tokens.renew(token);
      out = await attempt(token);
    }
    if (out.body.error !== 0 || out.status >= 400) throw new ZaloApiError("oa", out.body.error || out.status, out.body.message ?? "error", out.status);
    const data = schema.safeParse(out.body.data);
    if (!data.success) throw new ZaloApiError("oa", 0, `unexpected data in answer to ${path}`, out.status);
    return data.data;
  };

  const fileForm = (bytes: Buffer, filename: string, mime: string) => {
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(bytes)], { type: mime }), filename);
    return form;
  };

  const send = async (to: OaRecipient, message: OaMessage) => {
    const r = await call("/v3.0/oa/message/cs", { method: "POST", json: { recipient: to, message: messageBody(message) } }, oaSendResultSchema);
    return { messageId: r.message_id };
  };
  return {
    send,
    async sendPromotion(to, header, text) {
      const r = await call("/v3.0/oa/message/promotion", { method: "POST", json: { recipient: to, message: promotionMessage(header, text) } }, oaSendResultSchema);
      return { messageId: r.message_id };
    },
    sendText: (to, text) => send(to, { text }),
    async uploadImage(bytes, filename, mime) {
      return (await call("/v2.0/oa/upload/image", { method: "POST", form: fileForm(bytes, filename, mime) }, oaUploadImageSchema)).attachment_id;
    },
    async uploadFile(bytes, filename, mime) {
      return (await call("/v2.0/oa/upload/file", { method: "POST", form: fileForm(bytes, filename, mime) }, oaUploadFileSchema)).token;
    },
    async getOa() {
      const r = await call("/v2.0/oa/getoa", { method: "GET" }, oaInfoSchema);
      return { oaId: r.oa_id, name: r.name };
    },
  };
}

/** The OAuth v4 refresh-token exchange (form-encoded, `secret_key` header). */
export function oauthExchange(opts: { oauthRoot: string; appId: string; appSecretKey: string }): Exchange {
  return async (refreshToken) => {
    const res = await fetch(`${opts.oauthRoot}/v4/oa/access_token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", secret_key: opts.appSecretKey },
      body: new URLSearchParams({ app_id: opts.appId, grant_type: "refresh_token", refresh_token: refreshToken }).toString(),
      signal: AbortSignal.timeout(ZALO_TIMEOUT_MS),
    });
    const raw = await readJson(res);
    const pair = oaTokenPairSchema.safeParse(raw);
    if (pair.success) return { accessToken: pair.data.access_token, refreshToken: pair.data.refresh_token, expiresInSeconds: pair.data.expires_in };
    const failed = oaTokenErrorSchema.safeParse(raw);
    throw new ZaloApiError(
      "oauth",
      failed.success ? failed.data.error : res.status,
      `${failed.success ? failed.data.error_name ?? "refresh failed" : "unexpected answer"}: authorise the OA again and set ZALO_OA_REFRESH_TOKEN`,
      res.status,
    );
  };
}
