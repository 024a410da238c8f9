import type { Context } from "grammy";
import type { FluentVariable } from "@fluent/bundle";
import type { Locale } from "../../src/i18n.js";
import type { ChatState } from "../../src/core/chat-state.js";

/** The context type of every Telegram feature, declared once. */
export type BotContext = Context & {
  locale: Locale;
  t(key: string, args?: Record<string, FluentVariable>): string;
  /** Keyed pseudonym of the sender (never their Telegram id). */
  senderPseudonym: string | null;
  /** Stored conversation state of this chat (a resident's flow), saved after the update. */
  state: ChatState;
};
