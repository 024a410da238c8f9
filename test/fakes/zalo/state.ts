/** Mutable state of one fake Zalo server, shared by the surface handlers and the event senders. */
import type { Clock } from "./clock.js";
import type { RollingLimiter } from "./limits.js";
import type { OaSend, Upload } from "./types.js";

/** Everything the fake settings resolve to (options with defaults applied). */
export interface ZaloConfig {
  appId: string;
  oaId: string;
  oaName: string;
  oaSecretKey: string;
  appSecretKey: string;
  accessTokenTtlMs: number;
  refreshTokenTtlMs: number;
  botToken: string;
  botAccountName: string;
  freeReplies: number;
  freeWindowMs: number;
  replyWindowMs: number;
  webhookTimeoutMs: number;
}

export interface IssuedToken {
  value: string;
  expiresAt: number;
  /** false once refreshed away, used, or expireAccessToken() was called */
  valid: boolean;
}

/** What the fake knows about one OA user, from the events it delivered. */
export interface OaUser {
  /** Fake-clock time of the user's last message (undefined: never wrote). */
  lastMessageAt: number | undefined;
  /** cs messages sent to the user since their last message. */
  sentSinceLastMessage: number;
  /** undefined: no follow/unfollow event seen (treated as following). */
  following: boolean | undefined;
}

export interface BotUpdate {
  event_name: string;
  message: Record<string, unknown>;
}

export interface PollWaiter {
  /** Offers an update; returns false if the waiter is gone (client disconnected). */
  offer(update: BotUpdate): boolean;
  /** Ends the poll without an update. */
  cancel(): void;
}

export interface ZaloState {
  cfg: ZaloConfig;
  clock: Clock;
  accessToken: IssuedToken;
  refreshToken: IssuedToken;
  /** refresh tokens already exchanged (reuse answers -14014 like an unknown one) */
  usedRefreshTokens: Set<string>;
  refreshCount: number;
  users: Map<string, OaUser>;
  oaWebhookUrl: string | null;
  oaLimiter: RollingLimiter;
  botLimiter: RollingLimiter;
  /** upload ids (attachment_id / token) the fake issued, to validate cs attachments */
  uploadIds: Map<string, Upload>;
  uploads: Upload[];
  oaSends: OaSend[];
  /** accepted promotion (proactive) messages, apart from cs sends */
  promotions: OaSend[];
  botWebhook: { url: string; secretToken: string; updatedAt: number } | null;
  botQueue: BotUpdate[];
  pollers: Set<PollWaiter>;
  closed: boolean;
}

export function userOf(state: ZaloState, userId: string): OaUser {
  let u = state.users.get(userId);
  if (!u) {
    u = { lastMessageAt: undefined, sentSinceLastMessage: 0, following: undefined };
    state.users.set(userId, u);
  }
  return u;
}
