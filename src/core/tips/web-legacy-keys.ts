import type { IdentityKeys } from "../../crypto/identity.js";
import type { Db } from "../../db/client.js";
import { firstMessageKey } from "./create.js";
import { WEB_SOURCE_PREFIX, webSourceKey } from "./web.js";

/** How web tips were keyed before: the form's nonce itself, from which the status key is computed. */
const LEGACY = /^web:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/**
 * Rewrites web tips still keyed by their nonce in clear (`web:<nonce>`) to the keyed hash, at
 * start. SQL cannot compute the hash (the key is the application's), and accepting both forms
 * would leave the nonces in every dump and backup for good; rewriting once leaves one form.
 * Safe with several instances starting at once: each row changes only if still as read.
 */
export async function hashLegacyWebSourceKeys(db: Db, keys: IdentityKeys, batch = 500): Promise<number> {
  let rewritten = 0;
  let after = 0;
  for (;;) {
    const rows = await db.tip.findMany({
      where: { channel: "WEB", id: { gt: after }, sourceKey: { startsWith: "web:" }, NOT: { sourceKey: { startsWith: WEB_SOURCE_PREFIX } } },
      orderBy: { id: "asc" },
      take: batch,
      select: { id: true, sourceKey: true },
    });
    if (rows.length === 0) return rewritten;
    for (const row of rows) {
      const nonce = LEGACY.exec(row.sourceKey)?.[1];
      if (!nonce) continue;
      const next = webSourceKey(keys, nonce);
      const [tip] = await db.$transaction([
        db.tip.updateMany({ where: { id: row.id, sourceKey: row.sourceKey }, data: { sourceKey: next } }),
        // The tip's first message is keyed after the tip (the status page leaves it out by that key).
        db.tipMessage.updateMany({ where: { sourceKey: firstMessageKey(row.sourceKey) }, data: { sourceKey: firstMessageKey(next) } }),
      ]);
      rewritten += tip.count;
    }
    after = rows[rows.length - 1]!.id;
  }
}
