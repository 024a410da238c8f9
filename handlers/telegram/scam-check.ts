import { Composer, InlineKeyboard } from "grammy";
import type { Deps } from "../../src/deps.js";
import { extractIndicators, indicatorKey, type Indicator } from "../../src/core/scam/extract.js";
import { lookupIndicators } from "../../src/core/scam/store.js";
import { judge, type Verdict } from "../../src/core/scam/verdict.js";
import { createTip } from "../../src/core/tips/create.js";
import { routeTipJob } from "../../src/jobs/route-tip.js";
import { enqueue, jobId } from "../../src/queue/job.js";
import type { BotContext } from "./context.js";
import { residentOf } from "./prepare.js";

export type ScamCheckDeps = Pick<Deps, "db" | "queues" | "identity" | "config" | "metrics">;

/** Letters left once the indicators are taken out: below this, the message is a question about them. */
const MAX_QUESTION_LETTERS = 40;

/** A message that is little more than a number or a link ("0912 345 678 có phải lừa đảo không?"). */
export function isMostlyIndicators(text: string, indicators: Indicator[]): boolean {
  if (indicators.length === 0) return false;
  let rest = text.normalize("NFC"); // `raw` is a slice of the NFC form
  for (const i of indicators) rest = rest.split(i.raw).join(" ");
  return (rest.match(/\p{L}/gu)?.length ?? 0) <= MAX_QUESTION_LETTERS;
}

/** The answer, in the resident's language: the worst finding first. */
function answerText(ctx: BotContext, v: Verdict): string {
  if (v.level === "none") return ctx.t("check-nothing-found");
  const lines: string[] = [];
  for (const c of v.confirmed) {
    lines.push(ctx.t("check-confirmed", { indicator: c.shown, tactic: ctx.t(`tactic-${c.tactic ?? "other"}`) }));
    lines.push(ctx.t(`tactic-${c.tactic ?? "other"}-advice`));
  }
  if (v.confirmed.length) lines.push(ctx.t("check-confirmed-do"));
  for (const r of v.reported) lines.push(ctx.t("check-reported", { indicator: r.shown, count: r.count, since: r.since.toISOString().slice(0, 10) }));
  for (const l of v.lookalikes) lines.push(ctx.t("check-lookalike", { indicator: l.shown, brand: l.of }));
  if (v.unknown.length && v.level === "unknown") lines.push(ctx.t("check-unknown", { indicators: v.unknown.join(", ") }));
  if (v.level !== "confirmed") lines.push("", ctx.t("check-signs"));
  return lines.join("\n");
}

/**
 * "Is this a scam?": /check, a forwarded message, or a message that is just a number or a
 * link. The answer comes from one indexed lookup; the question is then recorded as an
 * anonymous tip to the resident's ward, so repeated questions raise the indicator's priority.
 */
export function scamCheckFeature(deps: ScamCheckDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const pm = c.chatType("private");

  const check = async (ctx: BotContext, text: string) => {
    delete ctx.state.checking;
    const resident = residentOf(ctx);
    const indicators = extractIndicators(text);
    const known = await lookupIndicators(deps.db, indicators.map(indicatorKey), resident?.id ?? null);
    const verdict = judge(indicators, known);
    deps.metrics.inc("wardline_scam_checks_total", { verdict: verdict.level });
    const lines = [answerText(ctx, verdict)];
    if (resident) {
      const ward = resident.wardId ? await deps.db.ward.findUnique({ where: { id: resident.wardId }, select: { code: true } }) : null;
      const tip = await createTip(deps.db, deps.identity, {
        sourceKey: `tg-${ctx.update.update_id}`,
        channel: "TELEGRAM",
        residentId: resident.id,
        wardCode: ward?.code ?? null,
        provinceCode: ward ? null : deps.config.routing.triageProvinceCode ?? null,
        category: "scam",
        text: text.slice(0, 4000),
        media: [],
        anonymous: true,
        origin: "check",
      });
      await enqueue(deps.queues, routeTipJob, { tipId: tip.id }, jobId("route", tip.id));
      lines.push("", ctx.t("check-recorded", { code: tip.code }));
    }
    await ctx.reply(lines.join("\n"), {
      link_preview_options: { is_disabled: true },
      reply_markup: new InlineKeyboard().text(ctx.t("btn-guided-report"), "f:start"),
    });
  };

  pm.command(["check", "kiemtra"], async (ctx) => {
    const text = ctx.match.trim();
    if (text) return check(ctx, text);
    ctx.state.checking = true;
    await ctx.reply(ctx.t("check-prompt"));
  });

  pm.on(["message:text", "message:caption"], async (ctx, next) => {
    const text = (ctx.message.text ?? ctx.message.caption ?? "").trim();
    if (!text || text.startsWith("/") || ctx.state.flow || ctx.state.replyingTo || ctx.state.choosingWard) return next();
    if (ctx.state.checking || ctx.message.forward_origin) return check(ctx, text);
    if (isMostlyIndicators(text, extractIndicators(text))) return check(ctx, text);
    return next();
  });
  return c;
}
