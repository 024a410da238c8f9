import { createHash, timingSafeEqual } from "node:crypto";

/** `mac=` + hex SHA-256 of app id + raw body + timestamp + OA secret key (Zalo OA webhooks). */
export function oaSignature(appId: string, rawBody: string, timestamp: string, secretKey: string): string {
  return `mac=${createHash("sha256").update(`${appId}${rawBody}${timestamp}${secretKey}`, "utf8").digest("hex")}`;
}

/** Constant-time check of an `X-ZEvent-Signature` header (with or without the `mac=` prefix). */
export function oaSignatureMatches(header: string | string[] | undefined, expected: string): boolean {
  if (typeof header !== "string") return false;
  const presented = header.trim().toLowerCase().startsWith("mac=") ? header.trim().slice(4).toLowerCase() : header.trim().toLowerCase();
  const want = expected.slice(4);
  const a = createHash("sha256").update(presented).digest();
  const b = createHash("sha256").update(want).digest();
  return timingSafeEqual(a, b);
}
