import type { FluentVariable } from "@fluent/bundle";
import type { ChatState } from "../../src/core/chat-state.js";
import type { ResidentRef } from "../../src/core/residents.js";
import type { Locale } from "../../src/i18n.js";
import type { ZaloInbound } from "../../src/zalo/inbound.js";

/** What every Zalo feature sees: the resident's message, their stored state, and a reply buffer. */
export type ZaloContext = {
  msg: ZaloInbound;
  channel: "ZALO_OA" | "ZALO_BOT";
  resident: ResidentRef;
  locale: Locale;
  t(key: string, args?: Record<string, FluentVariable>): string;
  state: ChatState;
  /** Replies are gathered and sent as one message: each OA reply spends one of the free replies. */
  reply(text: string): void;
  /** The first word of the text, folded (lower-case, no diacritics) and without a leading / or #: "Báo" → "bao". */
  word: string;
  /** The text after the first word. */
  rest: string;
};

/** A feature handles the message (true) or lets the next one try (false). */
export type ZaloFeature = (ctx: ZaloContext) => Promise<boolean>;

/** The idempotency key of what a message creates (a tip, an answer): surface and Zalo's message id. */
export function sourceKey(ctx: Pick<ZaloContext, "channel" | "msg">, id: string | number = ctx.msg.key): string {
  return `${ctx.channel === "ZALO_OA" ? "zoa" : "zbot"}-${id}`;
}

/** Lower-case, no diacritics, đ → d: what residents type on phones without a Vietnamese keyboard matches. */
export function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "d").toLowerCase();
}

export function splitWord(text: string): { word: string; rest: string } {
  const trimmed = text.trim();
  const m = /^\s*[/#]?(\S+)\s*([\s\S]*)$/.exec(trimmed);
  return m ? { word: fold(m[1]!), rest: m[2]!.trim() } : { word: "", rest: "" };
}

/** The number a resident typed for a numbered choice, 1-based; null when the text is not one. */
export function typedNumber(text: string | undefined): number | null {
  const m = /^\s*(\d{1,2})\s*\.?\s*$/.exec(text ?? "");
  return m ? Number(m[1]) : null;
}

/** A numbered list: "1. a\n2. b". */
export const numbered = (items: string[]) => items.map((s, i) => `${i + 1}. ${s}`).join("\n");
