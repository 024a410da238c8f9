import { z } from "zod";

export const botResponseSchema = z.looseObject({
  ok: z.boolean(),
  result: z.unknown().optional(),
  error_code: z.coerce.number().int().optional(),
  description: z.string().optional(),
});

export const botMeSchema = z.looseObject({ id: z.coerce.string(), account_name: z.string().optional(), display_name: z.string().optional() });
export const botSentSchema = z.looseObject({ message_id: z.coerce.string() });

/** A Bot Platform update (`message.text.received`, `message.image.received`, ...). */
export const botUpdateSchema = z.looseObject({
  event_name: z.string().min(1).max(80),
  message: z
    .looseObject({
      message_id: z.coerce.string().max(128),
      from: z.looseObject({ id: z.coerce.string().max(64), display_name: z.string().max(200).optional(), is_bot: z.boolean().optional() }),
      chat: z.looseObject({ id: z.coerce.string().max(64), chat_type: z.string().max(20).optional() }),
      date: z.coerce.number().optional(),
      text: z.string().max(20_000).optional(),
      photo_url: z.string().max(2048).optional(),
      caption: z.string().max(20_000).optional(),
      sticker: z.unknown().optional(),
    })
    .optional(),
});
export type BotUpdate = z.infer<typeof botUpdateSchema>;

/** Updates come bare or wrapped in `{ ok, result }` (webhook and getUpdates alike): accept both. */
export function unwrapBotUpdate(body: unknown): unknown {
  if (body && typeof body === "object" && "result" in body && "ok" in body) return (body as { result: unknown }).result;
  return body;
}
