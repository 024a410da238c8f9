import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { areaNames, campaignFigures, campaignForOfficer, campaignsForOfficer } from "../core/campaigns/browse.js";
import { cancelCampaign, pauseCampaign, resumeCampaign } from "../core/campaigns/control.js";
import { failuresByReason, mayControlRow } from "../core/campaigns/store.js";
import { isTemplate } from "../core/campaigns/templates.js";
import { sendHtml, sessionOf, translator, type WebDeps } from "./context.js";
import { registerCampaignCompose } from "./campaigns-compose.js";
import { areaText, audienceText, figureCards, figureCells, figureHeads, stateLabel } from "./campaigns-view.js";
import { vnDateTime } from "./format.js";
import { html } from "./html.js";
import { csrfField, forbidden, notFound, outcomeNotice, page } from "./layout.js";

const PAGE = 20;
const ACTIONS = { pause: pauseCampaign, resume: resumeCampaign, cancel: cancelCampaign } as const;
type Action = keyof typeof ACTIONS;

const idOf = (s: string) => (/^\d{1,9}$/.test(s) ? Number(s) : null);

const listQuery = z.object({ before: z.string().regex(/^\d{1,9}$/).optional().catch(undefined) });
const detailQuery = z.object({ done: z.enum(["launched", "pause", "resume", "cancel"]).optional().catch(undefined), error: z.enum(["wrong-state"]).optional().catch(undefined) });

/**
 * The Campaigns pages: the warnings in the officer's area with their delivery results, one
 * campaign in detail with pause / resume / cancel (for its sender and administrators, as in
 * the chat), and composing a new one (campaigns-compose.ts).
 */
