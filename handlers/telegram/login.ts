import { Composer } from "grammy";
import type { Deps } from "../../src/deps.js";
import { findOfficerByTelegramId } from "../../src/core/officers.js";
import { LOGIN_LINK_MINUTES, createLoginLink, dashboardBase, signInUrl } from "../../src/core/sign-in.js";
import type { BotContext } from "./context.js";

/**
 * `/login` in a private chat: a registered officer gets a one-time link to the dashboard. Anyone
 * else is told it is for officers; the link is never posted in a group.
 */
export function loginFeature(deps: Pick<Deps, "db" | "config">): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.chatType("private").command(["login", "dangnhap"], async (ctx) => {
    const officer = await findOfficerByTelegramId(deps.db, ctx.from.id);
    if (!officer) return void (await ctx.reply(ctx.t("login-not-officer")));
    const base = dashboardBase(deps.config);
    if (!base) return void (await ctx.reply(ctx.t("login-no-address")));
    const { token } = await createLoginLink(deps.db, officer.id);
    await ctx.reply(ctx.t("login-link", { url: signInUrl(base, token), minutes: LOGIN_LINK_MINUTES }), { link_preview_options: { is_disabled: true }, protect_content: true });
  });
  return c;
}
