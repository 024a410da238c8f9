/**
 * `POST /v3.0/oa/message/promotion`: the OA's proactive message (a template of template_type
 * "promotion"), recorded apart from cs sends (`state.promotions`).
 *
 * Seen in public integrations (eSMS's Zalo docs): `message.attachment = { type: "template",
 * payload: { template_type, language?, elements: [{type:"banner"|"header"|"text"|"table", ...}] } }`,
 * header/text elements carrying `content` and `align`. Assumed by the fake (not found in public
 * sources): sends only 06:00–21:59 Vietnam time (UTC+7) by the fake's clock, else -237; one
 * promotion per user per Vietnam day, else -244; a header ≤ 100 and text elements ≤ 1000
 * characters, at most 6 elements, at least one text element; -213 for a user who unfollowed; -201 for any shape problem. No 7-day interaction needed.
 */
import { INVALID_PARAMS, oaError } from "./cs.js";
import { randomHex } from "./ids.js";
import { userOf, type ZaloState } from "./state.js";
import type { HandlerResult } from "./types.js";

export const PROMOTION_ERRORS = { outsideHours: -237, dailyLimit: -244 } as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const VN_OFFSET_MS = 7 * 3600_000;
const vnDay = (at: number) => new Date(at + VN_OFFSET_MS).toISOString().slice(0, 10);
const vnHour = (at: number) => new Date(at + VN_OFFSET_MS).getUTCHours();

/** null when the promotion message is acceptable, else the reason. */
export function promotionProblem(message: unknown): string | null {
  if (!isObject(message) || !isObject(message["attachment"])) return "message needs an attachment";
  const att = message["attachment"];
  const payload = att["payload"];
  if (att["type"] !== "template" || !isObject(payload) || payload["template_type"] !== "promotion") return "attachment must be a promotion template";
  const elements = payload["elements"];
  if (!Array.isArray(elements) || elements.length === 0 || elements.length > 6) return "1 to 6 elements";
  let texts = 0;
  for (const el of elements) {
    if (!isObject(el)) return "element must be an object";
    const content = el["content"];
    if (el["type"] === "header" || el["type"] === "text") {
      const max = el["type"] === "header" ? 100 : 1000;
      if (typeof content !== "string" || content.length === 0 || [...content].length > max) return `${String(el["type"])} content 1..${max} characters`;
      if (el["type"] === "text") texts += 1;
    } else if (el["type"] !== "banner" && el["type"] !== "table") return `unknown element type ${String(el["type"])}`;
  }
  return texts > 0 ? null : "needs a text element";
}

export function sendPromotion(state: ZaloState, body: Record<string, unknown>, at: number): HandlerResult {
  const recipient = body["recipient"];
  const userId = isObject(recipient) ? recipient["user_id"] : undefined;
  if (typeof userId !== "string" || !userId || promotionProblem(body["message"]) !== null) return INVALID_PARAMS();
  const user = userOf(state, userId);
  if (user.following === false) return oaError(-213, "User has not followed OA");
  const hour = vnHour(at);
  if (hour < 6 || hour >= 22) return oaError(PROMOTION_ERRORS.outsideHours, "Promotion messages can only be sent from 6:00 to 22:00");
  const day = vnDay(at);
  if (state.promotions.some((p) => p.userId === userId && vnDay(p.at) === day)) return oaError(PROMOTION_ERRORS.dailyLimit, "User has received a promotion message today");
  const messageId = randomHex(16);
  state.promotions.push({ userId, messageId, message: structuredClone(body["message"] as Record<string, unknown>), billing: "charged", free: false, at });
  return { status: 200, body: { error: 0, message: "Success", data: { message_id: messageId, user_id: userId } } };
}
