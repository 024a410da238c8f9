import type { FastifyRequest } from "fastify";
import type { T } from "./context.js";
import { html, type Html } from "./html.js";
import { page } from "./layout.js";

/**
 * After sending: the tracking code and the status key, large, to write down. The key is never
 * put in a link: addresses end up in browser history, proxy logs and shared screenshots of the
 * address bar, and a logged address next to a code would tie the tipster to the tip. The
 * "see status" button posts both in a form instead.
 */
export function receiptPage(req: FastifyRequest, t: T, r: { code: string; statusKey: string; wardName: string; statusUrl: string }): Html {
  const body = html`<section class="card narrow public-receipt">
<h1>${t("public-sent-title")}</h1>
<p class="notice ok" role="status">${t("public-sent", { ward: r.wardName })}</p>
<dl class="facts">
  <dt>${t("public-code")}</dt><dd><b class="public-code" data-field="code">${r.code}</b></dd>
  <dt>${t("public-key")}</dt><dd><b class="public-code" data-field="key">${r.statusKey}</b></dd>
</dl>
<p>${t("public-keep")}</p>
<form method="post" action="/report/status">
<input type="hidden" name="code" value="${r.code}">
<input type="hidden" name="key" value="${r.statusKey}">
<button type="submit" class="primary">${t("public-status-now")}</button>
</form>
<p class="muted">${t("public-status-later", { url: r.statusUrl })}</p>
<p><a href="/report">${t("public-new-report")}</a></p>
</section>`;
  return page(req, t, { title: t("public-sent-title"), body });
}
