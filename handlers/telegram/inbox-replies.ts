import { Composer, InlineKeyboard } from "grammy";
import type { Deps } from "../../src/deps.js";
import { askTipster, transferTip, type ActionResult } from "../../src/core/tips/actions.js";
import type { BotContext } from "./context.js";
import { officerOf } from "./inbox-officer.js";

export type ReplyDeps = Pick<Deps, "db" | "queues" | "wards">;

const CODE_IN_TEXT = /#?([3-9A-HJKMNPQRTWXY]{4}-[3-9A-HJKMNPQRTWXY]{4})/;
/** Transfer prompts start with this mark (see transfer-prompt in locales/). */
const TRANSFER_MARK = "↪";

/**
 * An officer's reply to a card (or to an "ask" prompt) is a question for the tipster; a reply
 * to a transfer prompt names the new ward and the reason: "<ward> - <reason>". A reply that is
 * not text gets told so.
 */
export function inboxRepliesFeature(deps: ReplyDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const groups = c.chatType(["group", "supergroup"]);

  const report = (ctx: BotContext, r: ActionResult, okKey: string) =>
    ctx.reply(r.ok ? ctx.t(okKey, { code: r.code }) : ctx.t(`action-fail-${r.reason}`, { by: r.ok ? "" : r.by ?? "" }), {
      reply_parameters: { message_id: ctx.msg!.message_id, allow_sending_without_reply: true },
    });

  groups.on("message:text", async (ctx, next) => {
    const replied = ctx.message.reply_to_message;
    if (!replied || replied.from?.id !== ctx.me.id || ctx.message.text.startsWith("/")) return next();
    const code = (replied.text ?? replied.caption ?? "").match(CODE_IN_TEXT)?.[1];
    if (!code) return next();
    const officer = await officerOf(deps, ctx);
    if (!officer) return void (await ctx.reply(ctx.t("action-fail-not-officer")));
    const tip = await deps.db.tip.findUnique({ where: { code }, select: { id: true, provinceCode: true } });
    if (!tip) return void (await ctx.reply(ctx.t("action-fail-not-found")));

    if ((replied.text ?? "").startsWith(TRANSFER_MARK)) {
      const [wardPart = "", ...rest] = ctx.message.text.split(/\s+-\s+|\s*[:;]\s+/);
      const reason = rest.join(" - ").trim().slice(0, 500);
      const target = pickWard(deps, wardPart, tip.provinceCode);
      if (target) return void (await report(ctx, await transferTip(deps, officer, tip.id, target, reason), "action-transferred"));
      const matches = deps.wards.search(wardPart, { limit: 5 });
      if (matches.length === 0) return void (await ctx.reply(ctx.t("ward-not-found", { query: wardPart.slice(0, 60) })));
      await deps.db.chatSession.upsert({
        where: { key: `tr:${ctx.chat.id}:${tip.id}` },
        create: { key: `tr:${ctx.chat.id}:${tip.id}`, value: { reason } },
        update: { value: { reason } },
      });
      const kb = new InlineKeyboard();
      for (const m of matches) kb.text(`${m.wardName}, ${m.provinceName}`, `tt:${tip.id}:${m.wardCode}`).row();
      return void (await ctx.reply(ctx.t("transfer-pick", { code }), { reply_markup: kb }));
    }
    await report(ctx, await askTipster(deps, officer, tip.id, ctx.message.text.slice(0, 4000), `tg-${ctx.update.update_id}`), "action-asked");
  });

  // Only text reaches a tipster: a photo, voice note or sticker in reply to a card or a prompt
  // would otherwise be dropped without a word, and the officer would wait for an answer.
  groups.on("message", async (ctx, next) => {
    const replied = ctx.message.reply_to_message;
    if (!replied || replied.from?.id !== ctx.me.id || ctx.message.text !== undefined) return next();
    const code = (replied.text ?? replied.caption ?? "").match(CODE_IN_TEXT)?.[1];
    if (!code || !(await officerOf(deps, ctx))) return next();
    const key = (replied.text ?? "").startsWith(TRANSFER_MARK) ? "inbox-transfer-text-only" : "inbox-reply-text-only";
    await ctx.reply(ctx.t(key, { code }), { reply_parameters: { message_id: ctx.message.message_id, allow_sending_without_reply: true } });
  });

  groups.callbackQuery(/^tt:(\d+):(\d{5})$/, async (ctx) => {
    const officer = await officerOf(deps, ctx);
    if (!officer) return void (await ctx.answerCallbackQuery({ text: ctx.t("action-fail-not-officer"), show_alert: true }));
    const tipId = Number(ctx.match[1]);
    const key = `tr:${ctx.chat.id}:${tipId}`;
    const pending = await deps.db.chatSession.findUnique({ where: { key }, select: { value: true } });
    const reason = String((pending?.value as { reason?: string } | null)?.reason ?? "");
    const r = await transferTip(deps, officer, tipId, ctx.match[2]!, reason);
    await deps.db.chatSession.deleteMany({ where: { key } });
    await ctx.answerCallbackQuery({ text: r.ok ? ctx.t("action-transferred", { code: r.code }) : ctx.t(`action-fail-${r.reason}`, { by: "" }), show_alert: !r.ok });
  });
  return c;
}

/** The ward an officer named: a 5-digit code, or the one clear match (in the tip's province first). */
function pickWard(deps: Pick<ReplyDeps, "wards">, text: string, provinceCode: string | null): string | null {
  const q = text.trim();
  if (/^\d{5}$/.test(q)) return deps.wards.getWard(q) ? q : null;
  for (const opts of provinceCode ? [{ provinceCode, limit: 5 }, { limit: 5 }] : [{ limit: 5 }]) {
    const matches = deps.wards.search(q, opts);
    const exact = matches.filter((m) => m.quality === "exact" && m.via === "name");
    if (exact.length === 1) return exact[0]!.wardCode;
    if (matches.length === 1) return matches[0]!.wardCode;
    if (matches.length > 1) return null;
  }
  return null;
}
