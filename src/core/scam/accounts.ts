import { normalizePhone } from "./phones.js";
import { trimEnd, type Scratch } from "./text.js";
import type { Found } from "./types.js";

/**
 * Messaging accounts and e-mail. Telegram: t.me/<name> links and @name mentions (5–32 characters,
 * a letter first: Telegram's rule). Zalo: zalo.me/<id or phone>. Invite and group links
 * (t.me/+hash, t.me/joinchat/..., zalo.me/g/...) name no account and yield nothing, but are still
 * claimed so their letters are not read as a domain. E-mail addresses are not indicators; they are
 * claimed only so that their domain is not taken for a link nor their local part for a mention.
 */

/** Not after "/": "https://bank.vn@evil.top" is a link with a user name, not an address. */
const EMAIL = /(?<![\p{L}\p{N}._%+\-\/])[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)+/gu;
const TELEGRAM_LINK =
  /(?<![\p{L}\p{N}._\-@\/])(?:https?:\/\/)?(?:www\.)?(?:t|telegram)\.(?:me|dog)\/(?:s\/)?([+\w]*)[^\s<>"'“”\u0000]*/giu;
const ZALO_LINK = /(?<![\p{L}\p{N}._\-@\/])(?:https?:\/\/)?(?:www\.|chat\.)?zalo\.me\/([\w.\-]*)[^\s<>"'“”\u0000]*/giu;
/** Not followed by ".com" and the like: "abc @gmail.com" is a mistyped address, not a username. */
const MENTION = /(?<![\p{L}\p{N}_.@\/\\])@([A-Za-z][A-Za-z0-9_]{4,31})(?![A-Za-z0-9_]|\.[A-Za-z])/gu;
/** t.me paths that are Telegram features, not usernames. */
const TELEGRAM_PATHS = new Set(
  "joinchat addstickers addemoji addlist share proxy socks iv c s boost setlanguage login bg addtheme invoice contact".split(" "),
);
const USERNAME = /^[a-z][a-z0-9_]{3,31}$/;
const TRAILING = `.,;:!?)]}'"…»`;

export function maskEmails(s: Scratch): void {
  for (const m of s.view.matchAll(EMAIL)) s.mask(m.index, m.index + m[0].length);
}

export function findAccounts(s: Scratch): Found[] {
  const found: Found[] = [];
  const claim = (m: RegExpMatchArray, value: string | null, platform: "telegram" | "zalo"): void => {
    const raw = trimEnd(m[0], TRAILING);
    s.mask(m.index as number, (m.index as number) + raw.length);
    if (value) found.push({ at: m.index as number, indicator: { kind: "account", platform, value, raw } });
  };
  for (const m of s.view.matchAll(TELEGRAM_LINK)) claim(m, telegramName(m[1] as string), "telegram");
  for (const m of s.view.matchAll(ZALO_LINK)) claim(m, zaloId(m[1] as string), "zalo");
  for (const m of s.view.matchAll(MENTION)) claim(m, (m[1] as string).toLowerCase(), "telegram");
  return found;
}

function telegramName(path: string): string | null {
  const name = path.toLowerCase();
  return USERNAME.test(name) && !TELEGRAM_PATHS.has(name) ? name : null;
}

function zaloId(path: string): string | null {
  const id = trimEnd(path, ".-").toLowerCase();
  if (id === "" || id === "g" || id === "s" || id === "pc") return null;
  return (/^\+?[\d.\-]+$/.test(id) ? normalizePhone(id) : null) ?? id;
}
