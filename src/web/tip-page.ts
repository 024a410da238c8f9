import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { assessTip, askTipster, claimTip, resolveTip, transferTip, type ActionResult } from "../core/tips/actions.js";
import { mergeTip } from "../core/tips/merge.js";
import { assignTip, assignableOfficers, canAssign } from "../core/tips/assign.js";
import { attachmentForOfficer, recordView, tipForOfficer, type TipView } from "../core/dashboard/tip-view.js";
import { tipScope, transferChoices } from "../core/dashboard/scope.js";
import { sendHtml, sessionOf, translator, type T, type WebDeps } from "./context.js";
import { channelLabel, vnDateTime } from "./format.js";
import { html, type Html } from "./html.js";
import { badInput, csrfField, notFound, outcomeNotice, page } from "./layout.js";
import { normalizeTrackingCode } from "../core/tracking-code.js";

const CODE = /^[A-Z0-9-]{4,20}$/;
const MAX_ID = 2_147_483_647;
type Params = { code: string };

function thread(tip: TipView, t: T): Html {
  return html`<ol class="thread">${tip.thread.map((m) =>
    html`<li class="msg ${m.author.toLowerCase()}"><div class="meta">${m.author === "OFFICER" ? m.officer ?? t("web-author-officer") : t(`web-author-${m.author.toLowerCase()}`)} · ${vnDateTime(m.at)}${m.author === "OFFICER" ? html` · ${m.relayedAt ? t("web-relayed") : t("web-not-relayed")}` : ""}</div><div class="text">${m.text}</div></li>`)}</ol>`;
}

/** A ward as the trail names it: its name, or its code if the directory no longer has it. */
type WardNamer = (code: unknown) => string;

function auditLine(e: TipView["audit"][number], t: T, wardName: WardNamer): Html {
  const data = (e.data ?? {}) as Record<string, unknown>;
  const detail =
    e.type === "assessed" ? t(data["valuable"] ? "web-valuable" : "web-not-valuable")
    : e.type === "transferred" ? wardName(data["toWardCode"])
    // Where the card went: the ward's inbox, or the province's triage inbox when the ward had none.
    : e.type === "routed" ? (data["via"] === "province-triage" || !data["wardCode"] ? t("summary-triage") : wardName(data["wardCode"]))
    : e.type === "merged" ? String(data["into"] ?? "")
    : e.type === "assigned" ? String(data["to"] ?? "")
    : e.type === "merged-from" ? String(data["from"] ?? "")
    : e.type === "resolved" && data["outcome"] ? String(data["outcome"])
    : "";
  return html`<li><time datetime="${e.at.toISOString()}">${vnDateTime(e.at)}</time> · ${t(`event-${e.type}`)}${e.officer ? html` · <b>${e.officer}</b>` : ""}${detail ? html` · ${detail}` : ""}</li>`;
}

type Choices = { wards: Array<{ code: string; name: string }>; assignees: Array<{ id: number; displayName: string }> };

function actions(req: FastifyRequest, tip: TipView, t: T, { wards, assignees }: Choices): Html {
  const me = sessionOf(req).officer;
  const form = (action: string, inner: Html, cls = "") => html`<form method="post" action="/tips/${tip.code}/${action}" class="action ${cls}">${csrfField(req)}${inner}</form>`;
  if (tip.status === "RESOLVED") return html`<p class="muted">${t("web-tip-closed")}</p>`;
  return html`<div class="actions">
${tip.claimedBy?.id === me.id ? "" : form("claim", html`<button type="submit" class="primary">${t("web-action-claim")}</button>`)}
${canAssign(me) && assignees.length ? form("assign", html`<label>${t("web-action-assign-to")}<select name="officer">${assignees.map((o) => html`<option value="${o.id}"${tip.claimedBy?.id === o.id ? html` selected` : ""}>${o.displayName}</option>`)}</select></label><button type="submit">${t("web-action-assign")}</button>`, "wide") : ""}
${form("assess", html`<button type="submit" name="valuable" value="yes">${t("web-action-valuable")}</button> <button type="submit" name="valuable" value="no">${t("web-action-not-valuable")}</button>`)}
${form("ask", html`<input type="hidden" name="nonce" value="${randomUUID()}"><label>${t("web-action-ask")}<textarea name="text" required maxlength="1000" rows="2"></textarea></label><button type="submit">${t("web-action-ask-send")}</button>`, "wide")}
${form("resolve", html`<label>${t("web-action-outcome")}<input name="outcome" maxlength="500" required></label><button type="submit">${t("web-action-resolve")}</button>`, "wide")}
${form("transfer", html`<label>${t("web-action-transfer-to")}<input name="ward" list="ward-list" required maxlength="10" placeholder="${t("web-ward-code")}"></label><datalist id="ward-list">${wards.map((w) => html`<option value="${w.code}">${w.name}</option>`)}</datalist><label>${t("web-action-reason")}<input name="reason" maxlength="300"></label><button type="submit">${t("web-action-transfer")}</button>`, "wide")}
${form("merge", html`<label>${t("web-action-merge-into")}<input name="into" required maxlength="20" placeholder="${t("web-col-code")}"></label><button type="submit">${t("web-action-merge")}</button>`, "wide")}
</div>`;
}