export function registerCampaignPages(app: FastifyInstance, deps: WebDeps): void {
  registerCampaignCompose(app, deps);

  app.get("/campaigns", async (req, reply) => {
    const { officer } = sessionOf(req);
    const t = translator(deps, req);
    const q = listQuery.parse(req.query ?? {});
    const { rows, next } = await campaignsForOfficer(deps.db, officer, { before: q.before ? Number(q.before) : undefined, take: PAGE });
    const [figures, names] = await Promise.all([campaignFigures(deps.db, rows.map((r) => r.id)), areaNames(deps.db, rows.map((r) => r.target))]);
    const body = html`
<h1>${t("webcampaign-title")}</h1>
${officer.canBroadcast ? html`<p><a class="button primary" href="/campaigns/new">${t("webcampaign-new")}</a></p>` : html`<p class="muted">${t("webcampaign-compose-not-allowed")}</p>`}
${rows.length === 0
  ? html`<p class="empty">${t("webcampaign-empty")}</p>`
  : html`<table class="campaigns">
<thead><tr><th>${t("webcampaign-col-campaign")}</th><th>${t("web-col-state")}</th><th>${t("webcampaign-col-sender")}</th><th>${t("webcampaign-col-when")}</th><th>${t("webcampaign-col-target")}</th>${figureHeads(t)}</tr></thead>
<tbody>
${rows.map((c) => html`<tr data-campaign="${c.id}">
  <td><a href="/campaigns/${c.id}">#${c.id} ${c.title}</a></td>
  <td data-field="state">${stateLabel(t, c.status)}</td>
  <td>${c.sender}</td>
  <td><time datetime="${c.createdAt.toISOString()}">${vnDateTime(c.createdAt)}</time>${c.status === "SCHEDULED" && c.scheduledAt ? html`<br><small>${t("webcampaign-scheduled-at", { at: vnDateTime(c.scheduledAt) })}</small>` : ""}</td>
  <td>${areaText(t, c.target, names)}<br><small>${audienceText(t, c.target)}</small></td>
  ${figureCells(t, figures.get(c.id)!)}
</tr>`)}
</tbody></table>`}
${next ? html`<p><a class="button" href="/campaigns?before=${next}">${t("web-next-page")}</a></p>` : ""}`;
    return sendHtml(reply, page(req, t, { title: t("webcampaign-title"), body, nav: "campaigns" }));
  });

  app.get<{ Params: { id: string } }>("/campaigns/:id", async (req, reply) => {
    const { officer } = sessionOf(req);
    const t = translator(deps, req);
    const id = idOf(req.params.id);
    const c = id === null ? null : await campaignForOfficer(deps.db, officer, id);
    if (!c) return notFound(req, reply, t);
    const [figures, failed, names] = await Promise.all([campaignFigures(deps.db, [c.id]), failuresByReason(deps.db, c.id), areaNames(deps.db, [c.target])]);
    const control = mayControlRow(officer, c);
    const q = detailQuery.parse(req.query ?? {});
    const done = { launched: () => t("webcampaign-launched"), pause: () => t("campaign-pause-done"), resume: () => t("campaign-resume-done"), cancel: () => t("campaign-cancel-done") };
    const notice = outcomeNotice(q, { done: (key) => done[key](), error: () => t("campaign-wrong-state") });
    const button = (action: Action, label: string) =>
      html`<form method="post" action="/campaigns/${c.id}/${action}" class="inline">${csrfField(req)}<button type="submit"${action === "cancel" ? "" : html` class="primary"`}>${label}</button></form> `;
    const buttons = control
      ? html`${c.status === "RUNNING" ? button("pause", t("btn-campaign-pause", { id: c.id })) : ""}${c.status === "PAUSED" ? button("resume", t("btn-campaign-resume", { id: c.id })) : ""}${["RUNNING", "PAUSED", "SCHEDULED"].includes(c.status) ? button("cancel", t("btn-campaign-cancel", { id: c.id })) : ""}`
      : "";
    const failures = Object.entries(failed);
    const body = html`
${notice}
<h1>${t("webcampaign-details-title", { id: c.id })}: ${c.title}</h1>
<dl class="facts">
  <dt>${t("web-col-state")}</dt><dd data-field="state">${stateLabel(t, c.status)}</dd>
  <dt>${t("webcampaign-col-sender")}</dt><dd>${c.sender}</dd>
  <dt>${t("webcampaign-created")}</dt><dd>${vnDateTime(c.createdAt)}</dd>
  ${c.scheduledAt ? html`<dt>${t("webcampaign-when")}</dt><dd>${t("webcampaign-scheduled-at", { at: vnDateTime(c.scheduledAt) })}</dd>` : ""}
  ${c.startedAt ? html`<dt>${t("webcampaign-started")}</dt><dd>${vnDateTime(c.startedAt)}</dd>` : ""}
  ${c.finishedAt ? html`<dt>${t("webcampaign-finished")}</dt><dd>${vnDateTime(c.finishedAt)}</dd>` : ""}
  <dt>${t("webcampaign-area")}</dt><dd>${areaText(t, c.target, names)}</dd>
  <dt>${t("webcampaign-audience")}</dt><dd>${audienceText(t, c.target)}</dd>
  ${c.templateKey ? html`<dt>${t("webcampaign-template")}</dt><dd>${isTemplate(c.templateKey) ? t(`campaign-tpl-${c.templateKey}-title`) : c.templateKey}</dd>` : ""}
</dl>
${buttons ? html`<p class="actions">${buttons}</p>` : ""}
<h2>${t("webcampaign-results")}</h2>
${figureCards(t, figures.get(c.id)!)}
${failures.length ? html`<h2>${t("webcampaign-failures")}</h2><table><tbody>${failures.map(([why, n]) => html`<tr><td>${why}</td><td>${n}</td></tr>`)}</tbody></table>` : ""}
<h2>${t("webcampaign-text")}</h2>
${c.copiedFromChat ? html`<p class="muted">${t("webcampaign-copied")}</p>` : ""}
${c.plainText ? html`<div class="msg"><div class="text">${c.plainText}</div></div>` : ""}
<p><a href="/campaigns/${c.id}">${t("webcampaign-reload")}</a> · <a href="/campaigns">${t("webcampaign-back")}</a></p>`;
    return sendHtml(reply, page(req, t, { title: `#${c.id} ${c.title}`, body, nav: "campaigns" }));
  });

  // The change is committed before the redirect: from then on no send starts (control.ts).
  for (const action of Object.keys(ACTIONS) as Action[]) {
    app.post<{ Params: { id: string } }>(`/campaigns/:id/${action}`, async (req, reply) => {
      const { officer } = sessionOf(req);
      const t = translator(deps, req);
      const id = idOf(req.params.id);
      const c = id === null ? null : await campaignForOfficer(deps.db, officer, id);
      if (!c) return notFound(req, reply, t);
      if (!mayControlRow(officer, c)) return forbidden(req, reply, t, "campaign-not-allowed");
      const r = await ACTIONS[action](deps, c.id);
      if (r.ok) req.log.info({ officerId: officer.id, campaignId: c.id, action }, "campaign changed from the dashboard");
      return reply.redirect(`/campaigns/${c.id}?${r.ok ? `done=${action}` : "error=wrong-state"}`, 303);
    });
  }
}
