/**
 * OA webhook events (Zalo calling the app) and their signature.
 *
 * Documented (shared notes): event names, the `{app_id, sender, recipient, event_name, message,
 * timestamp}` shape, `X-ZEvent-Signature: mac=<hex sha256(app_id + raw body + timestamp + OA
 * secret key)>` (as chatwoot implements it). As Zalo sends them: timestamp as a string of ms,
 * coordinates and file size as strings. Assumed/simplified: attachment payload fields beyond
 * url/thumbnail/name/size/type/id, anonymous events carrying no conversation id, msg_id format.
 */
import { createHash } from "node:crypto";
import { anonymousId, randomHex, userIdByApp } from "./ids.js";

/** Pure helper: the value of `X-ZEvent-Signature` for a delivery. */
export function signOaWebhook(appId: string, rawBody: string, timestamp: string, secret: string): string {
  return `mac=${createHash("sha256").update(appId + rawBody + timestamp + secret).digest("hex")}`;
}

export type OaUserContent =
  | { text: string }
  | { image: { url: string; thumbnail?: string } }
  | { location: { lat: number; lng: number } }
  | { file: { url: string; name: string; size: number } }
  | { audio: { url: string } }
  | { video: { url: string; thumbnail?: string } }
  | { sticker: { id: string; url?: string } }
  | { link: { url: string; title?: string; description?: string; thumbnail?: string } };

export interface UserSendOptions {
  /** anonymous_send_* event (text, image, file, sticker only); sender.id is an anonymous id. */
  anonymous?: boolean;
  /** "valid" (default), "none" (no header) or "wrong" (signed with another secret). */
  signature?: "valid" | "none" | "wrong";
  /** Reuse a msg_id to simulate a redelivery. */
  msgId?: string;
  /** Send this exact body instead of the built event (signed over it unless signature says otherwise). */
  raw?: string;
}

export interface OaEvent {
  app_id: string;
  event_name: string;
  timestamp: string;
  user_id_by_app: string;
  [key: string]: unknown;
}

const ANONYMOUS_KINDS = new Set(["text", "image", "file", "sticker"]);

function kindOf(content: OaUserContent): string {
  const kind = Object.keys(content)[0];
  if (kind === undefined) throw new Error("fake Zalo: empty content");
  return kind;
}

function attachmentOf(content: OaUserContent): Record<string, unknown> | null {
  if ("image" in content) return { type: "image", payload: { url: content.image.url, thumbnail: content.image.thumbnail ?? content.image.url } };
  if ("location" in content) {
    return { type: "location", payload: { coordinates: { latitude: String(content.location.lat), longitude: String(content.location.lng) } } };
  }
  if ("file" in content) {
    const { url, name, size } = content.file;
    return { type: "file", payload: { url, name, size: String(size), type: name.includes(".") ? name.split(".").pop() : "" } };
  }
  if ("audio" in content) return { type: "audio", payload: { url: content.audio.url } };
  if ("video" in content) return { type: "video", payload: { url: content.video.url, thumbnail: content.video.thumbnail ?? "" } };
  if ("sticker" in content) return { type: "sticker", payload: { id: content.sticker.id, url: content.sticker.url ?? `https://zalo-api.zadn.vn/api/emoticon/sticker/webpc?eid=${content.sticker.id}` } };
  if ("link" in content) {
    const l = content.link;
    return { type: "link", payload: { url: l.url, title: l.title ?? "", description: l.description ?? "", thumbnail: l.thumbnail ?? "" } };
  }
  return null;
}

/** Builds a user_send_* / anonymous_send_* event. */
export function buildUserEvent(
  ids: { appId: string; oaId: string },
  userId: string,
  content: OaUserContent,
  at: number,
  opts: UserSendOptions = {},
): { event: OaEvent; senderId: string; msgId: string } {
  const kind = kindOf(content);
  if (opts.anonymous && !ANONYMOUS_KINDS.has(kind)) throw new Error(`fake Zalo: no anonymous event for ${kind}`);
  const senderId = opts.anonymous ? anonymousId(userId) : userId;
  const msgId = opts.msgId ?? randomHex(16);
  const message: Record<string, unknown> = { msg_id: msgId };
  if ("text" in content) message["text"] = content.text;
  const attachment = attachmentOf(content);
  if (attachment) message["attachments"] = [attachment];
  const event: OaEvent = {
    app_id: ids.appId,
    user_id_by_app: userIdByApp(ids.appId, userId),
    sender: { id: senderId },
    recipient: { id: ids.oaId },
    event_name: `${opts.anonymous ? "anonymous" : "user"}_send_${kind}`,
    message,
    timestamp: String(at),
  };
  return { event, senderId, msgId };
}

export function buildFollowEvent(ids: { appId: string; oaId: string }, userId: string, kind: "follow" | "unfollow", at: number): OaEvent {
  return {
    app_id: ids.appId,
    oa_id: ids.oaId,
    follower: { id: userId },
    event_name: kind,
    timestamp: String(at),
    user_id_by_app: userIdByApp(ids.appId, userId),
  };
}

/** Headers for a delivery of `rawBody` stamped `timestamp`. */
export function signatureHeaders(appId: string, rawBody: string, timestamp: string, secret: string, mode: UserSendOptions["signature"] = "valid"): Record<string, string> {
  if (mode === "none") return {};
  const key = mode === "wrong" ? `${secret}-not-the-secret` : secret;
  return { "X-ZEvent-Signature": signOaWebhook(appId, rawBody, timestamp, key) };
}
