import type { Tactic } from "../scam/tactics.js";

/**
 * The library of ready-made warnings, one per fraud tactic (the tactics officers confirm in
 * scam checks). Texts live in locales/ as `campaign-tpl-<id>` with a short
 * `campaign-tpl-<id>-title`; the Vietnamese one is what gets sent.
 */
export const TEMPLATES = [
  "fake-police",
  "fake-bank",
  "fake-utility",
  "fake-delivery",
  "job",
  "investment",
  "loan",
  "prize",
  "account-takeover",
] as const satisfies readonly Tactic[];
export type TemplateId = (typeof TEMPLATES)[number];

export const isTemplate = (s: string): s is TemplateId => (TEMPLATES as readonly string[]).includes(s);
