import { z } from "zod";

/** Every OA Open API answer: `error` 0 on success (some endpoints omit it), negative otherwise. */
export const oaResponseSchema = z.looseObject({
  error: z.coerce.number().int().default(0),
  message: z.string().optional(),
  data: z.unknown().optional(),
});

export const oaSendResultSchema = z.looseObject({ message_id: z.string(), user_id: z.string().optional() });
export const oaUploadImageSchema = z.looseObject({ attachment_id: z.string() });
export const oaUploadFileSchema = z.looseObject({ token: z.string() });
export const oaInfoSchema = z.looseObject({ oa_id: z.coerce.string(), name: z.string().optional() });

/** Zalo's limits for a promotion template's header and text elements (assumed; see README). */
export const PROMOTION_HEADER_MAX = 100;
export const PROMOTION_TEXT_MAX = 1000;

const promotionElement = z.union([
  z.object({ type: z.literal("header"), content: z.string().min(1).max(PROMOTION_HEADER_MAX), align: z.enum(["left", "center", "right"]).optional() }),
  z.object({ type: z.literal("text"), content: z.string().min(1).max(PROMOTION_TEXT_MAX), align: z.enum(["left", "center", "right"]).optional() }),
]);
/** The body of `/v3.0/oa/message/promotion`: a template attachment of template_type "promotion". */
export const promotionMessageSchema = z.object({
  attachment: z.object({
    type: z.literal("template"),
    payload: z.object({ template_type: z.literal("promotion"), language: z.enum(["VI", "EN"]).optional(), elements: z.array(promotionElement).min(1).max(6) }),
  }),
});

/** Builds (and checks) a promotion message: a header, then the text cut into text elements. */
export function promotionMessage(header: string, text: string): z.infer<typeof promotionMessageSchema> {
  const parts: string[] = [];
  for (let rest = text.trim(); rest; rest = rest.slice(PROMOTION_TEXT_MAX)) parts.push(rest.slice(0, PROMOTION_TEXT_MAX));
  return promotionMessageSchema.parse({
    attachment: {
      type: "template",
      payload: {
        template_type: "promotion",
        language: "VI",
        elements: [{ type: "header", content: header.slice(0, PROMOTION_HEADER_MAX), align: "left" }, ...parts.map((content) => ({ type: "text", content, align: "left" }))],
      },
    },
  });
}

/** The token endpoint answers the pair, or an error in `error`/`error_name` (no HTTP error status). */
export const oaTokenPairSchema = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.coerce.number().int().positive(),
});
export const oaTokenErrorSchema = z.looseObject({ error: z.coerce.number().int(), error_name: z.string().optional(), error_description: z.string().optional() });

const numberish = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]).transform(Number);

const attachmentSchema = z.looseObject({
  type: z.string().max(40),
  payload: z
    .looseObject({
      url: z.string().max(2048).optional(),
      thumbnail: z.string().max(2048).optional(),
      name: z.string().max(500).optional(),
      size: numberish.optional(),
      id: z.coerce.string().optional(),
      coordinates: z.looseObject({ latitude: numberish, longitude: numberish }).optional(),
    })
    .optional(),
});

/**
 * An OA webhook event. Message events carry `sender`, `recipient` and `message`; follow events
 * carry `follower`. Unknown event names are accepted (and ignored by the worker), so a new
 * event kind from Zalo never makes its webhook fail.
 */
export const oaEventSchema = z.looseObject({
  app_id: z.coerce.string().max(40),
  event_name: z.string().min(1).max(60),
  timestamp: z.coerce.string().regex(/^\d{1,16}$/),
  user_id_by_app: z.coerce.string().max(64).optional(),
  oa_id: z.coerce.string().max(64).optional(),
  sender: z.looseObject({ id: z.coerce.string().max(64) }).optional(),
  recipient: z.looseObject({ id: z.coerce.string().max(64) }).optional(),
  follower: z.looseObject({ id: z.coerce.string().max(64) }).optional(),
  message: z
    .looseObject({
      msg_id: z.coerce.string().max(128).optional(),
      text: z.string().max(20_000).optional(),
      attachments: z.array(attachmentSchema).max(20).optional(),
      conversation_id: z.coerce.string().max(128).optional(),
    })
    .optional(),
});
export type OaEvent = z.infer<typeof oaEventSchema>;
