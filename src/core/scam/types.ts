/** The indicator shapes; kept apart from extract.ts so the sibling modules can share them without an import cycle. */
export type Lookalike = {
  of: string;
  reason: "homoglyph" | "typo" | "brand-in-subdomain" | "brand-with-extra-words" | "punycode";
};

export type Indicator =
  | { kind: "phone"; value: string; raw: string }
  | { kind: "bank_account"; value: string; bank: string | null; raw: string }
  | { kind: "domain"; value: string; url: string; lookalike: Lookalike | null; raw: string }
  | { kind: "account"; platform: "telegram" | "zalo"; value: string; raw: string };

/** An indicator with the offset it was found at, for ordering by first appearance. */
export type Found = { at: number; indicator: Indicator };

/** Text tidied for extraction (tidy.ts), with the original span [from[i], to[i]) of each of its characters. */
export type Tidy = { text: string; from: Int32Array; to: Int32Array };
