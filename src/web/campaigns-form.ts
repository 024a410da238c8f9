import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { areaChoices, areaFromCodes, checkTarget, parseTags, templateWarning, warningTitle, WARNING_TEXT_MAX, type AreaChoice } from "../core/campaigns/compose.js";
import { parseTarget, type Target } from "../core/campaigns/target.js";
import { isTemplate, TEMPLATES } from "../core/campaigns/templates.js";
import type { WardOption } from "../core/dashboard/scope.js";
import type { OfficerRef } from "../core/officers.js";
import type { T, WebDeps } from "./context.js";
import { html, type Html } from "./html.js";
import { csrfField } from "./layout.js";

const many = z.union([z.string().max(10), z.array(z.string().max(10)).max(500)]).optional();

/** The compose form as sent (unknown fields, like the CSRF token and nonce, are dropped). */
export const formSchema = z.object({
  template: z.string().max(40).default(""),
  text: z.string().max(WARNING_TEXT_MAX * 2).default(""),
  area: z.enum(["ward", "province", "all", "pick"]).optional(),
  codes: z.string().max(2_000).default(""),
  ward: many.transform((v) => (v === undefined ? [] : typeof v === "string" ? [v] : v)),
  audience: z.enum(["both", "groups", "residents", "tags"]).default("both"),
  tags: z.string().max(1_000).default(""),
  at: z.string().max(20).default(""),
});
export type FormValues = z.infer<typeof formSchema>;
export const emptyForm = (): FormValues => formSchema.parse({});

export type Draft = { title: string; text: string; templateKey: string | null; target: Target; scheduledAt: Date | null };
export type DraftError = "text" | "area" | "tags" | "at" | "empty" | "not-allowed";

/** "YYYY-MM-DDTHH:MM" from a datetime-local field, read as Vietnam time (UTC+7). */
function parseAt(at: string, now: Date): Date | null | "bad" {
  if (at === "") return null;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(at)) return "bad";
  const d = new Date(`${at}:00+07:00`);
  if (Number.isNaN(d.getTime()) || d.getTime() <= now.getTime() || d.getTime() > now.getTime() + 366 * 86_400_000) return "bad";
  return d;
}

/**
 * Turns the form into a campaign draft with the chat's rules: a template or the officer's own
 * text (at most Telegram's 4096 characters), one of the areas the chat would offer this
 * officer, groups / subscribers / tagged groups, and a target the officer may send to.
 */
export async function draftFrom(deps: Pick<WebDeps, "db" | "i18n">, officer: OfficerRef, v: FormValues, now = new Date()): Promise<{ ok: true; draft: Draft } | { ok: false; error: DraftError }> {
  if (!officer.canBroadcast) return { ok: false, error: "not-allowed" };
  let content: { title: string; text: string; templateKey: string | null };
  if (v.template !== "") {
    if (!isTemplate(v.template)) return { ok: false, error: "text" };
    content = { ...templateWarning(deps.i18n, v.template), templateKey: v.template };
  } else {
    const text = v.text.replace(/\r\n?/g, "\n").trim();
    if (!text || text.length > WARNING_TEXT_MAX) return { ok: false, error: "text" };
    content = { title: warningTitle(text), text, templateKey: null };
  }

  if (!v.area) return { ok: false, error: "area" };
  if (!areaChoices(officer).includes(v.area)) return { ok: false, error: "not-allowed" };
  let area: Pick<Target, "all" | "wardIds" | "provinceCodes"> = { all: false, wardIds: [], provinceCodes: [] };
  if (v.area === "ward") area.wardIds = [officer.wardId!];
  if (v.area === "province") area.provinceCodes = [officer.provinceCode!];
  if (v.area === "all") area.all = true;
  if (v.area === "pick") {
    const picked = await areaFromCodes(deps.db, [...v.codes.split(/[\s,;]+/).filter(Boolean), ...v.ward]);
    if (!picked) return { ok: false, error: "area" };
    area = { ...area, ...picked };
  }

  const tags = v.audience === "tags" ? parseTags(v.tags) : [];
  if (v.audience === "tags" && !tags.length) return { ok: false, error: "tags" };
  const scheduledAt = parseAt(v.at, now);
  if (scheduledAt === "bad") return { ok: false, error: "at" };

  const target = parseTarget({ ...area, tags, groups: v.audience !== "residents", residents: v.audience === "both" || v.audience === "residents" });
  const check = await checkTarget(deps.db, officer, target);
  if (!check.ok) return { ok: false, error: check.reason };
  return { ok: true, draft: { ...content, target, scheduledAt } };
}

