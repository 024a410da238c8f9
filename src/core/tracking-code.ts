import { randomInt } from "node:crypto";

/**
 * Tracking codes are read aloud over the phone and typed on cheap keyboards: no 0/O, 1/I/L,
 * U/V, 2/Z or 5/S confusion, random (not a sequence), shown as XXXX-XXXX (25^8 ≈ 1.5·10^11).
 */
export const CODE_ALPHABET = "346789ABCDEFGHJKMNPQRTWXY";

export function newTrackingCode(): string {
  let s = "";
  for (let i = 0; i < 8; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

/** Accepts what a resident types (any case, spaces, dashes) and returns the canonical code or null. */
export function normalizeTrackingCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s\-_.]/g, "");
  if (s.length !== 8) return null;
  for (const ch of s) if (!CODE_ALPHABET.includes(ch)) return null;
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}