function tipBody(req: FastifyRequest, tip: TipView, t: T, choices: Choices, notice: Html | "", wardName: WardNamer): Html {
  const map = tip.lat !== null && tip.lng !== null
    ? html`<p class="map"><a href="https://www.openstreetmap.org/?mlat=${tip.lat}&mlon=${tip.lng}#map=17/${tip.lat}/${tip.lng}" rel="noopener noreferrer" target="_blank">${t("web-map-point")}: ${tip.lat.toFixed(5)}, ${tip.lng.toFixed(5)}</a></p>`
    : "";
  return html`
${notice}
<h1>${t("web-tip-title", { code: tip.code })}</h1>
<dl class="facts">
  <dt>${t("web-col-state")}</dt><dd data-field="state">${t(`web-state-${tip.status.toLowerCase()}`)}${tip.claimedBy ? html` · ${tip.claimedBy.name}` : ""}</dd>
  <dt>${t("web-col-valuable")}</dt><dd data-field="valuable">${t(tip.valuable === null ? "web-not-assessed" : tip.valuable ? "web-valuable" : "web-not-valuable")}</dd>
  <dt>${t("web-col-category")}</dt><dd>${t(`category-${tip.category}`)}</dd>
  <dt>${t("web-col-ward")}</dt><dd>${tip.ward?.name ?? "—"}</dd>
  <dt>${t("web-col-channel")}</dt><dd>${channelLabel(t, tip.channel)}</dd>
  <dt>${t("web-col-received")}</dt><dd>${vnDateTime(tip.createdAt)}</dd>
  ${tip.place ? html`<dt>${t("web-col-place")}</dt><dd>${tip.place}</dd>` : ""}
  ${tip.happenedAt ? html`<dt>${t("web-col-when")}</dt><dd>${tip.happenedAt}</dd>` : ""}
  <dt>${t("web-col-tipster")}</dt><dd>${tip.identity ?? t("web-anonymous")}</dd>
  ${tip.outcome ? html`<dt>${t("web-col-outcome")}</dt><dd data-field="outcome">${tip.mergedInto ? html`${t("web-duplicate-of")} <a href="/tips/${tip.mergedInto}">${tip.mergedInto}</a>` : tip.outcome}</dd>` : ""}
</dl>
${map}
<section><h2>${t("web-thread")}</h2>${thread(tip, t)}</section>
${tip.attachments.length
  ? html`<section><h2>${t("web-attachments")}</h2><div class="attachments">${tip.attachments.map((a) =>
      a.viewable ? html`<a href="/tips/${tip.code}/files/${a.id}" target="_blank"><img src="/tips/${tip.code}/files/${a.id}" alt="${t("web-attachment-photo")}" loading="lazy"></a>` : html`<span class="file">${t("web-attachment-in-chat", { kind: a.kind })}</span>`)}</div></section>`
  : ""}
<section><h2>${t("web-actions")}</h2>${actions(req, tip, t, choices)}</section>
<section><h2>${t("web-audit")}</h2><ol class="audit">${tip.audit.map((e) => auditLine(e, t, wardName))}</ol></section>`;
}

const bodies = {
  claim: z.object({}),
  assess: z.object({ valuable: z.enum(["yes", "no"]) }),
  ask: z.object({ text: z.string().trim().min(1).max(1000), nonce: z.string().uuid() }),
  resolve: z.object({ outcome: z.string().trim().min(1).max(500) }),
  transfer: z.object({ ward: z.string().trim().regex(/^\d{1,10}$/), reason: z.string().trim().max(300).default("") }),
  merge: z.object({ into: z.string().trim().min(4).max(20) }),
  assign: z.object({ officer: z.coerce.number().int().positive() }),
} as const;
type Action = keyof typeof bodies;

