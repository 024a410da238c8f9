import { z } from "zod";

/** What a resident's private chat remembers between messages; stored in the database, so it survives restarts. */
export const chatStateSchema = z.object({
  locale: z.enum(["vi", "en"]).optional(),
  /** The step of the report flow the resident is in, if any. */
  flow: z
    .object({
      step: z.enum(["ward", "ward-pick", "category", "what", "where", "when", "media", "anonymous", "identity", "confirm"]),
      wardCode: z.string().optional(),
      category: z.string().optional(),
      text: z.string().optional(),
      place: z.string().optional(),
      when: z.string().optional(),
      lat: z.number().optional(),
      lng: z.number().optional(),
      media: z.array(z.object({ kind: z.string(), fileRef: z.string(), mime: z.string().optional(), size: z.number().optional() })).default([]),
      anonymous: z.boolean().optional(),
      identity: z.string().optional(),
      /** Update (Telegram) or message id (Zalo) that started the flow: the tip's idempotency key. */
      startedBy: z.union([z.number().int(), z.string().max(120)]),
      /** Started by the one-tap "send this as a tip?" shortcut: submit as soon as a ward is known. */
      quick: z.boolean().optional(),
    })
    .optional(),
  /** Text a resident wrote outside any flow, offered as a tip with one tap. */
  draft: z.object({ text: z.string(), updateId: z.union([z.number().int(), z.string().max(120)]) }).optional(),
  /** The tip a resident is answering an officer's question about. */
  replyingTo: z.string().optional(),
  /** After a bare /check: the next message is the thing to check. */
  checking: z.boolean().optional(),
  /** Zalo has no buttons: the numbered choices the last message offered, and what they choose. */
  pick: z
    .object({
      kind: z.enum(["menu", "ward", "category", "when", "anonymous", "confirm", "draft", "ward-province", "ward-district"]),
      // 40: a common ward name is offered with every province it is found in (34).
      options: z.array(z.string().max(200)).max(40),
    })
    .optional(),
  /** Choosing a ward outside the report flow (/ward). */
  choosingWard: z.object({ choices: z.array(z.string()).optional() }).optional(),
  /** A ward search too common to list, being narrowed: what was typed, the province chosen, the former districts offered. */
  wardSearch: z
    .object({
      query: z.string().max(200),
      provinceCode: z.string().max(2).optional(),
      districts: z.array(z.string().max(200)).max(40).optional(),
      /** Telegram: the message with these buttons (taps on an older list are refused). */
      messageId: z.number().int().optional(),
    })
    .optional(),
  /** Telegram: the summary whose "Send" made the last tip, so a later tap on it names that tip. */
  sentSummary: z.object({ messageId: z.number().int(), code: z.string().max(16) }).optional(),
  /** An officer composing a warning campaign (/warn): what to send, to whom, and the step. */
  campaign: z
    .object({
      /** Made when composing starts: the launch key, so a retried or repeated "send" launches one campaign. */
      id: z.string().max(64).optional(),
      step: z.enum(["content", "area", "wards", "audience", "tags", "confirm", "schedule"]),
      source: z.object({ messageIds: z.array(z.number().int()).max(10), mediaGroupId: z.string().optional() }).optional(),
      templateKey: z.string().optional(),
      title: z.string().optional(),
      /** Text or caption of the warning: what Zalo subscribers receive. */
      plainText: z.string().max(4096).optional(),
      wardIds: z.array(z.number().int()).default([]),
      provinceCodes: z.array(z.string()).default([]),
      all: z.boolean().default(false),
      tags: z.array(z.string()).default([]),
      groups: z.boolean().default(true),
      residents: z.boolean().default(true),
    })
    .optional(),
});

export type ChatState = z.infer<typeof chatStateSchema>;

export function parseChatState(value: unknown): ChatState {
  const r = chatStateSchema.safeParse(value);
  // A state written by an older version that no longer parses starts afresh, never crashes.
  return r.success ? r.data : {};
}
