import { isMostlyIndicators, scamAnswer } from "../../src/core/scam/answer.js";
import { extractIndicators } from "../../src/core/scam/extract.js";
import { askScamQuestion } from "../../src/core/scam/question.js";
import { normalizeTrackingCode } from "../../src/core/tracking-code.js";
import type { Deps } from "../../src/deps.js";
import { answerQuestion, openQuestion } from "./answer.js";
import { fold, sourceKey, typedNumber, type ZaloContext, type ZaloFeature } from "./context.js";
import { MENU_OPTIONS, menuFeature, showMenu } from "./menu.js";
import { createZaloReport } from "./report.js";
import { setTipNotices } from "../../src/core/tip-notices.js";
import { showMyTips, showStatus, subscribeResident, unsubscribeResident } from "./status.js";
import { chooseWard, narrowWards, offerWardsByName, offerWardsNear } from "./ward.js";

export type ZaloConversationDeps = Pick<Deps, "db" | "queues" | "identity" | "config" | "metrics" | "wards" | "boundaries">;

const MENU = { kind: "menu" as const, options: [...MENU_OPTIONS] };
const CODE = /^#?([3-9A-HJKMNPQRTWXY]{4}-?[3-9A-HJKMNPQRTWXY]{4})$/i;

/**
 * The resident's side of the hotline on Zalo, in order: words that work anywhere (menu,
 * cancel, language), commands, the numbered choice just offered, the report in progress,
 * then what free text most likely means (a code, an answer, a number to check, a new tip).
 */
