import { indicatorKey, type Indicator } from "./extract.js";
import type { KnownIndicator } from "./store.js";

export type Verdict =
  | { level: "none" }
  | {
      /** The worst finding decides the answer: confirmed > reported > look-alike > nothing known. */
      level: "confirmed" | "reported" | "lookalike" | "unknown";
      confirmed: Array<{ shown: string; tactic: string | null }>;
      reported: Array<{ shown: string; count: number; since: Date }>;
      lookalikes: Array<{ shown: string; of: string }>;
      unknown: string[];
    };

/** How an indicator is written back to a resident: local 0-prefixed phone numbers, as people say them. */
export function showIndicator(i: Indicator): string {
  switch (i.kind) {
    case "phone":
      return i.value.startsWith("+84") ? `0${i.value.slice(3)}` : i.value;
    case "bank_account":
      return i.bank ? `${i.value} (${i.bank})` : i.value;
    case "domain":
      return i.value;
    case "account":
      return i.platform === "telegram" ? `@${i.value}` : `Zalo ${i.value}`;
  }
}

/** Judges a resident's question from what is known about each indicator in it. */
export function judge(indicators: Indicator[], known: KnownIndicator[]): Verdict {
  if (indicators.length === 0) return { level: "none" };
  const byKey = new Map(known.map((k) => [k.key, k]));
  const v = { confirmed: [], reported: [], lookalikes: [], unknown: [] } as Omit<Extract<Verdict, { confirmed: unknown }>, "level">;
  for (const i of indicators) {
    const k = byKey.get(indicatorKey(i));
    const shown = showIndicator(i);
    if (k?.status === "CONFIRMED") v.confirmed.push({ shown, tactic: k.tactic });
    else if (k?.status === "REPORTED" && k.othersReports > 0) v.reported.push({ shown, count: k.othersReports, since: k.firstReportedAt });
    else if (i.kind === "domain" && i.lookalike && k?.status !== "CLEARED") v.lookalikes.push({ shown, of: i.lookalike.of });
    else v.unknown.push(shown);
  }
  const level = v.confirmed.length ? "confirmed" : v.reported.length ? "reported" : v.lookalikes.length ? "lookalike" : "unknown";
  return { level, ...v };
}
