import { pseudonym, seal, unseal, type IdentityKeys } from "../crypto/identity.js";
import type { Db } from "../db/client.js";
import type { Channel } from "../generated/prisma/enums.js";

export type ResidentRef = { id: number; pseudonym: string; language: string; wardId: number | null; channel: Channel };

const select = { id: true, pseudonym: true, language: true, wardId: true, channel: true } as const;

/**
 * Finds or registers the resident behind a chat account. Only a keyed pseudonym and the
 * sealed chat id are stored: no name, username or phone.
 */
export async function upsertResident(
  db: Db,
  keys: IdentityKeys,
  input: { channel: Channel; accountId: string; chatId: string; language: string },
): Promise<ResidentRef> {
  const p = pseudonym(keys, input.channel, input.accountId);
  return db.resident.upsert({
    where: { pseudonym: p },
    create: { pseudonym: p, channel: input.channel, chatRef: seal(keys, input.chatId), language: input.language },
    update: { lastSeenAt: new Date() },
    select,
  });
}

export async function findResidentByPseudonym(db: Db, p: string): Promise<ResidentRef | null> {
  return db.resident.findUnique({ where: { pseudonym: p }, select });
}

/** The chat to send to, for relaying; only outbound jobs call this. */
export function residentChatId(keys: IdentityKeys, sealedChatRef: string): string {
  return unseal(keys, sealedChatRef).toString("utf8");
}

/** Remembers the resident's ward; returns its id, or null for an unknown code. */
export async function setResidentWard(db: Db, residentId: number, wardCode: string): Promise<number | null> {
  const ward = await db.ward.findUnique({ where: { code: wardCode }, select: { id: true } });
  if (!ward) return null;
  await db.resident.update({ where: { id: residentId }, data: { wardId: ward.id } });
  return ward.id;
}

export async function setResidentLanguage(db: Db, residentId: number, language: string): Promise<void> {
  await db.resident.update({ where: { id: residentId }, data: { language } });
}
