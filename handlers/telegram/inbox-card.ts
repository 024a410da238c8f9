import { Composer } from "grammy";
import type { Deps } from "../../src/deps.js";
import { assessTip, claimTip, resolveTip, type ActionResult } from "../../src/core/tips/actions.js";
import { esc } from "../../src/telegram/html.js";
import type { BotContext } from "./context.js";
import { officerOf } from "./inbox-officer.js";

export type CardDeps = Pick<Deps, "db" | "queues">;

/** Stands for the mention while the prompt is escaped (it is HTML, the rest is text). */
const MENTION = "\u0000";

/** The user behind a button tap, as a mention: their @username, else a link to their account. */
function mentionOf(ctx: BotContext, name: string): string {
  const from = ctx.from!;
  return from.username ? `@${from.username}` : `<a href="tg://user?id=${from.id}">${esc(name)}</a>`;
}

/** The buttons on a tip card: claim, ask, valuable / not valuable, resolved, transfer. */
export function inboxCardFeature(deps: CardDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const groups = c.chatType(["group", "supergroup"]);

  const toast = (ctx: BotContext, r: ActionResult, okKey: string) =>
    ctx.answerCallbackQuery({
      text: r.ok ? ctx.t(okKey, { code: r.code }) : ctx.t(`action-fail-${r.reason}`, { by: r.ok ? "" : r.by ?? "" }),
      show_alert: !r.ok,
    });

  groups.callbackQuery(/^t:(claim|ask|v1|v0|res|tr):(\d+)$/, async (ctx) => {
    const officer = await officerOf(deps, ctx);
    if (!officer) return void (await ctx.answerCallbackQuery({ text: ctx.t("action-fail-not-officer"), show_alert: true }));
    const [, action, id] = ctx.match;
    const tipId = Number(id);
    switch (action) {
      case "claim":
        return void (await toast(ctx, await claimTip(deps, officer, tipId), "action-claimed"));
      case "v1":
      case "v0":
        return void (await toast(ctx, await assessTip(deps, officer, tipId, action === "v1"), action === "v1" ? "action-valuable" : "action-not-valuable"));
      case "res":
        return void (await toast(ctx, await resolveTip(deps, officer, tipId, null), "action-resolved"));
      case "ask":
      case "tr": {
        const tip = await deps.db.tip.findUnique({ where: { id: tipId }, select: { code: true } });
        await ctx.answerCallbackQuery();
        if (!tip) return;
        // Officers answer these prompts with Telegram's reply; the code in the prompt ties the reply to the tip.
        // `selective` opens the reply box for the users @mentioned in the prompt and for the sender of the
        // message it replies to, here the bot's own card: so the prompt mentions the officer who tapped.
        const text = esc(ctx.t(action === "ask" ? "ask-prompt" : "transfer-prompt", { code: tip.code, officer: MENTION })).replace(MENTION, () => mentionOf(ctx, officer.displayName));
        await ctx.reply(text, {
          parse_mode: "HTML",
          reply_markup: { force_reply: true, selective: true },
          reply_parameters: { message_id: ctx.callbackQuery.message?.message_id ?? 0, allow_sending_without_reply: true },
        });
        return;
      }
    }
  });
  return c;
}
