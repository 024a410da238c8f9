import { createHash } from "node:crypto";
import { seal, unseal, type IdentityKeys } from "../crypto/identity.js";
import type { Db } from "../db/client.js";

/** Refresh this long before the access token expires (Zalo's last ~25 h). */
const REFRESH_AHEAD_MS = 10 * 60_000;
const ROW = "oa";

export type TokenPair = { accessToken: string; refreshToken: string; expiresInSeconds: number };
/** Exchanges a refresh token (single use) for a new pair at Zalo's OAuth endpoint. */
export type Exchange = (refreshToken: string) => Promise<TokenPair>;

export type TokenStore = {
  /** A usable access token, refreshed first if it expires soon. */
  current(): Promise<string>;
  /** After Zalo said `stale` is invalid: a new one (refreshed once, whoever noticed first). */
  renew(stale: string): Promise<string>;
};

const hash = (s: string) => createHash("sha256").update(s).digest("hex");

/**
 * The OA's tokens in PostgreSQL, shared by every worker. A refresh locks the row
 * (`SELECT … FOR UPDATE`), exchanges the single-use refresh token and writes the new pair in
 * the same transaction, so two workers never spend the same refresh token.
 */
export function createTokenStore(db: Db, keys: IdentityKeys, seed: { refreshToken: string; accessToken: string | undefined }, exchange: Exchange): TokenStore {
  const seedHash = hash(seed.refreshToken);
  let cached: { token: string; expiresAt: number } | null = null;

  const ensureSeeded = async () => {
    const row = await db.zaloToken.findUnique({ where: { id: ROW }, select: { seedHash: true } });
    if (row?.seedHash === seedHash) return;
    // First start, or the operator authorised again and put a new refresh token in the settings.
    const data = {
      accessSealed: seal(keys, seed.accessToken ?? ""),
      refreshSealed: seal(keys, seed.refreshToken),
      expiresAt: new Date(seed.accessToken ? Date.now() + 3_600_000 : 0),
      seedHash,
    };
    await db.zaloToken.upsert({ where: { id: ROW }, create: { id: ROW, ...data }, update: data });
    cached = null;
  };

  /** Refreshes under the row lock unless someone already replaced `stale` (or it is still fresh). */
  const refresh = async (stale: string | null): Promise<string> => {
    await ensureSeeded();
    return db.$transaction(
      async (tx) => {
        const [row] = await tx.$queryRaw<Array<{ accessSealed: string; refreshSealed: string; expiresAt: Date }>>`
          SELECT "accessSealed", "refreshSealed", "expiresAt" FROM "ZaloToken" WHERE id = ${ROW} FOR UPDATE`;
        if (!row) throw new Error("Zalo token row missing");
        const access = unseal(keys, row.accessSealed).toString("utf8");
        const fresh = access && row.expiresAt.getTime() - REFRESH_AHEAD_MS > Date.now();
        if (access && (stale === null ? fresh : access !== stale)) {
          cached = { token: access, expiresAt: row.expiresAt.getTime() };
          return access;
        }
        const pair = await exchange(unseal(keys, row.refreshSealed).toString("utf8"));
        const expiresAt = new Date(Date.now() + pair.expiresInSeconds * 1000);
        await tx.zaloToken.update({
          where: { id: ROW },
          data: { accessSealed: seal(keys, pair.accessToken), refreshSealed: seal(keys, pair.refreshToken), expiresAt, refreshedAt: new Date() },
        });
        cached = { token: pair.accessToken, expiresAt: expiresAt.getTime() };
        return pair.accessToken;
      },
      { timeout: 30_000, maxWait: 30_000 },
    );
  };

  return {
    async current() {
      if (cached && cached.expiresAt - REFRESH_AHEAD_MS > Date.now()) return cached.token;
      return refresh(null);
    },
    renew: (stale) => refresh(stale),
  };
}
