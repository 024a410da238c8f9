import { randomUUID } from "node:crypto";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { MAX_REPORT_TEXT } from "../core/report-flow.js";
import { describeTipStatus } from "../core/tips/describe.js";
import { answerWebTip, webTipStatus, type WebTipStatus } from "../core/web-tips.js";
import { sameOrigin, sendHtml, translator, type T, type WebDeps } from "./context.js";
import { vnDateTime } from "./format.js";
import { html, type Html } from "./html.js";
import { badInput, forbidden, page } from "./layout.js";
import { minutesFrom } from "./public-common.js";
import { isNonce, type FormNotice } from "./public-form.js";
import { LIMITS, type RateLimiter } from "./public-rate-limit.js";

type Lookup = { code: string; key: string };

const noticeOf = (n: FormNotice | null) =>
  n ? html`<div class="notice ${n.kind}" role="${n.kind === "error" ? "alert" : "status"}">${n.lines.map((l) => html`<p>${l}</p>`)}</div>` : "";

const secretFields = (l: Lookup) => html`<input type="hidden" name="code" value="${l.code}"><input type="hidden" name="key" value="${l.key}">`;

/** The form asking for code and key; the key travels only in POST bodies, never in an address. */
function lookupPage(req: FastifyRequest, t: T, l: Lookup, notice: FormNotice | null): Html {
  const field = (name: string, label: string, value: string, max: number) =>
    html`<p><label>${label}<input name="${name}" value="${value}" required maxlength="${max}" autocomplete="off" autocapitalize="characters" spellcheck="false"></label></p>`;
  const body = html`<section class="card narrow public-status">
<h1>${t("public-status-title")}</h1>
<p>${t("public-status-intro")}</p>
${noticeOf(notice)}
<form method="post" action="/report/status">
${field("code", t("public-code"), l.code, 20)}
${field("key", t("public-key"), l.key, 40)}
<p><button type="submit" class="primary">${t("public-status-show")}</button></p>
</form>
<p><a href="/report">${t("public-new-report")}</a></p>
</section>`;
  return page(req, t, { title: t("public-status-title"), body });
}

function answerForm(t: T, l: Lookup, text: string, nonce: string = randomUUID()): Html {
  return html`<form method="post" action="/report/status/answer">
${secretFields(l)}
<input type="hidden" name="nonce" value="${nonce}" autocomplete="off">
<p><label>${t("public-answer")}<textarea name="text" required maxlength="${MAX_REPORT_TEXT}" rows="4" cols="34">${text}</textarea></label></p>
<p><button type="submit" class="primary">${t("public-answer-send")}</button></p>
</form>`;
}

/** A tip's state and its questions and answers, as its tipster sees them: officers stay unnamed. */
function statusPage(req: FastifyRequest, t: T, l: Lookup, s: WebTipStatus, notice: FormNotice | null): Html {
  const thread = s.thread.length
    ? html`<ol class="thread">${s.thread.map((m) =>
        html`<li class="msg ${m.author === "OFFICER" ? "officer" : "tipster"}"><div class="meta">${m.author === "OFFICER" ? t("public-officer-asks") : t("public-you-answered")} · ${vnDateTime(m.at)}</div><div class="text">${m.text}</div></li>`)}</ol>`
    : html`<p class="muted">${t("public-thread-none")}</p>`;
  const body = html`<section class="card narrow public-status">
<h1>${t("public-tip-title", { code: s.status.code })}</h1>
${noticeOf(notice)}
<p data-field="state">${describeTipStatus(t, s.status)}</p>
${s.events.length ? html`<ul class="events">${s.events.map((e) => html`<li data-event="${e.key}">${vnDateTime(e.at)} · ${t(e.key)}</li>`)}</ul>` : ""}
<h2>${t("public-thread")}</h2>
${thread}
${s.canAnswer ? answerForm(t, l, "") : ""}
<p><a href="/report">${t("public-new-report")}</a></p>
</section>`;
  return page(req, t, { title: t("public-status-title"), body });
}

const field = (body: unknown, name: string, max: number): string => {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  return typeof v === "string" ? v.replace(/\r\n?/g, "\n").trim().slice(0, max) : "";
};

