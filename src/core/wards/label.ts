import type { Translate } from "../../i18n.js";
import type { WardIndex } from "./search.js";

/** A ward as residents recognise it: name and province, and the former name that led there. */
export function wardLabel(t: Translate, m: { wardName: string; provinceName: string; via: string; formerName?: string | undefined; formerDistrict?: string | undefined }): string {
  const base = `${m.wardName}, ${m.provinceName}`;
  if (m.via === "former" && m.formerName) return t("ward-formerly", { ward: base, former: [m.formerName, m.formerDistrict].filter(Boolean).join(", ") });
  return base;
}

/** "Ward, Province" for a ward of the directory. */
export const wardWithProvince = (wards: Pick<WardIndex, "getProvince">, w: { name: string; provinceCode: string }): string =>
  `${w.name}, ${wards.getProvince(w.provinceCode)?.name ?? ""}`;
