import { Composer, InlineKeyboard } from "grammy";
import type { Deps } from "../../src/deps.js";
import { audienceSize } from "../../src/core/campaigns/audience.js";
import { showCampaignStatus } from "../../src/core/campaigns/control.js";
import { launchOnce } from "../../src/core/campaigns/once.js";
import { sendOnce } from "../../src/db/sent-once.js";
import { campaignResults, setStatusMessage } from "../../src/core/campaigns/store.js";
import { parseTarget, type Target } from "../../src/core/campaigns/target.js";
import { checkTarget } from "../../src/core/campaigns/compose.js";
import type { ChatState } from "../../src/core/chat-state.js";
import { campaignButtons, campaignText } from "../../src/telegram/campaign-view.js";
import type { BotContext } from "./context.js";
import { officerOf } from "./inbox-officer.js";

type Draft = NonNullable<ChatState["campaign"]>;
export type ConfirmDeps = Pick<Deps, "db" | "queues" | "i18n">;

export const draftTarget = (d: Draft): Target => parseTarget({ all: d.all, wardIds: d.wardIds, provinceCodes: d.provinceCodes, tags: d.tags, groups: d.groups, residents: d.residents });

/** Shows the warning exactly as recipients will get it, then who gets it, with Send / Schedule / Cancel. */
export async function showPreview(deps: ConfirmDeps, ctx: BotContext, draft: Draft): Promise<void> {
  if (!draft.source || !ctx.chat) return;
  draft.step = "confirm";
  await ctx.reply(ctx.t("campaign-preview-title"));
  await ctx.api.copyMessages(ctx.chat.id, ctx.chat.id, draft.source.messageIds);
  const size = await audienceSize(deps.db, draftTarget(draft));
  await ctx.reply(ctx.t("campaign-preview-audience", { groups: size.groups, members: size.members, residents: size.residents }), {
    reply_markup: new InlineKeyboard().text(ctx.t("btn-campaign-send"), "cw:send").text(ctx.t("btn-campaign-schedule"), "cw:sched").row().text(ctx.t("btn-campaign-quit"), "cw:quit"),
  });
}

/** "HH:MM" (today, or tomorrow if past) or "DD/MM HH:MM", Vietnam time (UTC+7). */
export function parseVnTime(text: string, now = new Date()): Date | null {
  const m = /^\s*(?:(\d{1,2})\/(\d{1,2})\s+)?(\d{1,2})[:h](\d{2})\s*$/.exec(text);
  if (!m) return null;
  const [hour, minute] = [Number(m[3]), Number(m[4])];
  if (hour > 23 || minute > 59) return null;
  const vnNow = new Date(now.getTime() + 7 * 3_600_000);
  const day = m[1] ? Number(m[1]) : vnNow.getUTCDate();
  const month = m[2] ? Number(m[2]) - 1 : vnNow.getUTCMonth();
  let at = Date.UTC(vnNow.getUTCFullYear(), month, day, hour, minute) - 7 * 3_600_000;
  if (at <= now.getTime()) at = m[1] ? Date.UTC(vnNow.getUTCFullYear() + 1, month, day, hour, minute) - 7 * 3_600_000 : at + 86_400_000;
  return new Date(at);
}

/** Send now, or schedule: the campaign is recorded and queued, and a status message follows it. */
export function campaignConfirmFeature(deps: ConfirmDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const pm = c.chatType("private");

  const launch = async (ctx: BotContext, scheduledAt: Date | null) => {
    const draft = ctx.state.campaign;
    const officer = await officerOf(deps, ctx);
    if (!draft?.source || !officer || !ctx.chat) return;
    const target = draftTarget(draft);
    if (!(await checkTarget(deps.db, officer, target)).ok) return void (await ctx.reply(ctx.t("campaign-not-allowed")));
    // The launch key, as the dashboard's form nonce: the job retried after a failed reply below, or a
    // second tap on Send before the chat's state was saved, finds the campaign already launched.
    // (A draft begun before drafts had ids falls back to this update, which a retry repeats.)
    const key = `tg-${officer.id}-${draft.id ?? `u${ctx.update.update_id}`}`;
    delete ctx.state.campaign;
    const created = await launchOnce(deps, key, {
      officerId: officer.id,
      title: draft.title ?? ctx.t("campaign-untitled"),
      templateKey: draft.templateKey ?? null,
      sourceChatId: String(ctx.chat.id),
      sourceMessageIds: draft.source.messageIds,
      plainText: draft.plainText ?? null,
      target,
      scheduledAt,
      locale: ctx.locale,
    });
    const r = await campaignResults(deps.db, created.id);
    if (!r) return;
    const text = scheduledAt
      ? `${campaignText(deps.i18n, ctx.locale, r)}\n${ctx.t("campaign-scheduled", { at: scheduledAt.toLocaleString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh" }) })}`
      : campaignText(deps.i18n, ctx.locale, r);
    const chatId = ctx.chat.id;
    const status = await sendOnce(deps.db, `campaign-status-${created.id}`, async () =>
      String((await ctx.reply(text, { reply_markup: campaignButtons(deps.i18n, ctx.locale, r) })).message_id),
    );
    if (status.messageId) await setStatusMessage(deps.db, created.id, String(chatId), Number(status.messageId));
    await showCampaignStatus(deps, created.id);
  };

  pm.callbackQuery("cw:send", async (ctx) => {
    await ctx.answerCallbackQuery();
    if (ctx.state.campaign?.step !== "confirm") return;
    await launch(ctx, null);
  });
  pm.callbackQuery("cw:sched", async (ctx) => {
    await ctx.answerCallbackQuery();
    if (ctx.state.campaign?.step !== "confirm") return;
    ctx.state.campaign.step = "schedule";
    await ctx.reply(ctx.t("campaign-schedule-ask"));
  });
  pm.on("message:text", async (ctx, next) => {
    if (ctx.state.campaign?.step !== "schedule" || ctx.message.text.startsWith("/")) return next();
    const at = parseVnTime(ctx.message.text);
    if (!at) return void (await ctx.reply(ctx.t("campaign-schedule-ask")));
    await launch(ctx, at);
  });
  return c;
}
