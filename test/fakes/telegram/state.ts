/** Mutable state of one fake server, shared by the method handlers. */
import type { Update, UserFromGetMe } from "grammy/types";
import { botIdFromToken } from "./ids.js";
import type { RateLimiter } from "./limits.js";
import type { Store } from "./store.js";
import type { Upload, UploadedFile } from "./types.js";

export interface WebhookState {
  url: string;
  secretToken: string | undefined;
  maxConnections: number | undefined;
  ipAddress: string | undefined;
}

export interface PollWaiter {
  wake(): void;
  terminate(): void;
}

export interface FakeState {
  store: Store;
  /** getMe for tokens without a numeric prefix; per token the id is the token's prefix unless `fixedBotId` */
  bot: UserFromGetMe;
  fixedBotId: number | undefined;
  /** identity of the last request, for webhook replies (which carry no token) */
  lastBot: UserFromGetMe | null;
  limiter: RateLimiter | null;
  /** chats where sends answer 403 (blocked by user / bot kicked) */
  blocked: Set<number>;
  /** groups the bot left via leaveChat */
  left: Set<number>;
  /** old group id → new supergroup id */
  migrated: Map<number, number>;
  webhook: WebhookState | null;
  /** Telegram remembers the last allowed_updates given to getUpdates/setWebhook */
  allowedUpdates: string[] | null;
  queue: Update[];
  poller: PollWaiter | null;
  commands: Map<string, unknown[]>;
  /** `${chatId}:${userId}` → ChatMember */
  members: Map<string, Record<string, unknown>>;
  closed: boolean;
  /** resolves every pending delay/long poll (on close) */
  onClose: Set<() => void>;
}

export interface MethodContext {
  method: string;
  token: string;
  /** the bot this request is for (its id is the token's numeric prefix, as in Telegram) */
  bot: UserFromGetMe;
  params: Record<string, unknown>;
  /** uploaded parts, keyed by the descriptor object placed in params */
  uploads: Map<UploadedFile, Upload>;
  /** aborted when the client goes away */
  signal: AbortSignal;
}

/** The bot a token belongs to: Telegram bot ids are the token's numeric prefix. */
export function botForToken(state: FakeState, token: string): UserFromGetMe {
  if (state.fixedBotId !== undefined) return state.bot;
  const id = botIdFromToken(token);
  return id === undefined ? (state.lastBot ?? state.bot) : { ...state.bot, id };
}

export type Handler = (state: FakeState, ctx: MethodContext) => unknown;

/** Update types Telegram leaves out unless allowed_updates names them. */
export const NOT_DELIVERED_BY_DEFAULT = ["chat_member", "message_reaction", "message_reaction_count"];

export function updateType(update: Update): string {
  return Object.keys(update).find((k) => k !== "update_id") ?? "";
}

export function isAllowed(state: FakeState, update: Update): boolean {
  const type = updateType(update);
  const allowed = state.allowedUpdates;
  if (allowed === null || allowed.length === 0) return !NOT_DELIVERED_BY_DEFAULT.includes(type);
  return allowed.includes(type);
}
