/**
 * Removes NUL characters from every string of an update. PostgreSQL text and jsonb cannot
 * hold U+0000, so one NUL in a message would fail its job on every retry; no reader loses
 * anything by its absence.
 */
export function withoutNul<T>(update: T): T {
  const json = JSON.stringify(update);
  if (!json.includes("\\u0000")) return update;
  return JSON.parse(json, (_key, v: unknown) => (typeof v === "string" ? v.replaceAll("\u0000", "") : v)) as T;
}
