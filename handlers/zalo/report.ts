import { CATEGORIES, isCategory } from "../../src/core/categories.js";
import { MAX_REPORT_MEDIA, MAX_REPORT_TEXT, newFlow, nextStep, recordAnswer, reportSummary, type Flow } from "../../src/core/report-flow.js";
import { recategorizeByTipster } from "../../src/core/tips/recategorize.js";
import { submitReport } from "../../src/core/tips/submit.js";
import type { Deps } from "../../src/deps.js";
import { vnTime } from "../../src/telegram/html.js";
import type { ZaloInbound } from "../../src/zalo/inbound.js";
import { fold, numbered, sourceKey, typedNumber, type ZaloContext, type ZaloFeature } from "./context.js";
import { chooseWard, narrowWards, offerWardsByName, offerWardsNear, type ZaloWardDeps } from "./ward.js";

export type ZaloReportDeps = ZaloWardDeps & Pick<Deps, "queues" | "identity" | "config" | "metrics">;

const WHEN = ["now", "today", "earlier"] as const;
const SKIP = new Set(["0", "boqua", "bo qua", "skip", "xong", "done", "tiep", "tieptuc"]);


/** A file the resident sent, kept by its Zalo URL; the inbox gets a cleaned copy. */
function mediaOf(msg: ZaloInbound): Flow["media"][number] | null {
  if (!msg.url) return null;
  const kind = msg.kind === "image" ? "photo" : msg.kind === "audio" ? "voice" : msg.kind === "video" ? "video" : msg.kind === "file" ? "document" : null;
  if (!kind) return null;
  return { kind, fileRef: msg.url, ...(kind === "photo" ? { mime: "image/jpeg" } : {}), ...(msg.size ? { size: msg.size } : {}) };
}

