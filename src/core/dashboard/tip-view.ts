import { unseal, type IdentityKeys } from "../../crypto/identity.js";
import type { Db } from "../../db/client.js";
import { officerCovers, type OfficerRef } from "../officers.js";

export type TipView = {
  id: number;
  code: string;
  channel: string;
  category: string;
  status: "NEW" | "CLAIMED" | "RESOLVED";
  valuable: boolean | null;
  ward: { id: number; code: string; name: string; targetHours: number; provinceCode: string } | null;
  provinceCode: string | null;
  place: string | null;
  happenedAt: string | null;
  createdAt: Date;
  lat: number | null;
  lng: number | null;
  /** Only when the tipster chose to give it. */
  identity: string | null;
  claimedBy: { id: number; name: string } | null;
  outcome: string | null;
  mergedInto: string | null;
  thread: Array<{ author: "TIPSTER" | "OFFICER" | "SYSTEM"; officer: string | null; text: string; at: Date; relayedAt: Date | null }>;
  attachments: Array<{ id: number; kind: string; viewable: boolean }>;
  audit: Array<{ type: string; officer: string | null; at: Date; data: unknown }>;
};

/** A tip as an officer sees it on the dashboard; null when it does not exist or is outside their scope. */
export async function tipForOfficer(db: Db, keys: IdentityKeys, officer: OfficerRef, code: string): Promise<TipView | null> {
  const tip = await db.tip.findUnique({
    where: { code },
    select: {
      id: true, code: true, channel: true, category: true, status: true, valuable: true, provinceCode: true, place: true, happenedAt: true,
      createdAt: true, lat: true, lng: true, anonymous: true, identitySealed: true, outcome: true, mergedIntoId: true,
      ward: { select: { id: true, code: true, name: true, targetHours: true, provinceCode: true } },
      claimedBy: { select: { id: true, displayName: true } },
      messages: { orderBy: { id: "asc" }, select: { author: true, text: true, createdAt: true, relayedAt: true, officer: { select: { displayName: true } } } },
      attachments: { orderBy: { id: "asc" }, select: { id: true, kind: true, blob: { select: { attachmentId: true } } } },
      events: { orderBy: { id: "asc" }, select: { type: true, createdAt: true, data: true, officer: { select: { displayName: true } } } },
    },
  });
  if (!tip || !officerCovers(officer, tip.ward, tip.provinceCode)) return null;
  const mergedInto = tip.mergedIntoId ? await db.tip.findUnique({ where: { id: tip.mergedIntoId }, select: { code: true } }) : null;
  return {
    id: tip.id, code: tip.code, channel: tip.channel, category: tip.category, status: tip.status, valuable: tip.valuable,
    ward: tip.ward, provinceCode: tip.provinceCode, place: tip.place, happenedAt: tip.happenedAt, createdAt: tip.createdAt,
    lat: tip.lat, lng: tip.lng,
    identity: !tip.anonymous && tip.identitySealed ? unseal(keys, tip.identitySealed).toString("utf8") : null,
    claimedBy: tip.claimedBy ? { id: tip.claimedBy.id, name: tip.claimedBy.displayName } : null,
    outcome: tip.outcome,
    mergedInto: mergedInto?.code ?? null,
    thread: tip.messages.map((m) => ({ author: m.author, officer: m.officer?.displayName ?? null, text: m.text, at: m.createdAt, relayedAt: m.relayedAt })),
    attachments: tip.attachments.map((a) => ({ id: a.id, kind: a.kind, viewable: a.blob !== null })),
    audit: tip.events.map((e) => ({ type: e.type, officer: e.officer?.displayName ?? null, at: e.createdAt, data: e.data })),
  };
}

/** Records that an officer opened the tip: once per officer per quarter hour, so reloads do not flood the trail. */
export async function recordView(db: Db, officerId: number, tipId: number, now = new Date()): Promise<{ type: string; at: Date } | null> {
  const recent = await db.tipEvent.findFirst({
    where: { tipId, officerId, type: "viewed", createdAt: { gt: new Date(now.getTime() - 15 * 60_000) } },
    select: { id: true },
  });
  if (recent) return null;
  const e = await db.tipEvent.create({ data: { tipId, officerId, type: "viewed", data: { via: "web" } }, select: { type: true, createdAt: true } });
  return { type: e.type, at: e.createdAt };
}

/** The stripped bytes of an attachment, if the officer may see its tip. */
export async function attachmentForOfficer(db: Db, officer: OfficerRef, code: string, attachmentId: number) {
  const a = await db.attachment.findFirst({
    where: { id: attachmentId, tip: { code } },
    select: { blob: { select: { mime: true, bytes: true } }, tip: { select: { provinceCode: true, ward: { select: { id: true, provinceCode: true } } } } },
  });
  if (!a?.blob || !officerCovers(officer, a.tip.ward, a.tip.provinceCode)) return null;
  return a.blob;
}