export function createZaloConversation(deps: ZaloConversationDeps): (ctx: ZaloContext) => Promise<void> {
  const report = createZaloReport(deps);

  const check = async (ctx: ZaloContext, text: string) => {
    delete ctx.state.checking;
    const { verdict, code } = await askScamQuestion(deps, { resident: ctx.resident, channel: ctx.channel, sourceKey: sourceKey(ctx), text });
    ctx.reply(`${scamAnswer(ctx.t, verdict)}\n\n${ctx.t("check-recorded", { code })}`);
  };

  const askWard = (ctx: ZaloContext) => {
    ctx.state.choosingWard = {};
    delete ctx.state.pick;
    ctx.reply(ctx.t("zalo-ward-ask"));
  };

  const actions: Record<string, (ctx: ZaloContext) => Promise<void> | void> = {
    report: (ctx) => report.begin(ctx),
    mytips: (ctx) => showMyTips(deps, ctx),
    ward: askWard,
    subscribe: (ctx) => subscribeResident(deps, ctx),
    check: (ctx) => {
      ctx.state.checking = true;
      ctx.reply(ctx.t("zalo-check-prompt"));
    },
  };

  const commands: ZaloFeature = async (ctx) => {
    if (ctx.msg.kind !== "text") return false;
    switch (ctx.word) {
      case "baocao": case "report": case "baotin":
        delete ctx.state.flow;
        await report.begin(ctx);
        return true;
      case "trangthai": case "status": case "tinhtrang":
        await showStatus(deps, ctx, ctx.rest);
        return true;
      case "cuatoi": case "mytips": case "tincuatoi":
        await showMyTips(deps, ctx);
        return true;
      case "phuong": case "xa": case "ward":
        if (ctx.rest) offerWardsByName(deps, ctx, ctx.rest);
        else askWard(ctx);
        return true;
      case "dangky": case "subscribe":
        await subscribeResident(deps, ctx);
        return true;
      case "huydangky": case "unsubscribe":
        await unsubscribeResident(deps, ctx);
        return true;
      case "tatthongbao": case "notify_off": case "batthongbao": case "notify_on":
      case "tat": case "bat": {
        // "tắt thông báo" / "bật thông báo", typed as one word or two.
        const on = ctx.word.startsWith("bat") || ctx.word === "notify_on";
        if ((ctx.word === "tat" || ctx.word === "bat") && fold(ctx.rest) !== "thong bao") return false;
        await setTipNotices(deps.db, ctx.resident.id, on);
        ctx.reply(ctx.t(on ? "notify-on-done" : "notify-off-done-zalo"));
        return true;
      }
      case "kiemtra": case "check":
        if (ctx.rest) await check(ctx, ctx.rest);
        else await actions.check!(ctx);
        return true;
      case "traloi": case "tl": case "answer": {
        const [first, ...words] = ctx.rest.split(/\s+/);
        const code = normalizeTrackingCode(first ?? "");
        if (!code || words.length === 0) return false;
        await answerQuestion(deps, ctx, code, words.join(" "));
        return true;
      }
      default:
        return false;
    }
  };

  /** A number answering the menu, a ward list outside a report, or the "send this as a tip?" offer. */
  const picks: ZaloFeature = async (ctx) => {
    const n = typedNumber(ctx.msg.text);
    // With nothing else on offer, a bare number is a choice from the menu (residents remember "1 = report").
    const idle = !ctx.state.flow && !ctx.state.choosingWard && !ctx.state.checking;
    const pick = ctx.state.pick ?? (idle ? MENU : undefined);
    if (n === null || !pick || ctx.state.flow || n < 1 || n > pick.options.length) return false;
    const choice = pick.options[n - 1]!;
    delete ctx.state.pick;
    if (pick.kind === "menu") await actions[choice]?.(ctx);
    else if (pick.kind === "ward") await chooseWard(deps, ctx, choice);
    else if (pick.kind === "ward-province" || pick.kind === "ward-district") narrowWards(deps, ctx, pick.kind, choice);
    else if (pick.kind === "draft") {
      const draft = ctx.state.draft;
      delete ctx.state.draft;
      if (!draft || choice === "drop") ctx.reply(ctx.t("draft-dropped"));
      else if (choice === "send") await report.begin(ctx, draft);
      else await report.begin(ctx);
    } else if (pick.kind === "category") await report.recategorize(ctx, choice);
    else return false;
    return true;
  };

  const freeText: ZaloFeature = async (ctx) => {
    const { msg } = ctx;
    if (msg.kind === "location" && msg.lat !== undefined && msg.lng !== undefined && ctx.state.choosingWard) {
      const code = await offerWardsNear(deps, ctx, msg.lat, msg.lng);
      if (code) await chooseWard(deps, ctx, code);
      return true;
    }
    if (msg.kind !== "text" || !msg.text) return false;
    const text = msg.text.trim();
    if (ctx.state.choosingWard) {
      offerWardsByName(deps, ctx, text);
      return true;
    }
    if (ctx.state.checking) {
      await check(ctx, text);
      return true;
    }
    if (CODE.test(text)) {
      await showStatus(deps, ctx, text);
      return true;
    }
    const question = await openQuestion(deps.db, ctx.resident.id);
    if (question) {
      await answerQuestion(deps, ctx, question, text);
      return true;
    }
    if (isMostlyIndicators(text, extractIndicators(text))) {
      await check(ctx, text);
      return true;
    }
    ctx.state.draft = { text: text.slice(0, 4000), updateId: msg.key };
    ctx.state.pick = { kind: "draft", options: ["send", "guided", "drop"] };
    ctx.reply(ctx.t("zalo-draft-offer"));
    return true;
  };

  /** A photo or file outside a report starts one, with the file attached. */
  const mediaStartsReport: ZaloFeature = async (ctx) => {
    const item = report.mediaOf(ctx.msg);
    if (!item) return false;
    await report.begin(ctx);
    ctx.state.flow?.media.push(item);
    return true;
  };

  const features: ZaloFeature[] = [menuFeature(deps), commands, picks, report.inFlow, freeText, mediaStartsReport];
  return async (ctx) => {
    for (const f of features) if (await f(ctx)) return;
    if (ctx.msg.kind === "sticker" || ctx.msg.kind === "other" || ctx.msg.kind === "text") {
      ctx.reply(ctx.t("zalo-unsupported"));
      showMenu(ctx);
    }
  };
}
