import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";

export const LOCALES = ["vi", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "vi";

/** A translator already bound to one locale, as core code that words things receives it. */
export type Translate = (key: string, args?: Record<string, string | number>) => string;

export type I18n = {
  t(locale: Locale, key: string, args?: Record<string, FluentVariable>): string;
  has(locale: Locale, key: string): boolean;
  keys(locale: Locale): string[];
};

/** Vietnamese first: English only for users whose Telegram language is English. */
export function negotiateLocale(languageCode: string | undefined | null): Locale {
  return languageCode?.toLowerCase().startsWith("en") ? "en" : DEFAULT_LOCALE;
}

export function isLocale(s: string): s is Locale {
  return (LOCALES as readonly string[]).includes(s);
}

/**
 * Loads locales/<locale>.ftl and locales/<locale>.<part>.ftl (one file per feature, e.g. vi.web.ftl);
 * a syntax error or a key defined twice stops start-up with its message.
 */
export function loadI18n(dir: string): I18n {
  const bundles = new Map<Locale, FluentBundle>();
  const ids = new Map<Locale, string[]>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ftl")).sort()) {
    const locale = file.split(".")[0]!;
    if (!isLocale(locale)) continue;
    const resource = new FluentResource(readFileSync(join(dir, file), "utf8"));
    // Isolation marks around placeables confuse Telegram clients and tests; texts are short.
    const bundle = bundles.get(locale) ?? new FluentBundle(locale, { useIsolating: false });
    const errors = bundle.addResource(resource);
    if (errors.length) throw new Error(`${file}: ${errors.map((e) => e.message).join("; ")}`);
    bundles.set(locale, bundle);
    ids.set(locale, [...(ids.get(locale) ?? []), ...resource.body.map((m) => m.id)]);
  }
  if (!bundles.has(DEFAULT_LOCALE)) throw new Error(`locales/${DEFAULT_LOCALE}.ftl is missing`);

  const format = (locale: Locale, key: string, args?: Record<string, FluentVariable>): string | null => {
    const bundle = bundles.get(locale);
    const message = bundle?.getMessage(key);
    if (!bundle || !message?.value) return null;
    return bundle.formatPattern(message.value, args ?? null);
  };
  return {
    t: (locale, key, args) => format(locale, key, args) ?? format(DEFAULT_LOCALE, key, args) ?? key,
    has: (locale, key) => Boolean(bundles.get(locale)?.getMessage(key)?.value),
    keys: (locale) => ids.get(locale) ?? [],
  };
}
