import type { Db } from "./client.js";
import { fold } from "../core/wards/normalize.js";
import type { Directory } from "../core/wards/directory.js";

/**
 * Loads the national ward directory into the database when the wards table is empty (first
 * start, or `seed`). Rows an operator changed later (boundaries, target hours) are kept.
 */
export async function ensureWardDirectory(db: Db, load: () => Directory): Promise<{ loaded: boolean; wards: number }> {
  const existing = await db.ward.count();
  if (existing > 0) return { loaded: false, wards: existing };
  const dir = load();
  await db.province.createMany({
    data: dir.provinces.map((p) => ({ code: p.code, name: p.name, nameAscii: fold(p.name) })),
    skipDuplicates: true,
  });
  await db.ward.createMany({
    data: dir.wards.map((w) => ({ code: w.code, name: w.name, nameAscii: fold(w.name), provinceCode: w.provinceCode })),
    skipDuplicates: true,
  });
  for (let i = 0; i < dir.aliases.length; i += 2_000) {
    await db.wardAlias.createMany({
      data: dir.aliases.slice(i, i + 2_000).map((a) => ({
        oldCode: a.oldCode,
        oldName: a.oldName,
        oldNameAscii: fold(a.oldName),
        oldDistrict: a.oldDistrict,
        oldProvince: a.oldProvince,
        wardCode: a.wardCode,
      })),
      skipDuplicates: true,
    });
  }
  return { loaded: true, wards: dir.wards.length };
}

/** Reads the directory back from the database (the source of truth once loaded). */
export async function readWardDirectory(db: Db): Promise<Directory> {
  const [provinces, wards, aliases] = await Promise.all([
    db.province.findMany({ select: { code: true, name: true } }),
    db.ward.findMany({ select: { code: true, name: true, provinceCode: true } }),
    db.wardAlias.findMany({ select: { oldCode: true, oldName: true, oldDistrict: true, oldProvince: true, wardCode: true } }),
  ]);
  return { provinces, wards, aliases } as Directory;
}
