import { createHash } from "node:crypto";
import { secretMatches } from "../http/secret.js";

/** Hex SHA-256 of app id + raw body + timestamp + OA secret key: what Zalo OA webhooks are signed with. */
export function oaSignature(appId: string, rawBody: string, timestamp: string, secretKey: string): string {
  return createHash("sha256").update(`${appId}${rawBody}${timestamp}${secretKey}`, "utf8").digest("hex");
}

/** Constant-time check of an `X-ZEvent-Signature` header (`mac=<hex>` or the bare hex; any case, spaces around ignored). */
export function oaSignatureMatches(header: string, expected: string): boolean {
  const presented = header.trim().toLowerCase();
  return secretMatches(presented.startsWith("mac=") ? presented.slice(4) : presented, expected);
}
