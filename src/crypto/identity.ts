import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";

/**
 * Tipster protection. Two keys are derived from IDENTITY_KEY: one for keyed pseudonyms
 * (stable, not reversible: route a resident's messages without storing who they are) and
 * one for sealing (AES-256-GCM: the chat id needed to relay a question back, and job data).
 */
export type IdentityKeys = { pseudonymKey: Buffer; sealKey: Buffer };

export function deriveIdentityKeys(master: Buffer): IdentityKeys {
  if (master.length !== 32) throw new Error("IDENTITY_KEY must be 32 bytes");
  const derive = (info: string) => Buffer.from(hkdfSync("sha256", master, "wardline", info, 32));
  return { pseudonymKey: derive("pseudonym-v1"), sealKey: derive("seal-v1") };
}

/** A stable keyed pseudonym for an account on a channel, e.g. ("tg", "12345"). */
export function pseudonym(keys: IdentityKeys, channel: string, accountId: string): string {
  return createHmac("sha256", keys.pseudonymKey).update(`${channel}:${accountId}`).digest("base64url").slice(0, 32);
}

const VERSION = "v1";

/** Encrypts with AES-256-GCM; the result is `v1.<iv>.<tag>.<ciphertext>` in base64url. */
export function seal(keys: IdentityKeys, plaintext: string | Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keys.sealKey, iv);
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64url"), tag.toString("base64url"), ct.toString("base64url")].join(".");
}

/** Decrypts what `seal` made; throws if it was tampered with or sealed with another key. */
export function unseal(keys: IdentityKeys, sealed: string): Buffer {
  const [version, iv, tag, ct] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || ct === undefined) throw new Error("not a sealed value");
  const decipher = createDecipheriv("aes-256-gcm", keys.sealKey, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]);
}

export const sealJson = (keys: IdentityKeys, value: unknown): string => seal(keys, JSON.stringify(value));
export const unsealJson = (keys: IdentityKeys, sealed: string): unknown => JSON.parse(unseal(keys, sealed).toString("utf8"));
