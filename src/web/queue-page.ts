import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { CATEGORIES } from "../core/categories.js";
import { officerQueue, type QueueFilter } from "../core/dashboard/queue.js";
import { wardsInScope } from "../core/dashboard/scope.js";
import { sendHtml, sessionOf, translator, type WebDeps } from "./context.js";
import { duration, vnDate, vnDateTime, vnDayStart } from "./format.js";
import { html } from "./html.js";
import { page } from "./layout.js";

const query = z.object({
  state: z.enum(["open", "new", "claimed", "resolved", "all"]).catch("open"),
  category: z.enum(CATEGORIES).optional().catch(undefined),
  ward: z.string().regex(/^\d{1,10}$/).optional().catch(undefined),
  from: z.string().optional().catch(undefined),
  to: z.string().optional().catch(undefined),
  mine: z.literal("1").optional().catch(undefined),
  q: z.string().max(100).optional().catch(undefined),
  after: z.string().regex(/^\d{1,15}\.\d{1,10}$/).optional().catch(undefined),
});

/** GET /inbox: the officer's queue, filtered, oldest first, 50 a page. */
export function registerQueuePage(app: FastifyInstance, deps: WebDeps): void {
  app.get("/inbox", async (req, reply) => {
    const { officer } = sessionOf(req);
    const t = translator(deps, req);
    const p = query.parse(req.query ?? {});
    const to = p.to ? vnDayStart(p.to) : undefined;
    const filter: QueueFilter = {
      state: p.state,
      category: p.category,
      wardCode: p.ward,
      from: p.from ? vnDayStart(p.from) : undefined,
      to: to ? new Date(to.getTime() + 86_400_000) : undefined,
      mine: p.mine === "1",
      q: p.q,
      after: p.after ? { createdAt: new Date(Number(p.after.split(".")[0])), id: Number(p.after.split(".")[1]) } : undefined,
    };
    // Administrators cover every ward of the country: they type a ward code instead of scrolling a list.
    const [result, wards] = await Promise.all([officerQueue(deps.db, officer, filter), officer.role === "ADMIN" ? [] : wardsInScope(deps.db, officer)]);
    const keep = new URLSearchParams(Object.entries({ ...p, after: undefined }).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
    const withState = (state: string) => {
      const q = new URLSearchParams(keep);
      q.set("state", state);
      return `/inbox?${q}`;
    };
    const nextUrl = result.next ? (() => {
      const q = new URLSearchParams(keep);
      q.set("after", `${result.next.createdAt.getTime()}.${result.next.id}`);
      return `/inbox?${q}`;
    })() : null;
    const counts = result.counts;
    const tab = (state: string, label: string, n: number | null) =>
      html`<a class="tab" href="${withState(state)}"${p.state === state ? html` aria-current="true"` : ""}>${label}${n === null ? "" : html` <b data-count="${state}">${n}</b>`}</a>`;
    const body = html`
<h1>${t("web-queue-title")}</h1>
<nav class="tabs">
  ${tab("open", t("web-state-open"), counts.NEW + counts.CLAIMED)}
  ${tab("new", t("web-state-new"), counts.NEW)}
  ${tab("claimed", t("web-state-claimed"), counts.CLAIMED)}
  ${tab("resolved", t("web-state-resolved"), counts.RESOLVED)}
  ${tab("all", t("web-state-all"), null)}
</nav>
<form method="get" action="/inbox" class="filters" id="filters">
  <input type="hidden" name="state" value="${p.state}">
  <label>${t("web-filter-category")}<select name="category"><option value="">${t("web-filter-any")}</option>
    ${CATEGORIES.map((c) => html`<option value="${c}"${p.category === c ? html` selected` : ""}>${t(`category-${c}`)}</option>`)}</select></label>
  ${officer.role === "ADMIN"
    ? html`<label>${t("web-filter-ward")}<input name="ward" value="${p.ward ?? ""}" inputmode="numeric" maxlength="10" placeholder="${t("web-ward-code")}"></label>`
    : wards.length > 1
    ? html`<label>${t("web-filter-ward")}<select name="ward"><option value="">${t("web-filter-any")}</option>
    ${wards.map((w) => html`<option value="${w.code}"${p.ward === w.code ? html` selected` : ""}>${w.name}</option>`)}</select></label>`
    : ""}
  <label>${t("web-filter-from")}<input type="date" name="from" value="${p.from ?? ""}"></label>
  <label>${t("web-filter-to")}<input type="date" name="to" value="${p.to ?? ""}"></label>
  <label class="check"><input type="checkbox" name="mine" value="1"${p.mine ? html` checked` : ""}> ${t("web-filter-mine")}</label>
  <label>${t("web-filter-search")}<input type="search" name="q" value="${p.q ?? ""}" maxlength="100"></label>
  <button type="submit">${t("web-filter-apply")}</button>
  <a href="/inbox">${t("web-filter-clear")}</a>
</form>
${result.rows.length === 0
  ? html`<p class="empty">${t("web-queue-empty")}</p>`
  : html`<table class="queue">
<thead><tr><th>${t("web-col-code")}</th><th>${t("web-col-category")}</th><th>${t("web-col-ward")}</th><th>${t("web-col-received")}</th><th>${t("web-col-waited")}</th><th>${t("web-col-state")}</th><th>${t("web-col-text")}</th></tr></thead>
<tbody>
${result.rows.map((r) => html`<tr data-code="${r.code}"${r.overdue ? html` class="overdue"` : ""}>
  <td><a href="/tips/${r.code}">${r.code}</a></td>
  <td>${t(`category-${r.category}`)}</td>
  <td>${r.wardName ?? "—"}</td>
  <td><time datetime="${r.createdAt.toISOString()}">${vnDateTime(r.createdAt)}</time></td>
  <td class="waited">${duration(r.waitedMinutes, t)}${r.overdue ? html` <span class="badge warn">${t("web-overdue")}</span>` : ""}</td>
  <td>${t(`web-state-${r.status.toLowerCase()}`)}${r.claimedBy ? html`<br><small>${r.claimedBy}</small>` : ""}${r.valuable === true ? html` <span class="badge ok">${t("web-valuable")}</span>` : ""}</td>
  <td class="snippet">${r.snippet}</td>
</tr>`)}
</tbody></table>`}
${nextUrl ? html`<p><a class="button" href="${nextUrl}">${t("web-next-page")}</a></p>` : ""}
<p class="muted">${t("web-queue-today", { date: vnDate(new Date()) })}</p>`;
    return sendHtml(reply, page(req, t, { title: t("web-queue-title"), body, nav: "queue", live: true }));
  });
}
