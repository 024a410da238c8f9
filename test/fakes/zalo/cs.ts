/**
 * `POST /v3.0/oa/message/cs`: shape validation and the interaction-window rules.
 *
 * Documented (Zalo OA help centre, see shared notes): 8 free replies within 48 h of the user's
 * last message, reset when the user writes. Assumed by the fake: the 7-day reply window (-230),
 * -213 for a user who unfollowed, -201 for any shape problem, text limit 2000 characters, and
 * that an attachment_id / file token must come from this fake's uploads.
 */
import { randomHex } from "./ids.js";
import { userOf, type ZaloState } from "./state.js";
import type { HandlerResult } from "./types.js";

export const oaError = (error: number, message: string): HandlerResult => ({ status: 200, body: { error, message } });
export const INVALID_PARAMS = (): HandlerResult => oaError(-201, "Parameters are invalid");

export const MAX_TEXT = 2000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown): v is string => typeof v === "string" && v.length > 0;

/** null when the message is acceptable, else the reason (for the fake's own error text). */
export function messageProblem(state: ZaloState, message: unknown): string | null {
  if (!isObject(message)) return "message must be an object";
  const hasText = "text" in message;
  const hasAttachment = "attachment" in message;
  if (hasText === hasAttachment) return "message needs exactly one of text, attachment";
  if (hasText) {
    const text = message["text"];
    if (!nonEmpty(text)) return "text must be a non-empty string";
    if ([...text].length > MAX_TEXT) return `text longer than ${MAX_TEXT} characters`;
    return null;
  }
  const att = message["attachment"];
  if (!isObject(att) || !isObject(att["payload"])) return "attachment needs type and payload";
  const payload = att["payload"];
  if (att["type"] === "file") {
    const token = payload["token"];
    if (!nonEmpty(token)) return "file payload needs token";
    if (state.uploadIds.get(token)?.kind !== "file") return "unknown file token";
    return null;
  }
  if (att["type"] !== "template" || payload["template_type"] !== "media") return "attachment type must be file or a media template";
  const elements = payload["elements"];
  if (!Array.isArray(elements) || elements.length !== 1 || !isObject(elements[0])) return "media template needs exactly one element";
  const el = elements[0];
  if (el["media_type"] !== "image") return "media_type must be image";
  const id = el["attachment_id"];
  const url = el["url"];
  if (nonEmpty(id) === nonEmpty(url)) return "image element needs exactly one of attachment_id, url";
  if (nonEmpty(id) && state.uploadIds.get(id)?.kind !== "image") return "unknown attachment_id";
  if (nonEmpty(url) && !/^https?:\/\//.test(url)) return "url must be http(s)";
  return null;
}

export function sendCs(state: ZaloState, body: Record<string, unknown>, at: number): HandlerResult {
  const recipient = body["recipient"];
  const userId = isObject(recipient) ? recipient["user_id"] : undefined;
  if (!nonEmpty(userId) || messageProblem(state, body["message"]) !== null) return INVALID_PARAMS();
  const user = userOf(state, userId);
  if (user.following === false) return oaError(-213, "User has not followed OA");
  if (user.lastMessageAt === undefined || at - user.lastMessageAt > state.cfg.replyWindowMs) {
    return oaError(-230, "User has not interacted with the OA in the past 7 days");
  }
  const free = at - user.lastMessageAt <= state.cfg.freeWindowMs && user.sentSinceLastMessage < state.cfg.freeReplies;
  user.sentSinceLastMessage += 1;
  const messageId = randomHex(16);
  state.oaSends.push({
    userId,
    messageId,
    message: structuredClone(body["message"] as Record<string, unknown>),
    billing: free ? "free" : "charged",
    free,
    at,
  });
  return { status: 200, body: { error: 0, message: "Success", data: { message_id: messageId, user_id: userId } } };
}
