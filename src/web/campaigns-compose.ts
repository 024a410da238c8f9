import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { audienceSize } from "../core/campaigns/audience.js";
import { areaNames } from "../core/campaigns/browse.js";
import { launchOnce } from "../core/campaigns/once.js";
import { wardsInScope } from "../core/dashboard/scope.js";
import type { OfficerRef } from "../core/officers.js";
import { sendHtml, sessionOf, translator, type T, type WebDeps } from "./context.js";
import { composeForm, draftErrorText, draftFrom, emptyForm, formSchema, hiddenFields, type DraftError, type FormContext, type FormValues } from "./campaigns-form.js";
import { areaText, audienceText } from "./campaigns-view.js";
import { vnDateTime } from "./format.js";
import { html, type Html } from "./html.js";
import { badInput, csrfField, forbidden, page } from "./layout.js";

async function formContext(deps: WebDeps, officer: OfficerRef): Promise<FormContext> {
  const [ward, province, wards] = await Promise.all([
    officer.wardId ? deps.db.ward.findUnique({ where: { id: officer.wardId }, select: { name: true } }) : null,
    officer.provinceCode ? deps.db.province.findUnique({ where: { code: officer.provinceCode }, select: { name: true } }) : null,
    officer.role === "PROVINCE_OFFICER" ? wardsInScope(deps.db, officer) : [],
  ]);
  return { officer, wardName: ward?.name ?? null, provinceName: province?.name ?? null, wards };
}

const notAllowed = (req: FastifyRequest, reply: FastifyReply, t: T) => forbidden(req, reply, t, "campaign-not-allowed");

/** The compose page, again with what was typed and why it cannot be sent yet. */
async function composePage(deps: WebDeps, req: FastifyRequest, reply: FastifyReply, v: FormValues, error: Exclude<DraftError, "not-allowed"> | null, top: Html | "" = "") {
  const t = translator(deps, req);
  const ctx = await formContext(deps, sessionOf(req).officer);
  const notice = error ? html`<p class="notice error" role="alert">${draftErrorText(t, error)}</p>` : "";
  const body = html`${top}<h1>${t("webcampaign-compose-title")}</h1>${notice}${composeForm(req, t, ctx, v)}<p><a href="/campaigns">${t("webcampaign-back")}</a></p>`;
  return sendHtml(reply, page(req, t, { title: t("webcampaign-compose-title"), body, nav: "campaigns" }), error ? 400 : 200);
}

const parseForm = (body: unknown) => formSchema.safeParse(body ?? {});

/**
 * Composing a warning on the dashboard, with the chat's rules and steps: GET /campaigns/new
 * (the form), POST /campaigns/preview (the text exactly as sent, and how many it reaches),
 * POST /campaigns (send or schedule; the preview's nonce makes a resent form launch once).
 */
export function registerCampaignCompose(app: FastifyInstance, deps: WebDeps): void {
  app.get("/campaigns/new", async (req, reply) => {
    if (!sessionOf(req).officer.canBroadcast) return notAllowed(req, reply, translator(deps, req));
    return composePage(deps, req, reply, emptyForm(), null);
  });

  app.post("/campaigns/preview", async (req, reply) => {
    const { officer } = sessionOf(req);
    const t = translator(deps, req);
    if (!officer.canBroadcast) return notAllowed(req, reply, t);
    const form = parseForm(req.body);
    if (!form.success) return badInput(req, reply, t);
    const r = await draftFrom(deps, officer, form.data);
    if (!r.ok) return r.error === "not-allowed" ? notAllowed(req, reply, t) : composePage(deps, req, reply, form.data, r.error);
    const { draft } = r;
    const [size, names] = await Promise.all([audienceSize(deps.db, draft.target), areaNames(deps.db, [draft.target])]);
    const nobody = size.groups + size.residents === 0;
    const preview = html`<h1>${t("webcampaign-preview-title")}</h1>
<section class="card">
  <p class="muted">${t("webcampaign-preview-note")}</p>
  <div class="msg"><div class="text" data-preview="text">${draft.text}</div></div>
  <dl class="facts">
    <dt>${t("webcampaign-col-campaign")}</dt><dd>${draft.title}</dd>
    <dt>${t("webcampaign-area")}</dt><dd>${areaText(t, draft.target, names)}</dd>
    <dt>${t("webcampaign-audience")}</dt><dd>${audienceText(t, draft.target)}</dd>
    <dt>${t("webcampaign-when")}</dt><dd>${draft.scheduledAt ? vnDateTime(draft.scheduledAt) : t("webcampaign-now")}</dd>
  </dl>
  <p data-preview="audience"><b>${t("campaign-preview-audience", { groups: size.groups, members: size.members, residents: size.residents })}</b></p>
  ${nobody ? html`<p class="notice error" role="status">${t("webcampaign-nobody")}</p>` : ""}
  <form method="post" action="/campaigns" class="confirm">
    ${csrfField(req)}<input type="hidden" name="nonce" value="${randomUUID()}">${hiddenFields(form.data)}
    <button type="submit" class="primary">${draft.scheduledAt ? t("webcampaign-schedule-button") : t("btn-campaign-send")}</button>
  </form>
</section>
<h2>${t("webcampaign-edit")}</h2>`;
    return sendHtml(reply, page(req, t, { title: t("webcampaign-preview-title"), body: html`${preview}${composeForm(req, t, await formContext(deps, officer), form.data)}`, nav: "campaigns" }));
  });

  app.post("/campaigns", async (req, reply) => {
    const { officer } = sessionOf(req);
    const t = translator(deps, req);
    if (!officer.canBroadcast) return notAllowed(req, reply, t);
    const form = parseForm(req.body);
    const nonce = z.string().uuid().safeParse((req.body as Record<string, unknown> | undefined)?.["nonce"]);
    if (!form.success || !nonce.success) return badInput(req, reply, t);
    // Checked again in full: the confirmation carries the draft in hidden fields.
    const r = await draftFrom(deps, officer, form.data);
    if (!r.ok) return r.error === "not-allowed" ? notAllowed(req, reply, t) : composePage(deps, req, reply, form.data, r.error);
    const { draft } = r;
    const launched = await launchOnce(deps, `web-${officer.id}-${nonce.data}`, {
      officerId: officer.id,
      title: draft.title,
      templateKey: draft.templateKey,
      // No chat message to copy: every channel gets the text.
      sourceChatId: "",
      sourceMessageIds: [],
      plainText: draft.text,
      target: draft.target,
      scheduledAt: draft.scheduledAt,
      locale: req.locale,
    });
    if (launched.launched) req.log.info({ officerId: officer.id, campaignId: launched.id }, "campaign launched from the dashboard");
    return reply.redirect(`/campaigns/${launched.id}?done=launched`, 303);
  });
}
