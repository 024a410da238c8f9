/**
 * State shared by the fake server and the update factories within one test process, so
 * messages "sent by users" (factories) and by the bot (fake) get interleaved, per-chat
 * message ids like in Telegram and never collide.
 */

export const DEFAULT_BOT_ID = 7_000_000_001;
export const DEFAULT_BOT_USERNAME = "wardline_test_bot";
export const DEFAULT_BOT_FIRST_NAME = "Wardline Test Bot";

const lastMessageId = new Map<number, number>();

export interface BotIdentity {
  id: number;
  username: string;
  first_name: string;
}

let lastServedBot: BotIdentity | null = null;

/** Set by the fake for every request: the bot it just answered (id from the token). */
export function noteServedBot(bot: BotIdentity): void {
  lastServedBot = { id: bot.id, username: bot.username, first_name: bot.first_name };
}

/** The bot the fake most recently served in this process, if any (update factories default to it). */
export function servedBot(): BotIdentity | null {
  return lastServedBot;
}

/** Telegram bot ids are the numeric prefix of the token (`123456789:AA...`). */
export function botIdFromToken(token: string): number | undefined {
  const m = /^(\d{1,15}):/.exec(token);
  return m ? Number(m[1]) : undefined;
}

export function nextMessageId(chatId: number): number {
  const id = (lastMessageId.get(chatId) ?? 0) + 1;
  lastMessageId.set(chatId, id);
  return id;
}

/** Makes sure later ids in `chatId` are above `messageId` (for messages created elsewhere). */
export function observeMessageId(chatId: number, messageId: number): void {
  if (messageId > (lastMessageId.get(chatId) ?? 0)) lastMessageId.set(chatId, messageId);
}

export type ChatType = "private" | "group" | "supergroup" | "channel";

/** Telegram's id conventions: positive = user, `-100…` = supergroup/channel, other negative = basic group. */
export function chatTypeOf(chatId: number): ChatType {
  if (chatId > 0) return "private";
  return String(chatId).startsWith("-100") && chatId !== -100 ? "supergroup" : "group";
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
export function randomToken(length: number): string {
  let s = "";
  for (let i = 0; i < length; i++) s += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  return s;
}
