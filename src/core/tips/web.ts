import { createHmac } from "node:crypto";
import type { IdentityKeys } from "../../crypto/identity.js";
import { CODE_ALPHABET } from "../tracking-code.js";

// The pure parts of web tips (no database, no queues): importable from anywhere without cycles.

const KEY_LENGTH = 16;

/** Files a web tip keeps are cleaned copies in AttachmentBlob; the fileRef only marks them. */
export const BLOB_REF_PREFIX = "blob:";

/**
 * The status key of the web tip submitted with `nonce` (a random id the form carries): derived,
 * not stored, so a double submit shows the same key. 16 characters of the tracking-code
 * alphabet (about 74 bits), shown as four groups.
 */
export function statusKeyFor(keys: IdentityKeys, nonce: string): string {
  let chars = "";
  for (let round = 0; chars.length < KEY_LENGTH; round++) {
    const digest = createHmac("sha256", keys.pseudonymKey).update(`web-status-key-v1:${round}:${nonce}`).digest();
    // 250 = 10 × 25: rejecting the rest keeps every character equally likely.
    for (const byte of digest) if (byte < 250 && chars.length < KEY_LENGTH) chars += CODE_ALPHABET[byte % CODE_ALPHABET.length];
  }
  return chars.match(/.{4}/g)!.join("-");
}

/** What `Tip.sourceKey` of a web tip starts with: a keyed hash of its nonce follows. */
export const WEB_SOURCE_PREFIX = "web:h:";

/**
 * The idempotency key of the web tip submitted with `nonce`: a keyed hash, never the nonce, so
 * the database holds nothing the status key can be computed from (it is derived from the
 * nonce). Under its own label, so it matches neither the status key nor a pseudonym.
 */
export function webSourceKey(keys: IdentityKeys, nonce: string): string {
  return WEB_SOURCE_PREFIX + createHmac("sha256", keys.pseudonymKey).update(`web-source-key-v1:${nonce}`).digest("base64url").slice(0, 32);
}

/** Accepts a key as typed (any case, spaces, dashes); null when it cannot be one. */
export function normalizeStatusKey(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s\-_.]/g, "");
  if (s.length !== KEY_LENGTH || [...s].some((c) => !CODE_ALPHABET.includes(c))) return null;
  return s.match(/.{4}/g)!.join("-");
}
