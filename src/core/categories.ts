/** What residents report; labels live in locales/ as `category-<id>`. */
export const CATEGORIES = ["scam", "drugs", "racing", "theft", "stranger", "disorder", "other"] as const;
export type Category = (typeof CATEGORIES)[number];

export const isCategory = (s: string): s is Category => (CATEGORIES as readonly string[]).includes(s);
