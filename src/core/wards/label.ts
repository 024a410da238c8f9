type Translate = (key: string, args?: Record<string, string>) => string;

/** A ward as residents recognise it: name and province, and the former name that led there. */
export function wardLabel(t: Translate, m: { wardName: string; provinceName: string; via: string; formerName?: string | undefined; formerDistrict?: string | undefined }): string {
  const base = `${m.wardName}, ${m.provinceName}`;
  if (m.via === "former" && m.formerName) return t("ward-formerly", { ward: base, former: [m.formerName, m.formerDistrict].filter(Boolean).join(", ") });
  return base;
}