/** The notice for a draft that cannot be sent (not-allowed is answered with a 403 page instead). */
export function draftErrorText(t: T, e: Exclude<DraftError, "not-allowed">): string {
  const texts = {
    text: () => t("webcampaign-error-text", { max: WARNING_TEXT_MAX }),
    area: () => t("webcampaign-error-area"),
    tags: () => t("webcampaign-error-tags"),
    at: () => t("webcampaign-error-at"),
    empty: () => t("webcampaign-error-empty"),
  };
  return texts[e]();
}

/** The form's values as hidden fields, to carry a previewed draft to the confirmation. */
export function hiddenFields(v: FormValues): Html {
  const one = (name: string, value: string) => html`<input type="hidden" name="${name}" value="${value}">`;
  return html`${one("template", v.template)}${one("text", v.text)}${v.area ? one("area", v.area) : ""}${one("codes", v.codes)}${v.ward.map((w) => one("ward", w))}${one("audience", v.audience)}${one("tags", v.tags)}${one("at", v.at)}`;
}

export type FormContext = { officer: OfficerRef; wardName: string | null; provinceName: string | null; wards: WardOption[] };

/** The compose form, filled with `v`: content, area, audience, time; it posts to the preview. */
export function composeForm(req: FastifyRequest, t: T, ctx: FormContext, v: FormValues): Html {
  const choices = areaChoices(ctx.officer);
  const chosenArea: AreaChoice | undefined = v.area && choices.includes(v.area) ? v.area : choices[0];
  const radio = (name: string, value: string, checked: boolean, label: string | Html) =>
    html`<label class="check"><input type="radio" name="${name}" value="${value}"${checked ? html` checked` : ""} required> ${label}</label>`;
  const areaLabels: Record<AreaChoice, string> = {
    ward: t("btn-campaign-area-ward", { ward: ctx.wardName ?? "" }),
    province: ctx.provinceName ? `${t("btn-campaign-area-province")}: ${ctx.provinceName}` : t("btn-campaign-area-province"),
    all: t("btn-campaign-area-all"),
    pick: t("btn-campaign-area-pick"),
  };
  const audiences = [
    ["both", t("btn-campaign-aud-both")],
    ["groups", t("btn-campaign-aud-groups")],
    ["residents", t("btn-campaign-aud-residents")],
    ["tags", t("btn-campaign-aud-tags")],
  ] as const;
  // Province officers pick among their province's wards; administrators type codes (the whole country is too long a list).
  const wardList = choices.includes("pick") && ctx.officer.role !== "ADMIN" && ctx.wards.length
    ? html`<label>${t("webcampaign-wards-pick")}<select name="ward" multiple size="8">${ctx.wards.map((w) => html`<option value="${w.code}"${v.ward.includes(w.code) ? html` selected` : ""}>${w.name} (${w.code})</option>`)}</select></label>`
    : "";
  return html`<form method="post" action="/campaigns/preview" class="card compose">
${csrfField(req)}
<fieldset><legend>${t("webcampaign-content")}</legend>
  <label>${t("webcampaign-template-pick")}<select name="template"><option value="">${t("webcampaign-template-own")}</option>
    ${TEMPLATES.map((id) => html`<option value="${id}"${v.template === id ? html` selected` : ""}>${t(`campaign-tpl-${id}-title`)}</option>`)}</select></label>
  <p class="muted">${t("webcampaign-template-hint")}</p>
  <label>${t("webcampaign-own-text", { max: WARNING_TEXT_MAX })}<textarea name="text" rows="8" cols="60" maxlength="${WARNING_TEXT_MAX}">${v.text}</textarea></label>
</fieldset>
<fieldset><legend>${t("webcampaign-area")}</legend>
  <div class="filters">${choices.map((c) => radio("area", c, c === chosenArea, areaLabels[c]))}</div>
  ${choices.includes("pick") ? html`<div class="filters"><label>${t("webcampaign-codes")}<input name="codes" value="${v.codes}" maxlength="2000"></label>${wardList}</div>` : ""}
</fieldset>
<fieldset><legend>${t("webcampaign-audience")}</legend>
  <div class="filters">${audiences.map(([value, label]) => radio("audience", value, v.audience === value, label))}</div>
  <label>${t("webcampaign-tags")}<input name="tags" value="${v.tags}" maxlength="1000"></label>
</fieldset>
<fieldset><legend>${t("webcampaign-when")}</legend>
  <label>${t("webcampaign-at")}<input type="datetime-local" name="at" value="${v.at}"></label>
</fieldset>
<p><button type="submit" class="primary">${t("webcampaign-preview-button")}</button></p>
</form>`;
}
