/** Teaching the fake about incoming traffic (what Telegram would know but the bot only receives). */
import type { Message, Update } from "grammy/types";
import type { FakeState } from "./state.js";
import type { ChatInfo, StoredMessage } from "./store.js";

/**
 * Stores incoming messages (so replies, copies and forwards of them carry content), remembers
 * chat details, registers unknown file ids with placeholder bytes, and applies membership
 * changes (bot blocked/kicked/re-added) and group migrations to later sends.
 */
export function ingest(state: FakeState, input: Update | Message): void {
  const list: unknown[] = [];
  if ("update_id" in input) {
    const u = input;
    list.push(u.message, u.edited_message, u.channel_post, u.edited_channel_post, u.business_message, u.edited_business_message);
    const member = u.my_chat_member;
    if (member) {
      const chatId = member.chat.id;
      const status = member.new_chat_member.status;
      // private: the user blocked the bot; groups: kicked → "bot was kicked", left → "not a member"
      if (status === "kicked" || (status === "left" && chatId > 0)) state.blocked.add(chatId);
      else if (status === "left") state.left.add(chatId);
      else {
        state.blocked.delete(chatId);
        state.left.delete(chatId);
      }
      state.store.rememberChat(member.chat as ChatInfo);
    }
  } else {
    list.push(input);
  }
  for (const m of list) {
    if (!m || typeof m !== "object" || !("chat" in m) || !("message_id" in m)) continue;
    const msg = structuredClone(m) as StoredMessage;
    state.store.rememberChat(msg.chat);
    state.store.put(msg);
    state.store.observeIncoming(msg);
    if (typeof msg["migrate_to_chat_id"] === "number") state.migrated.set(msg.chat.id, msg["migrate_to_chat_id"]);
  }
}
