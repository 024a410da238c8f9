import { Composer, InlineKeyboard } from "grammy";
import type { Deps } from "../../src/deps.js";
import { isCategory } from "../../src/core/categories.js";
import { setResidentWard } from "../../src/core/residents.js";
import { submitReport } from "../../src/core/tips/submit.js";
import { vnTime } from "../../src/telegram/html.js";
import type { BotContext } from "./context.js";
import { residentOf } from "./prepare.js";
import { MAX_REPORT_MEDIA, MAX_REPORT_TEXT, newFlow, nextStep, recordAnswer, type Flow } from "../../src/core/report-flow.js";
import { promptStep } from "./report-steps.js";
import { answerClosedSummary } from "./report-sent.js";
import { removeButtons } from "./remove-buttons.js";
import { recategorizeFeature, withChangeCategory } from "./report-category.js";
import { offerWards } from "./ward-choice.js";
import { wardLabel, wardWithProvince } from "../../src/core/wards/label.js";
import { wardsNear } from "../../src/core/wards/near.js";

export type ReportDeps = Pick<Deps, "db" | "queues" | "identity" | "wards" | "config" | "metrics" | "boundaries">;


/** The guided report: ward, category, what, where, when, media, anonymity, confirm. Every step can be cancelled. */
export function reportFeature(deps: ReportDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const pm = c.chatType("private");
  const wardName = (code: string | undefined) => (code ? deps.wards.getWard(code)?.name ?? null : null);

  const advance = async (ctx: BotContext, flow: Flow) => {
    flow.step = nextStep(flow);
    ctx.state.flow = flow;
    await promptStep(ctx, flow, wardName(flow.wardCode));
  };

  /** Starts a report, prefilled with a draft's text when the resident used the one-tap shortcut. */
  const begin = async (ctx: BotContext, prefill?: { text: string; updateId: number | string }) => {
    const flow = await newFlow(deps.db, residentOf(ctx) ?? { wardId: null }, ctx.update.update_id, prefill);
    const wardCode = flow.wardCode;
    ctx.state.flow = flow;
    delete ctx.state.draft;
    if (prefill && wardCode) return submit(ctx, flow);
    if (flow.step === "category") {
      await ctx.reply(ctx.t("report-ward-remembered", { ward: wardName(wardCode) ?? "" }), {
        reply_markup: new InlineKeyboard().text(ctx.t("btn-change-ward"), "f:change-ward"),
      });
    }
    await promptStep(ctx, flow, wardName(flow.wardCode));
  };

  /** Sends the report as a tip; its tracking code, or undefined when it was not sent (limited, empty). */
  const submit = async (ctx: BotContext, flow: Flow): Promise<string | undefined> => {
    const resident = residentOf(ctx);
    if (!resident || !flow.text) return;
    const r = await submitReport(deps, { residentId: resident.id, channel: "TELEGRAM", sourceKey: `tg-${flow.startedBy}`, flow });
    if (r.kind === "limited") {
      ctx.state.flow = { ...flow, step: "confirm" };
      await ctx.reply(ctx.t("flood-tips", { limit: r.limit }), { reply_markup: new InlineKeyboard().text(ctx.t("btn-send"), "f:send").text(ctx.t("btn-cancel"), "f:cancel") });
      return;
    }
    delete ctx.state.flow;
    // A one-tap tip's category was guessed from its text: say which, and offer to change it.
    const sent = ctx.t("report-sent", { code: r.code, ward: r.wardName ?? ctx.t("summary-triage"), time: vnTime(new Date()) });
    const guessed = flow.quick ? `\n\n${ctx.t("report-sent-guessed", { category: ctx.t(`category-${flow.category ?? "other"}`) })}` : "";
    const kb = new InlineKeyboard().text(ctx.t("btn-status"), `s:${r.code}`);
    await ctx.reply(sent + guessed, { parse_mode: "HTML", reply_markup: flow.quick ? withChangeCategory(kb, ctx, r.code) : kb });
    return r.code;
  };

  c.use(recategorizeFeature(deps));
  pm.command(["report", "baocao"], (ctx) => begin(ctx));
  pm.callbackQuery("f:start", async (ctx) => {
    await ctx.answerCallbackQuery();
    await begin(ctx);
  });
  pm.callbackQuery("d:send", async (ctx) => {
    await ctx.answerCallbackQuery();
    const draft = ctx.state.draft;
    if (!draft) return ctx.reply(ctx.t("draft-expired"));
    await begin(ctx, draft);
  });

  const cancel = async (ctx: BotContext) => {
    const had = Boolean(ctx.state.flow || ctx.state.draft || ctx.state.choosingWard || ctx.state.replyingTo);
    delete ctx.state.flow;
    delete ctx.state.draft;
    delete ctx.state.choosingWard;
    delete ctx.state.wardSearch;
    delete ctx.state.replyingTo;
    await ctx.reply(ctx.t(had ? "cancelled" : "nothing-to-cancel"), { reply_markup: { remove_keyboard: true } });
  };
  pm.command(["cancel", "huy"], cancel);
  pm.callbackQuery("f:cancel", async (ctx) => {
    await ctx.answerCallbackQuery();
    await cancel(ctx);
  });

  // Choosing a ward: inside the flow, or on its own (/ward, deep links).
  pm.callbackQuery(/^w:(\d{5})$/, async (ctx) => {
    const code = ctx.match[1]!;
    const ward = deps.wards.getWard(code);
    const resident = residentOf(ctx);
    if (!ward || !resident) return void (await ctx.answerCallbackQuery());
    // Say what the tap did, and take the list's buttons off: a list is used once.
    await ctx.answerCallbackQuery({ text: ctx.t("ward-chosen", { ward: ward.name }) });
    await removeButtons(ctx);
    await setResidentWard(deps.db, resident.id, code);
    const flow = ctx.state.flow;
    delete ctx.state.choosingWard;
    delete ctx.state.wardSearch;
    const label = wardWithProvince(deps.wards, ward);
    await ctx.reply(ctx.t("ward-set", { ward: label }), { reply_markup: { remove_keyboard: true } });
    if (flow && (flow.step === "ward" || flow.step === "ward-pick")) {
      flow.wardCode = code;
      // The one-tap shortcut only waited for a ward.
      if (flow.quick) return submit(ctx, flow);
      await advance(ctx, flow);
    }
  });
  pm.callbackQuery("f:change-ward", async (ctx) => {
    await ctx.answerCallbackQuery();
    const flow = ctx.state.flow;
    if (!flow) return;
    flow.step = "ward";
    ctx.state.flow = flow;
    await promptStep(ctx, flow, null);
  });

  pm.callbackQuery(/^f:cat:(\w+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const flow = ctx.state.flow;
    if (!flow || flow.step !== "category" || !isCategory(ctx.match[1]!)) return;
    flow.category = ctx.match[1]!;
    await advance(ctx, flow);
  });
  pm.callbackQuery("f:skip", async (ctx) => {
    await ctx.answerCallbackQuery();
    const flow = ctx.state.flow;
    if (flow?.step === "where") await advance(ctx, flow);
  });
  pm.callbackQuery(/^f:when:(now|today|earlier)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const flow = ctx.state.flow;
    if (flow?.step !== "when") return;
    const now = vnTime(new Date());
    flow.when = ctx.match[1] === "now" ? ctx.t("when-now-at", { time: now }) : ctx.t(`when-${ctx.match[1]}`);
    await advance(ctx, flow);
  });
  pm.callbackQuery("f:media-done", async (ctx) => {
    await ctx.answerCallbackQuery();
    const flow = ctx.state.flow;
    if (flow?.step === "media") await advance(ctx, flow);
  });
  pm.callbackQuery(/^f:anon:([01])$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const flow = ctx.state.flow;
    if (flow?.step !== "anonymous") return;
    flow.anonymous = ctx.match[1] === "1";
    await advance(ctx, flow);
  });
  pm.callbackQuery("f:send", async (ctx) => {
    const flow = ctx.state.flow;
    if (flow?.step !== "confirm") return answerClosedSummary(ctx);
    await ctx.answerCallbackQuery();
    const code = await submit(ctx, flow);
    const messageId = ctx.callbackQuery.message?.message_id;
    if (code && messageId) ctx.state.sentSummary = { messageId, code };
    // Sent (not held back by the hourly limit): the summary's buttons have done their work.
    if (!ctx.state.flow) await removeButtons(ctx);
  });

  pm.on("message:location", async (ctx, next) => {
    const flow = ctx.state.flow;
    if (!flow) return next();
    const { latitude: lat, longitude: lng } = ctx.message.location;
    flow.lat = lat;
    flow.lng = lng;
    ctx.state.flow = flow;
    if (flow.step === "ward" || flow.step === "ward-pick") {
      const located = deps.boundaries.locate(lat, lng);
      if (located && deps.wards.getWard(located)) {
        const w = deps.wards.getWard(located)!;
        const kb = new InlineKeyboard().text(ctx.t("btn-yes-this-ward"), `w:${located}`).row().text(ctx.t("btn-other-ward"), "f:change-ward");
        return void (await ctx.reply(ctx.t("ward-located", { ward: wardWithProvince(deps.wards, w) }), { reply_markup: kb }));
      }
      const near = await wardsNear(deps.db, lat, lng);
      if (near.length) {
        const kb = new InlineKeyboard();
        for (const code of near) {
          const w = deps.wards.getWard(code);
          if (w) kb.text(wardLabel(ctx.t, { wardName: w.name, provinceName: deps.wards.getProvince(w.provinceCode)?.name ?? "", via: "name" }), `w:${code}`).row();
        }
        return void (await ctx.reply(ctx.t("ward-near"), { reply_markup: kb.text(ctx.t("btn-cancel"), "f:cancel") }));
      }
      return void (await ctx.reply(ctx.t("ward-location-unknown")));
    }
    if (flow.step === "where") return advance(ctx, flow);
    await ctx.reply(ctx.t("report-location-kept"));
  });

  pm.on(["message:photo", "message:video", "message:voice", "message:document", "message:audio", "message:video_note"], async (ctx, next) => {
    const flow = ctx.state.flow;
    if (!flow) return next();
    if (flow.step === "ward" || flow.step === "ward-pick" || flow.step === "category") {
      return void (await ctx.reply(ctx.t("report-media-later")));
    }
    const m = ctx.message;
    const item = m.photo
      ? { kind: "photo", fileRef: m.photo.at(-1)!.file_id, mime: "image/jpeg", size: m.photo.at(-1)!.file_size }
      : m.video ? { kind: "video", fileRef: m.video.file_id, mime: m.video.mime_type, size: m.video.file_size }
      : m.voice ? { kind: "voice", fileRef: m.voice.file_id, mime: m.voice.mime_type, size: m.voice.file_size }
      : m.audio ? { kind: "audio", fileRef: m.audio.file_id, mime: m.audio.mime_type, size: m.audio.file_size }
      : m.video_note ? { kind: "video", fileRef: m.video_note.file_id, mime: "video/mp4", size: m.video_note.file_size }
      : { kind: "document", fileRef: m.document!.file_id, mime: m.document!.mime_type, size: m.document!.file_size };
    if (flow.media.length >= MAX_REPORT_MEDIA) return void (await ctx.reply(ctx.t("report-media-full", { max: MAX_REPORT_MEDIA })));
    flow.media.push(Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined)) as Flow["media"][number]);
    if (m.caption && flow.step === "what") flow.text = m.caption.slice(0, MAX_REPORT_TEXT);
    ctx.state.flow = flow;
    if (flow.step === "what" && flow.text) return advance(ctx, flow);
    if (flow.step === "media") {
      await ctx.reply(ctx.t("report-media-added", { count: flow.media.length }), { reply_markup: new InlineKeyboard().text(ctx.t("btn-media-done"), "f:media-done") });
    } else {
      await ctx.reply(ctx.t("report-media-added", { count: flow.media.length }));
    }
  });

  pm.on("message:text", async (ctx, next) => {
    const flow = ctx.state.flow;
    const text = ctx.message.text.trim();
    if (!flow || text.startsWith("/")) return next();
    switch (flow.step) {
      case "ward":
      case "ward-pick":
        flow.step = "ward-pick";
        ctx.state.flow = flow;
        await offerWards(ctx, deps, text);
        return;
      case "category":
        recordAnswer(flow, text);
        ctx.state.flow = flow;
        return void (await ctx.reply(ctx.t("report-pick-category-first")));
      case "what":
        if (recordAnswer(flow, text).clipped) await ctx.reply(ctx.t("report-text-clipped", { max: MAX_REPORT_TEXT }));
        return advance(ctx, flow);
      case "media":
        recordAnswer(flow, text);
        ctx.state.flow = flow;
        return void (await ctx.reply(ctx.t("report-text-added"), { reply_markup: new InlineKeyboard().text(ctx.t("btn-media-done"), "f:media-done") }));
      case "where":
      case "when":
      case "identity":
        recordAnswer(flow, text);
        return advance(ctx, flow);
      case "anonymous":
      case "confirm":
        return void (await ctx.reply(ctx.t("report-use-buttons")));
    }
  });

  return c;
}