/** GET /tips/:code, its attachments, and the officers' actions on it (POST, CSRF-checked by the guard). */
export function registerTipPage(app: FastifyInstance, deps: WebDeps): void {
  const wardName: WardNamer = (code) => (code ? deps.wards.getWard(String(code))?.name ?? String(code) : "");
  app.get<{ Params: Params; Querystring: { done?: string; error?: string; by?: string } }>("/tips/:code", async (req, reply) => {
    const { officer } = sessionOf(req);
    const t = translator(deps, req);
    // Codes are read out and typed by hand ("abcd efgh"): send those to the canonical address.
    const canonical = normalizeTrackingCode(req.params.code);
    if (canonical && canonical !== req.params.code) {
      const q = req.url.indexOf("?");
      return reply.redirect(`/tips/${canonical}${q >= 0 ? req.url.slice(q) : ""}`, 301);
    }
    if (!CODE.test(req.params.code)) return notFound(req, reply, t);
    const tip = await tipForOfficer(deps.db, deps.identity, officer, req.params.code);
    if (!tip) return notFound(req, reply, t);
    // Independent reads: the fresh "viewed" entry is added from what recordView returns, not read back.
    const [viewed, wards, assignees] = await Promise.all([
      recordView(deps.db, officer.id, tip.id),
      transferChoices(deps.db, tip),
      canAssign(officer) ? assignableOfficers(deps.db, tip.ward) : [],
    ]);
    if (viewed) tip.audit.push({ ...viewed, officer: officer.displayName, data: {} });
    const notice = outcomeNotice(req.query, { done: (key) => t(`web-done-${key}`), error: (key) => t(`action-fail-${key}`, { by: req.query.by ?? "" }) });
    return sendHtml(reply, page(req, t, { title: tip.code, body: tipBody(req, tip, t, { wards, assignees }, notice, wardName), nav: "queue", live: true }));
  });

  app.get<{ Params: Params & { id: string } }>("/tips/:code/files/:id", async (req, reply) => {
    const { officer } = sessionOf(req);
    // Ids are PostgreSQL integers: a longer number cannot name a file (and would make Prisma throw).
    const id = /^[1-9]\d{0,9}$/.test(req.params.id) ? Number(req.params.id) : 0;
    const blob = CODE.test(req.params.code) && id > 0 && id <= MAX_ID ? await attachmentForOfficer(deps.db, officer, req.params.code, id) : null;
    if (!blob) return notFound(req, reply, translator(deps, req));
    return reply.type(blob.mime).header("cache-control", "private, max-age=3600").header("content-disposition", "inline").send(Buffer.from(blob.bytes));
  });

  for (const action of Object.keys(bodies) as Action[]) {
    app.post<{ Params: Params }>(`/tips/:code/${action}`, async (req, reply) => {
      const { officer } = sessionOf(req);
      const t = translator(deps, req);
      const code = req.params.code;
      // Scope first, the body after: another ward's tip gets the same 404 as a missing one, whatever was sent.
      const tip = CODE.test(code) ? await deps.db.tip.findFirst({ where: { code, ...tipScope(officer) }, select: { id: true } }) : null;
      if (!tip) return notFound(req, reply, t);
      const parsed = bodies[action].safeParse(req.body ?? {});
      if (!parsed.success) return badInput(req, reply, t);
      const b = parsed.data as Record<string, string>;
      const result: ActionResult =
        action === "claim" ? await claimTip(deps, officer, tip.id)
        : action === "assess" ? await assessTip(deps, officer, tip.id, b["valuable"] === "yes")
        : action === "ask" ? await askTipster(deps, officer, tip.id, b["text"]!, `web:${officer.id}:${b["nonce"]}`)
        : action === "resolve" ? await resolveTip(deps, officer, tip.id, b["outcome"]!)
        : action === "transfer" ? await transferTip(deps, officer, tip.id, b["ward"]!, b["reason"] ?? "")
        : action === "merge" ? await mergeTip(deps, officer, tip.id, b["into"]!)
        : await assignTip(deps, officer, tip.id, Number(b["officer"]));
      if (!result.ok && result.reason === "not-found" && action !== "transfer" && action !== "merge") return notFound(req, reply, t);
      // A transferred tip may leave the officer's scope: back to the queue then.
      const stillVisible = result.ok && action === "transfer" ? (await deps.db.tip.count({ where: { code, ...tipScope(officer) } })) > 0 : true;
      const outcome = result.ok ? `done=${action}` : `error=${result.reason}${result.by ? `&by=${encodeURIComponent(result.by)}` : ""}`;
      const target = !stillVisible ? `/inbox` : `/tips/${code}?${outcome}`;
      return reply.redirect(target, 303);
    });
  }
}
