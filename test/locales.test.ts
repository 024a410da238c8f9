import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CATEGORIES } from "../src/core/categories.js";
import { TEMPLATES } from "../src/core/campaigns/templates.js";
import { TACTICS } from "../src/core/scam/tactics.js";
import { loadI18n } from "../src/i18n.js";
import { Channel, OfficerRole } from "../src/generated/prisma/enums.js";
import { channelLabel, roleLabel } from "../src/web/format.js";

const i18n = loadI18n(join(import.meta.dirname, "..", "locales"));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return f === "generated" ? [] : sources(p);
    return p.endsWith(".ts") ? [p] : [];
  });
}

/** Every literal key passed to t(...) in the code, plus the families built from values. */
function keysUsed(): string[] {
  const keys = new Set<string>();
  for (const file of [...sources(join(import.meta.dirname, "..", "src")), ...sources(join(import.meta.dirname, "..", "handlers"))]) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/\bt\(\s*(?:(?:[A-Za-z.]+|"(?:vi|en)"),\s*)?"([a-z][a-z0-9-]+)"/g)) keys.add(m[1]!);
  }
  for (const c of CATEGORIES) keys.add(`category-${c}`);
  for (const s of ["new", "claimed", "resolved"]) keys.add(`card-status-${s}`), keys.add(`status-${s}`);
  for (const r of ["invalid", "used", "expired", "not-officer"]) keys.add(`bind-${r}`);
  for (const r of ["not-found", "forbidden", "resolved", "already-claimed", "same-ward", "same-tip", "not-officer"]) keys.add(`action-fail-${r}`);
  for (const e of ["created", "routed", "unrouted", "claimed", "assessed", "resolved", "transferred", "asked", "viewed", "merged", "merged-from", "assigned"]) keys.add(`event-${e}`);
  for (const w of ["now", "today", "earlier"]) keys.add(`when-${w}`);
  // Built from the enums the way the pages build them, so a new role or channel needs its words.
  const collect = (key: string) => (keys.add(key), key);
  for (const r of Object.values(OfficerRole)) roleLabel(collect, r);
  for (const s of ["open", "new", "claimed", "resolved", "all"]) keys.add(`web-state-${s}`);
  for (const a of ["tipster", "officer", "system"]) keys.add(`web-author-${a}`);
  for (const c of Object.values(Channel)) channelLabel(collect, c);
  for (const a of ["claim", "assess", "ask", "resolve", "transfer", "merge", "assign"]) keys.add(`web-done-${a}`);
  for (const r of ["invalid", "used", "expired"]) keys.add(`web-login-${r}`);
  for (const d of ["officer-saved", "activated", "deactivated", "target-saved"]) keys.add(`web-admin-done-${d}`);
  for (const e of ["bad-officer", "no-ward", "ward-needed", "province-needed", "self", "bad-hours"]) keys.add(`web-admin-error-${e}`);
  for (const tactic of TACTICS) keys.add(`tactic-${tactic}`), keys.add(`tactic-${tactic}-advice`);
  for (const s of ["reported", "confirmed", "cleared"]) keys.add(`indicator-status-${s}`);
  for (const e of ["indicator-confirmed", "indicator-cleared"]) keys.add(`event-${e}`);
  for (const id of TEMPLATES) keys.add(`campaign-tpl-${id}`), keys.add(`campaign-tpl-${id}-title`);
  for (const s of ["scheduled", "running", "paused", "cancelled", "done"]) keys.add(`campaign-state-${s}`);
  for (const a of ["pause", "resume", "cancel"]) keys.add(`campaign-${a}-done`);
  return [...keys];
}

describe("locales", () => {
  it("has every text the code uses, in Vietnamese and in English", () => {
    const used = keysUsed();
    expect(used.length).toBeGreaterThan(100);
    expect(used.filter((k) => !i18n.has("vi", k))).toEqual([]);
    expect(used.filter((k) => !i18n.has("en", k))).toEqual([]);
  });

  it("has the same messages in both languages", () => {
    const vi = new Set(i18n.keys("vi"));
    const en = new Set(i18n.keys("en"));
    expect([...vi].filter((k) => !en.has(k))).toEqual([]);
    expect([...en].filter((k) => !vi.has(k))).toEqual([]);
  });

  it("fills placeholders and falls back to Vietnamese", () => {
    expect(i18n.t("vi", "status-unknown", { code: "K7M4-QX9A" })).toBe("Không tìm thấy tin báo K7M4-QX9A của bạn.");
    expect(i18n.t("en", "status-unknown", { code: "K7M4-QX9A" })).toBe("No tip K7M4-QX9A of yours was found.");
  });
});
