import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";

/**
 * Outside production an unset IDENTITY_KEY is generated once and kept in DATA_DIR, so the
 * run command works on a fresh machine and pseudonyms stay stable across restarts.
 */
export function loadOrCreateIdentityKey(dataDir: string): { key: Buffer; created: boolean; path: string } {
  const path = join(dataDir, "identity.key");
  if (existsSync(path)) {
    const hex = readFileSync(path, "utf8").trim();
    if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error(`${path} does not hold 64 hex characters`);
    return { key: Buffer.from(hex, "hex"), created: false, path };
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(path, key.toString("hex") + "\n", { mode: 0o600, flag: "wx" });
  return { key, created: true, path };
}
