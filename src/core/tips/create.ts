import type { Db } from "../../db/client.js";
import type { Channel } from "../../generated/prisma/enums.js";
import { seal, type IdentityKeys } from "../../crypto/identity.js";
import { newTrackingCode } from "../tracking-code.js";

export type NewTip = {
  /** Idempotency key from the channel (e.g. `tg-<update_id>`): the same key never makes a second tip. */
  sourceKey: string;
  channel: Channel;
  residentId: number;
  wardCode: string | null;
  provinceCode: string | null;
  category: string;
  text: string;
  place?: string | undefined;
  happenedAt?: string | undefined;
  lat?: number | undefined;
  lng?: number | undefined;
  media: Array<{ kind: string; fileRef: string; mime?: string | undefined; size?: number | undefined }>;
  anonymous: boolean;
  /** Name and contact the tipster chose to give; sealed at rest. */
  identity?: string | undefined;
  /** "check" when a resident asked whether something is a scam; "report" otherwise. */
  origin?: "report" | "check";
};

/** The source key of a tip's first message: the tip's own words, which a thread shows once. */
export const firstMessageKey = (tipSourceKey: string) => `${tipSourceKey}-first`;

export type CreatedTip = { id: number; code: string; created: boolean; wardName: string | null };

/** Creates a tip with its first message, attachments and audit event, in one transaction. */
export async function createTip(db: Db, keys: IdentityKeys, input: NewTip): Promise<CreatedTip> {
  const existing = await db.tip.findUnique({ where: { sourceKey: input.sourceKey }, select: { id: true, code: true, ward: { select: { name: true } } } });
  if (existing) return { id: existing.id, code: existing.code, created: false, wardName: existing.ward?.name ?? null };
  const ward = input.wardCode
    ? await db.ward.findUnique({ where: { code: input.wardCode }, select: { id: true, name: true, provinceCode: true } })
    : null;
  for (let attempt = 0; ; attempt++) {
    const code = newTrackingCode();
    try {
      const tip = await db.$transaction(async (tx) => {
        const created = await tx.tip.create({
          data: {
            code,
            sourceKey: input.sourceKey,
            channel: input.channel,
            residentId: input.residentId,
            wardId: ward?.id ?? null,
            provinceCode: ward?.provinceCode ?? input.provinceCode,
            category: input.category,
            text: input.text,
            place: input.place ?? null,
            happenedAt: input.happenedAt ?? null,
            lat: input.lat ?? null,
            lng: input.lng ?? null,
            anonymous: input.anonymous,
            origin: input.origin ?? "report",
            identitySealed: !input.anonymous && input.identity ? seal(keys, input.identity) : null,
            attachments: { create: input.media.map((m) => ({ kind: m.kind, fileRef: m.fileRef, mime: m.mime ?? null, sizeBytes: m.size ?? null })) },
            messages: { create: { author: "TIPSTER", text: input.text, sourceKey: firstMessageKey(input.sourceKey) } },
          },
          select: { id: true, code: true },
        });
        await tx.tipEvent.create({
          data: { tipId: created.id, type: "created", data: { channel: input.channel, wardCode: input.wardCode, category: input.category } },
        });
        return created;
      });
      return { ...tip, created: true, wardName: ward?.name ?? null };
    } catch (err) {
      const target = (err as { code?: string; meta?: { target?: unknown } }).code === "P2002" ? JSON.stringify((err as { meta?: unknown }).meta ?? "") : "";
      if (target.includes("sourceKey")) {
        const again = await db.tip.findUniqueOrThrow({ where: { sourceKey: input.sourceKey }, select: { id: true, code: true } });
        return { ...again, created: false, wardName: ward?.name ?? null };
      }
      // A tracking-code collision (1 in 10^11 per pair): draw another.
      if ((err as { code?: string }).code === "P2002" && attempt < 5) continue;
      throw err;
    }
  }
}
