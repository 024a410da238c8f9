import { unseal, type IdentityKeys } from "../crypto/identity.js";
import type { Db } from "../db/client.js";

/** Everything an inbox card shows about a tip. Never the tipster's account; their identity only if they chose to give it. */
export type CardData = {
  tipId: number;
  code: string;
  /** Where the tip came from: officers answer it the same way, the relay goes back the same way. */
  channel: string;
  category: string;
  status: "NEW" | "CLAIMED" | "RESOLVED";
  valuable: boolean | null;
  wardName: string | null;
  provinceName: string | null;
  place: string | null;
  happenedAt: string | null;
  createdAt: Date;
  text: string;
  lat: number | null;
  lng: number | null;
  attachments: Array<{ id: number; kind: string; fileRef: string; mime: string | null; cleanRef: string | null }>;
  claimedBy: string | null;
  identity: string | null;
  outcome: string | null;
  history: Array<{ type: string; officer: string | null; at: Date; data: unknown }>;
  /** Reports of the most-reported indicator in the tip, beyond the first. */
  priority: number;
  indicators: Array<{ id: number; kind: string; value: string; status: "REPORTED" | "CONFIRMED" | "CLEARED"; tactic: string | null; reportCount: number }>;
  cards: Array<{ id: number; groupId: number; chatId: string; channel: string; messageId: string | null; readOnly: boolean }>;
  inbox: { groupId: number; chatId: string; channel: string } | null;
};

export async function loadCardData(db: Db, keys: IdentityKeys, tipId: number): Promise<CardData | null> {
  const tip = await db.tip.findUnique({
    where: { id: tipId },
    select: {
      id: true, code: true, channel: true, category: true, status: true, valuable: true, place: true, happenedAt: true, createdAt: true,
      text: true, lat: true, lng: true, anonymous: true, identitySealed: true, outcome: true, priority: true,
      indicators: { orderBy: { id: "asc" }, select: { indicator: { select: { id: true, kind: true, value: true, status: true, tactic: true, reportCount: true } } } },
      ward: { select: { name: true, inboxGroup: { select: { id: true, chatId: true, channel: true, active: true } } } },
      province: { select: { name: true, inboxGroup: { select: { id: true, chatId: true, channel: true, active: true } } } },
      claimedBy: { select: { displayName: true } },
      attachments: { select: { id: true, kind: true, fileRef: true, mime: true, cleanRef: true }, orderBy: { id: "asc" } },
      events: { where: { type: { not: "viewed" } }, orderBy: { id: "asc" }, select: { type: true, createdAt: true, data: true, officer: { select: { displayName: true } } } },
      cards: { select: { id: true, groupId: true, messageId: true, readOnly: true, group: { select: { chatId: true, channel: true } } } },
    },
  });
  if (!tip) return null;
  const inboxGroup = tip.ward ? tip.ward.inboxGroup : tip.province?.inboxGroup ?? null;
  return {
    tipId: tip.id,
    code: tip.code,
    channel: tip.channel,
    category: tip.category,
    status: tip.status,
    valuable: tip.valuable,
    wardName: tip.ward?.name ?? null,
    provinceName: tip.province?.name ?? null,
    place: tip.place,
    happenedAt: tip.happenedAt,
    createdAt: tip.createdAt,
    text: tip.text,
    lat: tip.lat,
    lng: tip.lng,
    attachments: tip.attachments,
    claimedBy: tip.claimedBy?.displayName ?? null,
    identity: !tip.anonymous && tip.identitySealed ? unseal(keys, tip.identitySealed).toString("utf8") : null,
    outcome: tip.outcome,
    priority: tip.priority,
    indicators: tip.indicators.map((r) => r.indicator),
    history: tip.events.map((e) => ({ type: e.type, officer: e.officer?.displayName ?? null, at: e.createdAt, data: e.data })),
    cards: tip.cards.map((c) => ({ id: c.id, groupId: c.groupId, chatId: c.group.chatId, channel: c.group.channel, messageId: c.messageId, readOnly: c.readOnly })),
    inbox: inboxGroup?.active ? { groupId: inboxGroup.id, chatId: inboxGroup.chatId, channel: inboxGroup.channel } : null,
  };
}
