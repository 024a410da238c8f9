import { createHash, randomInt } from "node:crypto";
import type { Db } from "../db/client.js";
import type { Channel, OfficerRole } from "../generated/prisma/enums.js";

export type OfficerRef = {
  id: number;
  displayName: string;
  role: OfficerRole;
  wardId: number | null;
  provinceCode: string | null;
  canBroadcast: boolean;
};

const select = { id: true, displayName: true, role: true, wardId: true, provinceCode: true, canBroadcast: true } as const;

export async function findOfficerByTelegramId(db: Db, telegramUserId: number | bigint): Promise<OfficerRef | null> {
  return db.officer.findFirst({ where: { telegramUserId: BigInt(telegramUserId), active: true }, select });
}

/** Whether an officer may act on tips of a ward (own ward; province officers their province; admins all). */
export function officerCovers(officer: OfficerRef, ward: { id: number; provinceCode: string } | null, provinceCode: string | null): boolean {
  if (officer.role === "ADMIN") return true;
  if (officer.role === "PROVINCE_OFFICER") return officer.provinceCode !== null && officer.provinceCode === (ward?.provinceCode ?? provinceCode);
  return ward !== null && officer.wardId === ward.id;
}

const hashCode = (code: string) => createHash("sha256").update(code.trim().toUpperCase()).digest("hex");
const BIND_ALPHABET = "346789ABCDEFGHJKMNPQRTWXY";

/** Thrown by createBindingCode for a ward code that names no ward. */
export class UnknownWardError extends Error {
  constructor(wardCode: string) {
    super(`no ward with code ${wardCode}`);
    this.name = "UnknownWardError";
  }
}

/** A one-time code (valid `hours`) that binds a chat group as a ward's inbox; only its hash is stored. */
export async function createBindingCode(db: Db, wardCode: string, hours = 72): Promise<{ code: string; expiresAt: Date; wardName: string }> {
  const ward = await db.ward.findUnique({ where: { code: wardCode }, select: { id: true, name: true } });
  if (!ward) throw new UnknownWardError(wardCode);
  let code = "";
  for (let i = 0; i < 10; i++) code += BIND_ALPHABET[randomInt(BIND_ALPHABET.length)];
  const expiresAt = new Date(Date.now() + hours * 3_600_000);
  await db.bindingCode.create({ data: { codeHash: hashCode(code), wardId: ward.id, expiresAt } });
  return { code, expiresAt, wardName: ward.name };
}

export type BindResult =
  | { ok: true; wardName: string; wardCode: string }
  | { ok: false; reason: "invalid" | "used" | "expired" | "not-officer" };

/**
 * Binds a chat group as a ward's inbox with a one-time code. The sender must be a registered
 * officer of that ward (or an administrator). A ward has one inbox: binding again moves it.
 */
export async function bindInbox(
  db: Db,
  input: { code: string; officer: OfficerRef | null; channel: Channel; chatId: string; title: string },
): Promise<BindResult> {
  return db.$transaction(async (tx) => {
    const binding = await tx.bindingCode.findUnique({
      where: { codeHash: hashCode(input.code) },
      select: { id: true, usedAt: true, expiresAt: true, ward: { select: { id: true, code: true, name: true, provinceCode: true } } },
    });
    if (!binding) return { ok: false, reason: "invalid" } as const;
    if (binding.usedAt) return { ok: false, reason: "used" } as const;
    if (binding.expiresAt < new Date()) return { ok: false, reason: "expired" } as const;
    if (!input.officer || !officerCovers(input.officer, binding.ward, null)) return { ok: false, reason: "not-officer" } as const;
    const group = await tx.chatGroup.upsert({
      where: { channel_chatId: { channel: input.channel, chatId: input.chatId } },
      create: { channel: input.channel, chatId: input.chatId, title: input.title, purpose: "INBOX", wardId: binding.ward.id },
      update: { title: input.title, purpose: "INBOX", wardId: binding.ward.id, active: true },
      select: { id: true },
    });
    // A group is the inbox of one ward: unbind it elsewhere first.
    await tx.ward.updateMany({ where: { inboxGroupId: group.id, NOT: { id: binding.ward.id } }, data: { inboxGroupId: null } });
    await tx.ward.update({ where: { id: binding.ward.id }, data: { inboxGroupId: group.id } });
    await tx.bindingCode.update({ where: { id: binding.id }, data: { usedAt: new Date() } });
    return { ok: true, wardName: binding.ward.name, wardCode: binding.ward.code } as const;
  });
}

/** The ward whose inbox a chat group is, if any. */
export async function wardOfInbox(db: Db, channel: Channel, chatId: string) {
  return db.ward.findFirst({
    where: { inboxGroup: { channel, chatId, active: true } },
    select: { id: true, code: true, name: true, provinceCode: true },
  });
}
