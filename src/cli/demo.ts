import type { Db } from "../db/client.js";
import { createBindingCode } from "../core/officers.js";

/** Demo data for a first look: two officers of Phường Ba Đình (Hà Nội) and an inbox binding code. */
export async function seedDemo(db: Db): Promise<string> {
  const ward = await db.ward.findUnique({ where: { code: "00004" }, select: { id: true, name: true, provinceCode: true } });
  if (!ward) return "demo skipped: ward 00004 is not in the directory";
  const officers = [
    { telegramUserId: 900000001n, displayName: "Demo Officer (Ba Đình)", role: "WARD_LEADER" as const },
    { telegramUserId: 900000002n, displayName: "Demo Officer 2 (Ba Đình)", role: "WARD_OFFICER" as const },
  ];
  for (const o of officers) {
    await db.officer.upsert({
      where: { telegramUserId: o.telegramUserId },
      create: { ...o, wardId: ward.id, provinceCode: ward.provinceCode },
      update: {},
    });
  }
  const { code } = await createBindingCode(db, "00004");
  return `demo officers added to ${ward.name} (Telegram ids 900000001, 900000002: replace with real ids via 'officer add')\nbinding code for ${ward.name}: /bind ${code}`;
}
