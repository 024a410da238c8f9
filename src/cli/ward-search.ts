import { loadDirectory, type Directory } from "../core/wards/directory.js";
import { createWardIndex } from "../core/wards/search.js";

export const WARD_SEARCH_LIMIT = 10;

/**
 * `ward search <words>`: the 5-digit codes `--ward` takes, found as residents find their ward
 * (no accents needed, former names too). Reads the national directory the database is seeded
 * from, so it needs no database and works while the service holds the embedded one.
 */
export function wardSearchLines(words: string[], opts: { provinceCode?: string | undefined } = {}, load: () => Directory = loadDirectory): string[] {
  const query = words.join(" ").trim();
  if (!query) throw new Error('ward search needs the ward\'s name, e.g. ward search ba dinh ha noi');
  if (opts.provinceCode !== undefined && !/^\d{1,2}$/.test(opts.provinceCode)) throw new Error("--province takes a province code, e.g. 01 (Hà Nội) or 79 (Hồ Chí Minh)");
  const index = createWardIndex(load());
  const matches = index.search(query, { limit: WARD_SEARCH_LIMIT, ...(opts.provinceCode ? { provinceCode: opts.provinceCode.padStart(2, "0") } : {}) });
  if (matches.length === 0) throw new Error(`no ward matches "${query}": try fewer words, the former district, or the province`);
  return matches.map((m) => {
    const former = m.via === "former" && m.formerName ? `  (formerly ${[m.formerName, m.formerDistrict, m.formerProvince].filter(Boolean).join(", ")})` : "";
    return `${m.wardCode}  ${m.wardName}, ${m.provinceName}${former}`;
  });
}
