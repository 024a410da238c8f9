/** Editing and deleting messages. Never rate limited; edits of unknown messages fail like Telegram. */
import { nowSeconds } from "./ids.js";
import { captionContent, inlineMarkup, MEDIA_FIELDS, messageIds, sameJson, textContent, toChatId, toMessageId } from "./send.js";
import type { FakeState, Handler, MethodContext } from "./state.js";
import type { StoredMessage } from "./store.js";
import { badRequest } from "./types.js";

const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

function editable(s: FakeState, ctx: MethodContext): StoredMessage | null {
  if (ctx.params["inline_message_id"] !== undefined) return null;
  const chatId = toChatId(ctx.params["chat_id"]);
  const m = s.store.get(chatId, toMessageId(ctx.params["message_id"]));
  if (!m) throw badRequest("message to edit not found");
  const from = m["from"] as { id?: number } | undefined;
  if (m.chat.type !== "channel" && from?.id !== ctx.bot.id) throw badRequest("message can't be edited");
  return m;
}

function applyEdit(m: StoredMessage, changes: Record<string, unknown>, remove: string[]): StoredMessage {
  for (const k of remove) delete m[k];
  Object.assign(m, changes, { edit_date: nowSeconds() });
  return structuredClone(m);
}

export const editHandlers: Record<string, Handler> = {
  editMessageText: (s, ctx) => {
    const m = editable(s, ctx);
    const content = textContent(ctx.params);
    const markup = inlineMarkup(ctx.params["reply_markup"]);
    if (!m) return true;
    if (m["text"] === undefined) throw badRequest("there is no text in the message to edit");
    if (m["text"] === content["text"] && sameJson(m["entities"] ?? [], content["entities"] ?? []) && sameJson(m["reply_markup"], markup))
      throw badRequest(NOT_MODIFIED);
    return applyEdit(m, { ...content, ...(markup ? { reply_markup: markup } : {}) }, ["entities", "reply_markup"]);
  },
  editMessageCaption: (s, ctx) => {
    const m = editable(s, ctx);
    const content = captionContent(ctx.params);
    const markup = inlineMarkup(ctx.params["reply_markup"]);
    if (!m) return true;
    if (!MEDIA_FIELDS.some((k) => k in m)) throw badRequest("there is no caption in the message to edit");
    if (m["caption"] === content["caption"] && sameJson(m["caption_entities"] ?? [], content["caption_entities"] ?? []) && sameJson(m["reply_markup"], markup))
      throw badRequest(NOT_MODIFIED);
    return applyEdit(m, { ...content, ...(markup ? { reply_markup: markup } : {}) }, ["caption", "caption_entities", "reply_markup"]);
  },
  editMessageReplyMarkup: (s, ctx) => {
    const m = editable(s, ctx);
    const markup = inlineMarkup(ctx.params["reply_markup"]);
    if (!m) return true;
    if (sameJson(m["reply_markup"], markup)) throw badRequest(NOT_MODIFIED);
    return applyEdit(m, markup ? { reply_markup: markup } : {}, ["reply_markup"]);
  },
  deleteMessage: (s, ctx) => {
    const chatId = toChatId(ctx.params["chat_id"]);
    s.store.delete(chatId, toMessageId(ctx.params["message_id"]));
    return true;
  },
  deleteMessages: (s, ctx) => {
    const chatId = toChatId(ctx.params["chat_id"]);
    for (const id of messageIds(ctx.params["message_ids"])) s.store.delete(chatId, id);
    return true;
  },
};
