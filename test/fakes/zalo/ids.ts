/** Id and token generators. Formats imitate Zalo's (long digit strings, hex msg ids), not verified. */
import { createHash, randomBytes } from "node:crypto";

export const randomHex = (bytes: number): string => randomBytes(bytes).toString("hex");

/** A token-looking string (url-safe base64). */
export const randomToken = (prefix: string): string => `${prefix}${randomBytes(24).toString("base64url")}`;

/** A stable digit string derived from `seed` (Zalo ids are long decimal strings). */
export function digits(seed: string, length = 19): string {
  const hash = createHash("sha256").update(seed).digest();
  let out = String(1 + (hash[0]! % 9));
  for (let i = 1; out.length < length; i++) out += String(hash[i % hash.length]! % 10);
  return out;
}

/** Zalo gives every user a separate id per app (`user_id_by_app`); the fake derives it from the user id. */
export const userIdByApp = (appId: string, userId: string): string => digits(`by-app:${appId}:${userId}`);

/** Anonymous senders get an id unrelated to their real one; stable per user here. */
export const anonymousId = (userId: string): string => `anon_${digits(`anon:${userId}`, 16)}`;
