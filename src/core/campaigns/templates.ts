import { TACTICS, type Tactic } from "../scam/tactics.js";

/**
 * The library of ready-made warnings, one per fraud tactic (the tactics officers confirm in
 * scam checks). Texts live in locales/ as `campaign-tpl-<id>` with a short
 * `campaign-tpl-<id>-title`; the Vietnamese one is what gets sent.
 */
export type TemplateId = Exclude<Tactic, "other">;
/** Every tactic but "other", which has no warning of its own. */
export const TEMPLATES: readonly TemplateId[] = TACTICS.filter((t): t is TemplateId => t !== "other");

export const isTemplate = (s: string): s is TemplateId => (TEMPLATES as readonly string[]).includes(s);
