/**
 * Zalo Bot Platform updates (documented shape: `{event_name, message:{message_id, from, chat,
 * date (ms), text | photo_url, caption}}`, sometimes wrapped in `{ok, result}`). The sticker
 * field name (`sticker`) and display names are assumptions.
 */
import { randomHex } from "./ids.js";
import type { BotUpdate } from "./state.js";

export type BotUserContent = { text: string } | { photo: { url: string; caption?: string } } | { sticker: { id: string } };

export interface BotUserSendOptions {
  /** Deliver as `{ok:true, result: update}` (webhook only; getUpdates always wraps). */
  wrapped?: boolean;
  /** `X-Bot-Api-Secret-Token`: "valid" (default), "none" or "wrong". */
  secret?: "valid" | "none" | "wrong";
  /** Reuse a message_id to simulate a redelivery. */
  messageId?: string;
  /** Sender's display name (default `User <id>`). */
  displayName?: string;
}

export function buildBotUpdate(userId: string, content: BotUserContent, at: number, opts: BotUserSendOptions = {}): BotUpdate {
  const message: Record<string, unknown> = {
    message_id: opts.messageId ?? randomHex(16),
    from: { id: userId, display_name: opts.displayName ?? `User ${userId}`, is_bot: false },
    chat: { id: userId, chat_type: "PRIVATE" },
    date: at,
  };
  let event_name: string;
  if ("text" in content) {
    event_name = "message.text.received";
    message["text"] = content.text;
  } else if ("photo" in content) {
    event_name = "message.image.received";
    message["photo_url"] = content.photo.url;
    if (content.photo.caption !== undefined) message["caption"] = content.photo.caption;
  } else {
    event_name = "message.sticker.received";
    message["sticker"] = content.sticker.id;
  }
  return { event_name, message };
}
