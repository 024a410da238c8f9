import { createHash } from "node:crypto";
import { pseudonym, type IdentityKeys } from "../crypto/identity.js";
import type { BotUpdate } from "./bot-schemas.js";
import type { OaEvent } from "./oa-schemas.js";
import type { OaRecipient } from "./oa-client.js";

export type ZaloSurface = "oa" | "bot";

/** One thing a resident did on Zalo, whichever surface it came through. */
export type ZaloInbound = {
  /** The platform's message id (or a digest for events without one): the deduplication key. */
  key: string;
  /** The account, for the pseudonym. */
  userId: string;
  /** Where replies go: an OA recipient (JSON) or a bot chat id. */
  replyTo: string;
  at: number;
  kind: "text" | "image" | "location" | "file" | "audio" | "video" | "sticker" | "follow" | "unfollow" | "other";
  text?: string | undefined;
  url?: string | undefined;
  size?: number | undefined;
  lat?: number | undefined;
  lng?: number | undefined;
};

/** Events about our own messages (delivered, seen) or the OA's sends: nothing to do. */
const IGNORED_OA_EVENTS = /^(user_received_message|user_seen_message|oa_send_.*|user_reacted_message|oa_reacted_message)$/;

export function isIgnoredOaEvent(name: string): boolean {
  return IGNORED_OA_EVENTS.test(name);
}

const digest = (...parts: string[]) => createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 32);
/** BullMQ ids may not contain ':'; Zalo's ids are opaque, so anything unusual is hashed. */
export const safeKey = (raw: string) => (/^[A-Za-z0-9_-]{1,100}$/.test(raw) ? raw : digest(raw));

/**
 * The deduplication key of an OA event: its msg_id, else a keyed hash of what identifies it
 * (a follow has no msg_id; an unkeyed hash of the follower's id and the time could be checked
 * against a guessed id, so it would tell who followed when).
 */
export function oaEventKey(e: OaEvent, keys: IdentityKeys): string {
  if (e.message?.msg_id) return safeKey(e.message.msg_id);
  return pseudonym(keys, "zalo-event", [e.event_name, e.follower?.id ?? e.sender?.id ?? "", e.timestamp].join("\u0000"));
}

const OA_KINDS: Record<string, ZaloInbound["kind"]> = {
  user_send_text: "text",
  anonymous_send_text: "text",
  user_send_image: "image",
  anonymous_send_image: "image",
  user_send_gif: "image",
  user_send_location: "location",
  user_send_file: "file",
  anonymous_send_file: "file",
  user_send_audio: "audio",
  user_send_video: "video",
  user_send_sticker: "sticker",
  anonymous_send_sticker: "sticker",
  user_send_link: "text",
  follow: "follow",
  unfollow: "unfollow",
};

/** Translates an OA webhook event; null for events without a resident behind them. */
export function fromOaEvent(e: OaEvent, keys: IdentityKeys): ZaloInbound | null {
  const user = e.follower?.id ?? e.sender?.id;
  if (!user) return null;
  const anonymous = e.event_name.startsWith("anonymous_");
  const recipient: OaRecipient = anonymous && e.message?.conversation_id ? { anonymous_id: user, conversation_id: e.message.conversation_id } : { user_id: user };
  const kind = OA_KINDS[e.event_name] ?? "other";
  const a = e.message?.attachments?.[0];
  const coords = a?.payload?.coordinates;
  return {
    key: oaEventKey(e, keys),
    userId: user,
    replyTo: JSON.stringify(recipient),
    at: Number(e.timestamp),
    kind,
    text: e.message?.text ?? (kind === "text" && a?.payload?.url ? a.payload.url : undefined),
    url: kind === "text" ? undefined : a?.payload?.url,
    size: a?.payload?.size,
    lat: coords?.latitude,
    lng: coords?.longitude,
  };
}

const BOT_KINDS: Record<string, ZaloInbound["kind"]> = {
  "message.text.received": "text",
  "message.image.received": "image",
  "message.sticker.received": "sticker",
};

/** Translates a Bot Platform update; null for chats that are not a resident's private chat. */
export function fromBotUpdate(u: BotUpdate): ZaloInbound | null {
  const m = u.message;
  if (!m || m.from.is_bot) return null;
  if (m.chat.chat_type && m.chat.chat_type.toUpperCase() !== "PRIVATE") return null;
  const kind = BOT_KINDS[u.event_name] ?? "other";
  return {
    key: safeKey(m.message_id),
    userId: m.from.id,
    replyTo: m.chat.id,
    at: m.date ?? Date.now(),
    kind,
    text: kind === "image" ? m.caption : m.text,
    url: m.photo_url,
  };
}