/** GET/POST /report/status and POST /report/status/answer. A wrong code or key: one answer, 404. */
export function registerPublicStatus(app: FastifyInstance, deps: WebDeps, limiter: RateLimiter): void {
  const notFound = (req: FastifyRequest, reply: FastifyReply, t: T, l: Lookup) =>
    sendHtml(reply, lookupPage(req, t, { code: l.code, key: "" }, { kind: "error", lines: [t("public-status-not-found")] }), 404);
  const limited = (reply: FastifyReply, seconds: number) => reply.header("retry-after", String(seconds));
  const lookupOf = (body: unknown): Lookup => ({ code: field(body, "code", 20), key: field(body, "key", 40) });
  // Redis or PostgreSQL away: the page comes back with what was typed (an answer keeps its nonce,
  // so sending it again cannot post it twice) and a "try again in a moment", as 503.
  const unavailable = (key: string, render: (req: FastifyRequest, t: T, notice: FormNotice) => Html) =>
    (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
      if ((err.statusCode ?? 500) < 500) throw err;
      req.log.error({ err }, "public status page: a service it needs failed");
      const t = translator(deps, req);
      return sendHtml(limited(reply, 30), render(req, t, { kind: "error", lines: [t(key)] }), 503);
    };
  const lookupUnavailable = unavailable("public-unavailable-status", (req, t, notice) => lookupPage(req, t, lookupOf(req.body), notice));
  const answerUnavailable = unavailable("public-unavailable-answer", (req, t, notice) => {
    const nonce = field(req.body, "nonce", 40);
    const body = html`<section class="card narrow public-status"><h1>${t("public-status-title")}</h1>${noticeOf(notice)}${answerForm(t, lookupOf(req.body), field(req.body, "text", MAX_REPORT_TEXT + 1), isNonce(nonce) ? nonce : undefined)}</section>`;
    return page(req, t, { title: t("public-status-title"), body });
  });

  app.get("/report/status", async (req, reply) => {
    const t = translator(deps, req);
    return sendHtml(reply, lookupPage(req, t, { code: "", key: "" }, null));
  });

  // The language link on an answered page points here: there is nothing to show without the key.
  app.get("/report/status/answer", async (_req, reply) => reply.redirect("/report/status", 303));

  app.post("/report/status", { errorHandler: lookupUnavailable }, async (req, reply) => {
    const t = translator(deps, req);
    if (!sameOrigin(req)) return forbidden(req, reply, t, "web-csrf-failed");
    const l = { code: field(req.body, "code", 20), key: field(req.body, "key", 40) };
    const verdict = await limiter.hit(req.ip, LIMITS.status);
    if (!verdict.ok) {
      const notice: FormNotice = { kind: "error", lines: [t("public-rate-limited-status", { minutes: minutesFrom(verdict.retryAfterSeconds) })] };
      return sendHtml(limited(reply, verdict.retryAfterSeconds), lookupPage(req, t, l, notice), 429);
    }
    const s = await webTipStatus(deps, l.code, l.key);
    if (!s) return notFound(req, reply, t, l);
    return sendHtml(reply, statusPage(req, t, l, s, null));
  });

  app.post("/report/status/answer", { errorHandler: answerUnavailable }, async (req, reply) => {
    const t = translator(deps, req);
    if (!sameOrigin(req)) return forbidden(req, reply, t, "web-csrf-failed");
    const l = { code: field(req.body, "code", 20), key: field(req.body, "key", 40) };
    const text = field(req.body, "text", MAX_REPORT_TEXT + 1);
    const nonce = field(req.body, "nonce", 40);
    if (!isNonce(nonce)) return badInput(req, reply, t);
    const verdict = await limiter.hit(req.ip, LIMITS.status, LIMITS.answer);
    if (!verdict.ok) {
      // Over the limit nothing is looked up; the answer stays in the form to send later.
      const notice = noticeOf({ kind: "error", lines: [t("public-rate-limited-status", { minutes: minutesFrom(verdict.retryAfterSeconds) })] });
      const body = html`<section class="card narrow public-status"><h1>${t("public-status-title")}</h1>${notice}${answerForm(t, l, text)}</section>`;
      return sendHtml(limited(reply, verdict.retryAfterSeconds), page(req, t, { title: t("public-status-title"), body }), 429);
    }
    if (!text || text.length > MAX_REPORT_TEXT) {
      const s = await webTipStatus(deps, l.code, l.key);
      if (!s) return notFound(req, reply, t, l);
      return sendHtml(reply, statusPage(req, t, l, s, { kind: "error", lines: [t("public-error-answer", { max: MAX_REPORT_TEXT })] }), 400);
    }
    const r = await answerWebTip(deps, { code: l.code, statusKey: l.key, text, nonce });
    if (!r.ok && r.reason === "not-found") return notFound(req, reply, t, l);
    const s = await webTipStatus(deps, l.code, l.key);
    if (!s) return notFound(req, reply, t, l);
    const notice: FormNotice = r.ok ? { kind: "ok", lines: [t("public-answer-sent")] } : { kind: "error", lines: [t("public-answer-closed")] };
    return sendHtml(reply, statusPage(req, t, l, s, notice), r.ok ? 200 : 409);
  });
}
