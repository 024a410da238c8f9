import { Composer } from "grammy";
import type { Deps } from "../../src/deps.js";
import { pseudonym } from "../../src/crypto/identity.js";
import { loadChatState, saveChatState } from "../../src/core/chat-session.js";
import { upsertResident, type ResidentRef } from "../../src/core/residents.js";
import { isLocale, negotiateLocale, type Locale } from "../../src/i18n.js";
import type { BotContext } from "./context.js";

export type PrepareDeps = Pick<Deps, "db" | "identity" | "i18n">;

/** Residents known in this update (private chats only), by update. */
const residents = new WeakMap<BotContext, ResidentRef>();

export function residentOf(ctx: BotContext): ResidentRef | null {
  return residents.get(ctx) ?? null;
}

/**
 * First middleware: language, translator, pseudonym, the stored conversation state (saved
 * back after the update if it changed) and, in private chats, the resident record.
 */
export function prepare(deps: PrepareDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.use(async (ctx, next) => {
    const from = ctx.from;
    ctx.senderPseudonym = from ? pseudonym(deps.identity, "TELEGRAM", String(from.id)) : null;
    ctx.locale = negotiateLocale(from?.language_code);
    ctx.t = (key, args) => deps.i18n.t(ctx.locale, key, args);
    ctx.state = {};
    const isPrivate = ctx.chat?.type === "private";
    if (!isPrivate || !from || !ctx.chat) return next();

    const resident = await upsertResident(deps.db, deps.identity, {
      channel: "TELEGRAM",
      accountId: String(from.id),
      chatId: String(ctx.chat.id),
      language: ctx.locale,
    });
    residents.set(ctx, resident);
    if (isLocale(resident.language)) ctx.locale = resident.language as Locale;

    const key = `tg:${ctx.senderPseudonym}`;
    ctx.state = await loadChatState(deps, key);
    const before = JSON.stringify(ctx.state);
    await next();
    const after = JSON.stringify(ctx.state);
    if (after !== before) {
      await saveChatState(deps, key, ctx.state);
    }
  });
  return c;
}
