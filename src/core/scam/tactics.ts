/**
 * Fraud tactics an officer can name when confirming an indicator. Names and the advice shown
 * to residents live in locales/ as `tactic-<id>` and `tactic-<id>-advice`.
 */
export const TACTICS = [
  "fake-police",
  "fake-bank",
  "fake-utility",
  "fake-delivery",
  "job",
  "investment",
  "loan",
  "prize",
  "account-takeover",
  "other",
] as const;
export type Tactic = (typeof TACTICS)[number];

export const isTactic = (s: string): s is Tactic => (TACTICS as readonly string[]).includes(s);
