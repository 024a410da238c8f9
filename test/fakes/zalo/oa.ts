/**
 * The OA Open API surface (`https://openapi.zalo.me`): access_token check, rate limit, routing to
 * cs and promotion sends, uploads and getoa. Errors come back as HTTP 200 with a non-zero `error`, as Zalo does.
 *
 * Assumed by the fake: -32 "Request exceeded limit" past `oaSendsPerSecond` calls per rolling
 * second (counted over every OA call that passed the token check); upload caps 1 MB (image) and
 * 5 MB (file); unknown paths answer HTTP 404.
 */
import { INVALID_PARAMS, oaError, sendCs } from "./cs.js";
import { randomHex } from "./ids.js";
import { sendPromotion } from "./promotion.js";
import type { ZaloState } from "./state.js";
import type { HandlerResult, RequestContext, Upload } from "./types.js";

/** Assumed upload caps (Zalo's help pages mention 1 MB images and 5 MB files; not verified). */
export const MAX_IMAGE_BYTES = 1024 * 1024;
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export function tokenIsValid(state: ZaloState, given: string | undefined): boolean {
  const t = state.accessToken;
  return given !== undefined && given === t.value && t.valid && state.clock.now() < t.expiresAt;
}

function upload(state: ZaloState, ctx: RequestContext, kind: "image" | "file"): HandlerResult {
  const file = ctx.files.get("file");
  if (!file || file.bytes.length === 0) return INVALID_PARAMS();
  if (file.bytes.length > (kind === "image" ? MAX_IMAGE_BYTES : MAX_FILE_BYTES)) return INVALID_PARAMS();
  const id = kind === "image" ? randomHex(20) : `ftk_${randomHex(20)}`;
  const record: Upload = { ...file.part, kind, bytes: file.bytes, id, at: ctx.at };
  state.uploads.push(record);
  state.uploadIds.set(id, record);
  return { status: 200, body: { error: 0, message: "Success", data: kind === "image" ? { attachment_id: id } : { token: id } } };
}

export function handleOa(state: ZaloState, ctx: RequestContext): HandlerResult {
  const route = `${ctx.httpMethod} ${ctx.path}`;
  const known = ["POST /v3.0/oa/message/cs", "POST /v3.0/oa/message/promotion", "POST /v2.0/oa/upload/image", "POST /v2.0/oa/upload/file", "GET /v2.0/oa/getoa"];
  if (!known.includes(route)) return { status: 404, body: { error: 404, message: `fake Zalo: no route ${route}` } };
  if (!tokenIsValid(state, ctx.headers["access_token"])) return oaError(-216, "Access token is invalid");
  if (!state.oaLimiter.take(ctx.at)) return oaError(-32, "Request exceeded limit");
  switch (route) {
    case "POST /v3.0/oa/message/cs":
      return sendCs(state, ctx.body, ctx.at);
    case "POST /v3.0/oa/message/promotion":
      return sendPromotion(state, ctx.body, ctx.at);
    case "POST /v2.0/oa/upload/image":
      return upload(state, ctx, "image");
    case "POST /v2.0/oa/upload/file":
      return upload(state, ctx, "file");
    default:
      return { status: 200, body: { error: 0, message: "Success", data: { oa_id: state.cfg.oaId, name: state.cfg.oaName } } };
  }
}
