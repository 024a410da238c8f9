import type { FastifyReply, FastifyRequest } from "fastify";
import { html, type Html } from "./html.js";
import { sendHtml, type T } from "./context.js";
import { roleLabel } from "./format.js";

type Nav = "queue" | "campaigns" | "reports" | "admin" | null;

/** The page around every screen: Vietnamese first, readable on a phone, printable. */
export function page(req: FastifyRequest, t: T, opts: { title: string; body: Html; nav?: Nav; live?: boolean }): Html {
  const s = req.session;
  const item = (key: Nav, href: string, label: string) => html`<a href="${href}"${opts.nav === key ? html` aria-current="page"` : ""}>${label}</a>`;
  const other = req.locale === "vi" ? "en" : "vi";
  return html`<!doctype html>
<html lang="${req.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title} · Wardline</title>
<link rel="stylesheet" href="/assets/app.css">
<script src="/assets/app.js" defer></script>
</head>
<body${opts.live ? html` data-live="1"` : ""}${s ? html` data-csrf="${s.csrfToken}"` : ""}>
<header class="top">
  <a class="brand" href="${s ? "/inbox" : "/report"}">Wardline</a>
  ${s
    ? html`<nav>${item("queue", "/inbox", t("web-nav-queue"))}${item("campaigns", "/campaigns", t("web-nav-campaigns"))}${item("reports", "/reports", t("web-nav-reports"))}${s.officer.role === "ADMIN" ? item("admin", "/admin", t("web-nav-admin")) : ""}</nav>
  <span class="who">${s.officer.displayName} · ${roleLabel(t, s.officer.role)}</span>
  <form method="post" action="/logout" class="inline">${csrfField(req)}<button type="submit" class="link">${t("web-sign-out")}</button></form>`
    : ""}
  <a class="lang" href="/lang/${other}?back=${encodeURIComponent(req.url)}">${other === "en" ? "English" : "Tiếng Việt"}</a>
</header>
<div id="live-banner" class="banner" hidden><span>${t("web-live-updated")}</span> <a href="">${t("web-live-reload")}</a></div>
<main>
${opts.body}
</main>
</body>
</html>`;
}

/** A small page with one message, for errors and notices. */
export function messagePage(req: FastifyRequest, t: T, title: string, text: string): Html {
  return page(req, t, { title, body: html`<section class="card narrow"><h1>${title}</h1><p>${text}</p></section>` });
}

export const csrfField = (req: FastifyRequest): Html => html`<input type="hidden" name="_csrf" value="${req.session?.csrfToken ?? ""}">`;

const NOTICE_KEY = /^[a-z-]{1,20}$/;

/**
 * The outcome a form's redirect named (`?done=<key>` or `?error=<key>`), as a notice at the top
 * of the page. Only a short key of a-z and dashes is taken; anything else shows nothing.
 */
export function outcomeNotice<D extends string, E extends string>(
  query: { done?: D | undefined; error?: E | undefined },
  text: { done: (key: D) => string; error: (key: E) => string },
): Html | "" {
  const { done, error } = query;
  if (done && NOTICE_KEY.test(done)) return html`<p class="notice ok" role="status">${text.done(done)}</p>`;
  if (error && NOTICE_KEY.test(error)) return html`<p class="notice error" role="alert">${text.error(error)}</p>`;
  return "";
}

/** 404, the same for what does not exist and for what lies outside the officer's scope. */
export const notFound = (req: FastifyRequest, reply: FastifyReply, t: T): FastifyReply =>
  sendHtml(reply, messagePage(req, t, t("web-not-found-title"), t("web-not-found")), 404);

export const badInput = (req: FastifyRequest, reply: FastifyReply, t: T): FastifyReply =>
  sendHtml(reply, messagePage(req, t, t("web-bad-input-title"), t("web-bad-input")), 400);

/** 403 with the reason's message (a form from another site, a role that may not do this). */
export const forbidden = (req: FastifyRequest, reply: FastifyReply, t: T, key: string): FastifyReply =>
  sendHtml(reply, messagePage(req, t, t("web-forbidden-title"), t(key)), 403);