/** The guided report over plain text: every choice is a typed number, every step can be cancelled ("huy"). */
export function createZaloReport(deps: ZaloReportDeps) {
  const wardName = (code: string | undefined) => (code ? deps.wards.getWard(code)?.name ?? null : null);

  const prompt = (ctx: ZaloContext, flow: Flow) => {
    delete ctx.state.pick;
    switch (flow.step) {
      case "ward":
      case "ward-pick":
        return ctx.reply(ctx.t("zalo-ward-ask"));
      case "category":
        ctx.state.pick = { kind: "category", options: [...CATEGORIES] };
        return ctx.reply(`${ctx.t("zalo-category-ask", { ward: wardName(flow.wardCode) ?? ctx.t("summary-triage") })}\n${numbered(CATEGORIES.map((c) => ctx.t(`category-${c}`)))}`);
      case "what":
        return ctx.reply(ctx.t("report-ask-what"));
      case "where":
        return ctx.reply(ctx.t("zalo-where-ask"));
      case "when":
        ctx.state.pick = { kind: "when", options: [...WHEN] };
        return ctx.reply(`${ctx.t("zalo-when-ask")}\n${numbered(WHEN.map((w) => ctx.t(`when-${w}`)))}`);
      case "media":
        return ctx.reply(ctx.t("zalo-media-ask"));
      case "anonymous":
        ctx.state.pick = { kind: "anonymous", options: ["1", "0"] };
        return ctx.reply(`${ctx.t("report-ask-anonymous")}\n${ctx.t("zalo-anonymous-ask")}`);
      case "identity":
        return ctx.reply(ctx.t("report-ask-identity"));
      case "confirm":
        ctx.state.pick = { kind: "confirm", options: ["send", "cancel", "category"] };
        return ctx.reply(`${reportSummary(ctx.t, flow, wardName(flow.wardCode))}\n\n${ctx.t("zalo-confirm-ask")}\n${ctx.t("zalo-confirm-change-category")}`);
    }
  };

  const advance = (ctx: ZaloContext, flow: Flow) => {
    flow.step = nextStep(flow);
    ctx.state.flow = flow;
    prompt(ctx, flow);
  };

  const submit = async (ctx: ZaloContext, flow: Flow) => {
    if (!flow.text) return advance(ctx, { ...flow, step: "category" });
    const r = await submitReport(deps, { residentId: ctx.resident.id, channel: ctx.channel, sourceKey: sourceKey(ctx, flow.startedBy), flow });
    if (r.kind === "limited") {
      ctx.state.flow = { ...flow, step: "confirm" };
      ctx.state.pick = { kind: "confirm", options: ["send", "cancel"] };
      return ctx.reply(ctx.t("zalo-flood-tips", { limit: r.limit }));
    }
    delete ctx.state.flow;
    delete ctx.state.pick;
    ctx.reply(ctx.t("zalo-report-sent", { code: r.code, ward: r.wardName ?? ctx.t("summary-triage"), time: vnTime(new Date()) }));
    if (flow.quick) {
      // The category was guessed from the text: say which, and let a typed number change it.
      ctx.state.pick = { kind: "category", options: CATEGORIES.map((c) => `${r.code}:${c}`) };
      ctx.reply(`\n${ctx.t("zalo-report-sent-guessed", { category: ctx.t(`category-${flow.category ?? "other"}`) })}\n${numbered(CATEGORIES.map((c) => ctx.t(`category-${c}`)))}`);
    }
  };

  /** A number typed after a one-tap tip was sent: its new category (the choice is "<code>:<category>"). */
  const recategorize = async (ctx: ZaloContext, choice: string) => {
    const [code, category] = choice.split(":") as [string, string];
    if (!isCategory(category)) return;
    const r = await recategorizeByTipster(deps, { residentId: ctx.resident.id, code, category });
    if (!r.ok) return ctx.reply(ctx.t(r.reason === "closed" ? "report-category-closed" : "report-category-not-found", { code }));
    ctx.reply(ctx.t(r.changed ? "report-category-changed" : "report-category-unchanged", { code, category: ctx.t(`category-${category}`) }));
  };

  /** Starts a report; with `prefill` (the one-tap "send this as a tip") it is sent as soon as a ward is known. */
  const begin = async (ctx: ZaloContext, prefill?: { text: string; updateId: string | number }) => {
    const flow = await newFlow(deps.db, ctx.resident, ctx.msg.key, prefill);
    delete ctx.state.draft;
    ctx.state.flow = flow;
    if (prefill && flow.wardCode) return submit(ctx, flow);
    prompt(ctx, flow);
  };

  const wardChosen = async (ctx: ZaloContext, flow: Flow, code: string) => {
    await chooseWard(deps, ctx, code);
    flow.wardCode = code;
    if (flow.quick && flow.text) return submit(ctx, flow);
    advance(ctx, flow);
  };

  /** A typed number answering the flow's current numbered choice. */
  const onNumber = async (ctx: ZaloContext, flow: Flow, n: number): Promise<boolean> => {
    const pick = ctx.state.pick;
    if (!pick || n < 1 || n > pick.options.length) return false;
    const choice = pick.options[n - 1]!;
    switch (pick.kind) {
      case "ward":
        await wardChosen(ctx, flow, choice);
        return true;
      case "ward-province":
      case "ward-district":
        narrowWards(deps, ctx, pick.kind, choice);
        return true;
      case "category":
        if (flow.step !== "category" && flow.step !== "confirm") return false;
        flow.category = choice;
        // Changed from the summary: back to the summary; chosen at its own step: on to the next.
        if (flow.step === "confirm") prompt(ctx, flow);
        else advance(ctx, flow);
        return true;
      case "when":
        if (flow.step !== "when") return false;
        flow.when = choice === "now" ? ctx.t("when-now-at", { time: vnTime(new Date()) }) : ctx.t(`when-${choice}`);
        advance(ctx, flow);
        return true;
      case "anonymous":
        if (flow.step !== "anonymous") return false;
        flow.anonymous = choice === "1";
        advance(ctx, flow);
        return true;
      case "confirm":
        if (flow.step !== "confirm") return false;
        if (choice === "category") {
          ctx.state.pick = { kind: "category", options: [...CATEGORIES] };
          ctx.reply(`${ctx.t("zalo-category-change-ask")}\n${numbered(CATEGORIES.map((c) => ctx.t(`category-${c}`)))}`);
        } else if (choice === "send") await submit(ctx, flow);
        else {
          delete ctx.state.flow;
          delete ctx.state.pick;
          ctx.reply(ctx.t("zalo-cancelled"));
        }
        return true;
      default:
        return false;
    }
  };

  const onText = async (ctx: ZaloContext, flow: Flow, text: string) => {
    const n = typedNumber(text);
    if (n !== null && (await onNumber(ctx, flow, n))) return;
    switch (flow.step) {
      case "ward":
      case "ward-pick":
        flow.step = "ward-pick";
        ctx.state.flow = flow;
        offerWardsByName(deps, ctx, text);
        return;
      case "category":
        recordAnswer(flow, text);
        ctx.state.flow = flow;
        return ctx.reply(ctx.t("zalo-pick-number", { max: CATEGORIES.length }));
      case "what":
        if (recordAnswer(flow, text).clipped) ctx.reply(ctx.t("report-text-clipped", { max: MAX_REPORT_TEXT }));
        return advance(ctx, flow);
      case "media":
        if (SKIP.has(fold(text))) return advance(ctx, flow);
        recordAnswer(flow, text);
        ctx.state.flow = flow;
        return ctx.reply(`${ctx.t("report-text-added")} ${ctx.t("zalo-media-ask")}`);
      case "where":
        if (!SKIP.has(fold(text))) recordAnswer(flow, text);
        return advance(ctx, flow);
      case "when":
      case "identity":
        recordAnswer(flow, text);
        return advance(ctx, flow);
      case "anonymous":
        return ctx.reply(ctx.t("zalo-pick-number", { max: 2 }));
      case "confirm":
        return ctx.reply(ctx.t("zalo-confirm-ask"));
    }
  };

  const onLocation = async (ctx: ZaloContext, flow: Flow, lat: number, lng: number) => {
    flow.lat = lat;
    flow.lng = lng;
    ctx.state.flow = flow;
    if (flow.step === "ward" || flow.step === "ward-pick") {
      const code = await offerWardsNear(deps, ctx, lat, lng);
      if (code) await wardChosen(ctx, flow, code);
      return;
    }
    if (flow.step === "where") return advance(ctx, flow);
    ctx.reply(ctx.t("zalo-location-kept"));
  };

  const onMedia = (ctx: ZaloContext, flow: Flow, item: Flow["media"][number]) => {
    if (flow.media.length >= MAX_REPORT_MEDIA) return ctx.reply(ctx.t("report-media-full", { max: MAX_REPORT_MEDIA }));
    flow.media.push(item);
    ctx.state.flow = flow;
    if (flow.step === "media") return ctx.reply(ctx.t("zalo-media-added", { count: flow.media.length }));
    ctx.reply(ctx.t("report-media-added", { count: flow.media.length }));
  };

  /** Messages while a report is in progress. */
  const inFlow: ZaloFeature = async (ctx) => {
    const flow = ctx.state.flow;
    if (!flow) return false;
    const { msg } = ctx;
    if (msg.kind === "text" && msg.text) await onText(ctx, flow, msg.text.trim());
    else if (msg.kind === "location" && msg.lat !== undefined && msg.lng !== undefined) await onLocation(ctx, flow, msg.lat, msg.lng);
    else {
      const item = mediaOf(msg);
      if (!item) return false;
      onMedia(ctx, flow, item);
    }
    return true;
  };

  return { begin, inFlow, mediaOf, recategorize };
}
