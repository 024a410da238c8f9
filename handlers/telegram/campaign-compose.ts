import { randomUUID } from "node:crypto";
import { Composer, InlineKeyboard } from "grammy";
import type { Deps } from "../../src/deps.js";
import { WARNING_TEXT_MAX, areaChoices, areaFromCodes, parseTags, templateWarning, warningTitle } from "../../src/core/campaigns/compose.js";
import { isTemplate, TEMPLATES } from "../../src/core/campaigns/templates.js";
import type { ChatState } from "../../src/core/chat-state.js";
import type { OfficerRef } from "../../src/core/officers.js";
import type { BotContext } from "./context.js";
import { showPreview, type ConfirmDeps } from "./campaign-confirm.js";
import { officerOf } from "./inbox-officer.js";

type Draft = NonNullable<ChatState["campaign"]>;

const newDraft = (): Draft => ({ id: randomUUID(), step: "content", wardIds: [], provinceCodes: [], all: false, tags: [], groups: true, residents: true });

/**
 * `/warn` in a private chat, for officers allowed to broadcast: the warning (their own
 * message, album included, or a template from the library), then the area, then the
 * audience (groups, subscribers, tags), then the preview (campaign-confirm.ts).
 */
export function campaignComposeFeature(deps: ConfirmDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const pm = c.chatType("private");

  const broadcaster = async (ctx: BotContext): Promise<OfficerRef | null> => {
    const officer = await officerOf(deps, ctx);
    return officer?.canBroadcast ? officer : null;
  };

  pm.command(["warn", "canhbao"], async (ctx) => {
    if (!(await broadcaster(ctx))) return void (await ctx.reply(ctx.t("campaign-not-allowed")));
    ctx.state.campaign = newDraft();
    const kb = new InlineKeyboard();
    for (const id of TEMPLATES) kb.text(ctx.t(`campaign-tpl-${id}-title`), `cw:tpl:${id}`).row();
    kb.text(ctx.t("btn-campaign-quit"), "cw:quit");
    await ctx.reply(ctx.t("campaign-compose-start"), { reply_markup: kb });
  });

  pm.callbackQuery("cw:quit", async (ctx) => {
    await ctx.answerCallbackQuery();
    delete ctx.state.campaign;
    await ctx.reply(ctx.t("campaign-dropped"));
  });

  const askArea = async (ctx: BotContext, officer: OfficerRef) => {
    ctx.state.campaign!.step = "area";
    const kb = new InlineKeyboard();
    for (const choice of areaChoices(officer)) {
      if (choice === "ward") {
        const ward = await deps.db.ward.findUnique({ where: { id: officer.wardId! }, select: { name: true } });
        kb.text(ctx.t("btn-campaign-area-ward", { ward: ward?.name ?? "" }), "cw:area:ward").row();
      }
      if (choice === "province") kb.text(ctx.t("btn-campaign-area-province"), "cw:area:prov").row();
      if (choice === "all") kb.text(ctx.t("btn-campaign-area-all"), "cw:area:all").row();
      if (choice === "pick") kb.text(ctx.t("btn-campaign-area-pick"), "cw:area:pick").row();
    }
    await ctx.reply(ctx.t("campaign-area-ask"), { reply_markup: kb });
  };

  const askAudience = async (ctx: BotContext) => {
    ctx.state.campaign!.step = "audience";
    await ctx.reply(ctx.t("campaign-audience-ask"), {
      reply_markup: new InlineKeyboard()
        .text(ctx.t("btn-campaign-aud-both"), "cw:aud:both").row()
        .text(ctx.t("btn-campaign-aud-groups"), "cw:aud:groups").text(ctx.t("btn-campaign-aud-residents"), "cw:aud:residents").row()
        .text(ctx.t("btn-campaign-aud-tags"), "cw:aud:tags"),
    });
  };

  pm.callbackQuery(/^cw:tpl:([a-z-]+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const draft = ctx.state.campaign;
    const officer = await broadcaster(ctx);
    const id = ctx.match[1]!;
    if (draft?.step !== "content" || !officer || !isTemplate(id)) return;
    // The template becomes a message in this chat: that message is what recipients get a copy of.
    const { title, text } = templateWarning(deps.i18n, id);
    const sent = await ctx.reply(text);
    Object.assign(draft, { source: { messageIds: [sent.message_id] }, templateKey: id, title, plainText: text });
    await askArea(ctx, officer);
  });

  // The officer's own warning: text with formatting, photo, video, document, or an album
  // (one update per item, sharing a media_group_id; later items join the first).
  pm.on(["message:text", "message:photo", "message:video", "message:document", "message:animation"], async (ctx, next) => {
    const draft = ctx.state.campaign;
    if (!draft || ctx.message.text?.startsWith("/")) return next();
    const group = ctx.message.media_group_id;
    if (draft.source && group && draft.source.mediaGroupId === group && draft.source.messageIds.length < 10) {
      draft.source.messageIds.push(ctx.message.message_id);
      return;
    }
    if (draft.step !== "content") return next();
    const officer = await broadcaster(ctx);
    if (!officer) return next();
    draft.source = { messageIds: [ctx.message.message_id], ...(group ? { mediaGroupId: group } : {}) };
    draft.title = warningTitle(ctx.message.text ?? ctx.message.caption ?? ctx.t("campaign-untitled"));
    const plain = ctx.message.text ?? ctx.message.caption;
    if (plain) draft.plainText = plain.slice(0, WARNING_TEXT_MAX);
    await askArea(ctx, officer);
  });

  pm.callbackQuery(/^cw:area:(ward|prov|all|pick)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const draft = ctx.state.campaign;
    const officer = await broadcaster(ctx);
    if (draft?.step !== "area" || !officer) return;
    const choice = ctx.match[1];
    if (choice === "pick") {
      draft.step = "wards";
      return void (await ctx.reply(ctx.t("campaign-wards-ask")));
    }
    Object.assign(draft, { wardIds: [], provinceCodes: [], all: false });
    if (choice === "ward" && officer.wardId) draft.wardIds = [officer.wardId];
    if (choice === "prov" && officer.provinceCode) draft.provinceCodes = [officer.provinceCode];
    if (choice === "all") draft.all = true;
    await askAudience(ctx);
  });

  // Ward codes (5 digits) and province codes (2 digits), separated by spaces or commas.
  pm.on("message:text", async (ctx, next) => {
    const draft = ctx.state.campaign;
    if (!draft || ctx.message.text.startsWith("/") || (draft.step !== "wards" && draft.step !== "tags")) return next();
    if (draft.step === "tags") {
      draft.tags = parseTags(ctx.message.text);
      Object.assign(draft, { groups: true, residents: false });
      return void (await showPreview(deps, ctx, draft));
    }
    const area = await areaFromCodes(deps.db, ctx.message.text.split(/[\s,;]+/).filter(Boolean));
    if (!area) return void (await ctx.reply(ctx.t("campaign-wards-ask")));
    Object.assign(draft, { wardIds: area.wardIds, provinceCodes: area.provinceCodes, all: false });
    await askAudience(ctx);
  });

  pm.callbackQuery(/^cw:aud:(both|groups|residents|tags)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const draft = ctx.state.campaign;
    if (draft?.step !== "audience") return;
    const choice = ctx.match[1];
    if (choice === "tags") {
      draft.step = "tags";
      return void (await ctx.reply(ctx.t("campaign-tags-ask")));
    }
    Object.assign(draft, { tags: [], groups: choice !== "residents", residents: choice !== "groups" });
    await showPreview(deps, ctx, draft);
  });
  return c;
}
