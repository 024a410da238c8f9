import { z } from "zod";

/**
 * The shape of the update kinds the bot reads, checked at the door: a body that passed the
 * secret check but carries a message without a chat, a text that is not a string or an id
 * that is not an integer is refused with 400 instead of failing a job fifteen times. Fields
 * we do not read, and update kinds we do not handle, pass through untouched.
 */
const id = z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
const user = z.looseObject({ id, is_bot: z.boolean().optional(), language_code: z.string().max(35).optional() });
const chat = z.looseObject({ id, type: z.enum(["private", "group", "supergroup", "channel"]) });
const message = z.looseObject({
  message_id: id,
  date: z.number().int(),
  chat,
  from: user.optional(),
  text: z.string().max(65_536).optional(),
  caption: z.string().max(65_536).optional(),
  reply_to_message: z.looseObject({ message_id: id }).optional(),
  location: z.looseObject({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) }).optional(),
});
const callbackQuery = z.looseObject({
  id: z.string().max(128),
  from: user,
  data: z.string().max(256).optional(),
  message: z.looseObject({ message_id: id, chat }).optional(),
});
const memberUpdate = z.looseObject({ chat, from: user, date: z.number().int() });

export const telegramUpdateSchema = z.looseObject({
  update_id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  message: message.optional(),
  edited_message: message.optional(),
  channel_post: message.optional(),
  edited_channel_post: message.optional(),
  callback_query: callbackQuery.optional(),
  my_chat_member: memberUpdate.optional(),
  chat_member: memberUpdate.optional(),
});
