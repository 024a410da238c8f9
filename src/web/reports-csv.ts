import { isCategory } from "../core/categories.js";
import type { ReportFigures } from "../core/reports/figures.js";
import type { T } from "./context.js";
import { channelLabel } from "./format.js";

/** The report's single figures, in the order the page and the CSV show them (keys are ReportFigures fields). */
export const TIP_FIGURES = ["received", "valuable", "notValuable", "resolved", "duplicates", "medianFirstActionMinutes", "medianResolutionMinutes"] as const;
export const WARNING_FIGURES = ["warningsSent", "deliveriesSent", "groupsReached", "membersReached", "residentsReached", "replies"] as const;
export type FigureKey = (typeof TIP_FIGURES)[number] | (typeof WARNING_FIGURES)[number];

/** Labels of the single figures, in the reader's language. */
export function figureLabels(t: T): Record<FigureKey, string> {
  return {
    received: t("reports-received"),
    valuable: t("reports-valuable"),
    notValuable: t("reports-not-valuable"),
    resolved: t("reports-resolved"),
    duplicates: t("reports-duplicates"),
    medianFirstActionMinutes: t("reports-median-first-action"),
    medianResolutionMinutes: t("reports-median-resolution"),
    warningsSent: t("reports-warnings-sent"),
    deliveriesSent: t("reports-deliveries-sent"),
    groupsReached: t("reports-groups-reached"),
    membersReached: t("reports-members-reached"),
    residentsReached: t("reports-residents-reached"),
    replies: t("reports-replies"),
  };
}

/** "2025-01-06" as "06/01/2025", the way dates are written in Vietnam. */
export const dayLabel = (day: string) => day.split("-").reverse().join("/");

export const categoryLabel = (t: T, c: string) => (isCategory(c) ? t(`category-${c}`) : c);

/** One CSV field: quoted when needed, and never read as a formula by a spreadsheet. */
export function csvField(value: string | number | null): string {
  let s = value === null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export type ReportMeta = { scope: string; scopeName: string; from: string; to: string; generatedAt: string };

/**
 * The report as CSV a leader opens in Excel: UTF-8 with a byte-order mark, CRLF lines, and rows
 * "section, key, label, value" carrying exactly the page's figures (minutes for the medians).
 */
export function reportCsv(f: ReportFigures, meta: ReportMeta, t: T): string {
  const labels = figureLabels(t);
  const rows: Array<[string, string, string, string | number | null]> = [
    ["report", "scope", t("reports-scope"), meta.scopeName],
    ["report", "scopeCode", t("reports-scope-code"), meta.scope],
    ["report", "from", t("reports-from"), meta.from],
    ["report", "to", t("reports-to"), meta.to],
    ["report", "generatedAt", t("reports-generated-at"), meta.generatedAt],
    ...TIP_FIGURES.map((k) => ["tips", k, k.startsWith("median") ? t("reports-in-minutes", { label: labels[k] }) : labels[k], f[k]] as [string, string, string, number | null]),
    ...f.byCategory.map((c) => ["category", c.category, categoryLabel(t, c.category), c.count] as [string, string, string, number]),
    ...f.byChannel.map((c) => ["channel", c.channel, channelLabel(t, c.channel), c.count] as [string, string, string, number]),
    ...f.perWeek.map((w) => ["week", w.weekStart, t("reports-week-of", { date: dayLabel(w.weekStart) }), w.count] as [string, string, string, number]),
    ...WARNING_FIGURES.map((k) => ["warnings", k, labels[k], f[k]] as [string, string, string, number]),
  ];
  const header = [t("reports-csv-section"), t("reports-csv-key"), t("reports-csv-label"), t("reports-csv-value")];
  return `\uFEFF${[header, ...rows].map((r) => r.map(csvField).join(",")).join("\r\n")}\r\n`;
}
