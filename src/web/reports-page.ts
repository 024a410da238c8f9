import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { reportFigures, type ReportFigures } from "../core/reports/figures.js";
import { defaultReportScope, formatScope, parseScope, reportScopeOptions, resolveReportScope, type ReportScope } from "../core/reports/scope.js";
import { barChart, columnChart } from "./charts.js";
import { sendHtml, sessionOf, translator, type T, type WebDeps } from "./context.js";
import { channelLabel, duration, vnDate, vnDateTime, vnDayStart } from "./format.js";
import { html, type Html } from "./html.js";
import { messagePage, notFound, page } from "./layout.js";
import { TIP_FIGURES, WARNING_FIGURES, categoryLabel, dayLabel, figureLabels, reportCsv, type FigureKey } from "./reports-csv.js";

/** A year and a bit: enough for a yearly review, and the weekly chart stays readable. */
const MAX_DAYS = 400;

const query = z.object({
  scope: z.string().max(30).optional().catch(undefined),
  from: z.string().max(10).optional().catch(undefined),
  to: z.string().max(10).optional().catch(undefined),
});

type Report = { scope: ReportScope; from: string; to: string; figures: ReportFigures };
type Failure = { status: 400 | 404 };

/** The period [from, to] in Vietnamese calendar days; by default the current month so far. */
function period(p: z.infer<typeof query>): { from: string; to: string; start: Date; end: Date } | null {
  const to = p.to || vnDate(new Date());
  const from = p.from || `${to.slice(0, 8)}01`;
  const start = vnDayStart(from);
  const last = vnDayStart(to);
  // A day that does not exist (31 June) comes back as another day: refuse it rather than guess.
  if (!start || !last || vnDate(start) !== from || vnDate(last) !== to || last < start) return null;
  const end = new Date(last.getTime() + 86_400_000);
  return end.getTime() - start.getTime() > MAX_DAYS * 86_400_000 ? null : { from, to, start, end };
}

async function loadReport(deps: WebDeps, req: FastifyRequest): Promise<Report | Failure> {
  const { officer } = sessionOf(req);
  const p = query.parse(req.query ?? {});
  const key = p.scope ? parseScope(p.scope) : await defaultReportScope(deps.db, officer);
  const scope = key ? await resolveReportScope(deps.db, officer, key) : null;
  if (!scope) return { status: 404 };
  const when = period(p);
  if (!when) return { status: 400 };
  const figures = await reportFigures(deps.db, { ...scope.area, from: when.start, to: when.end });
  return { scope, from: when.from, to: when.to, figures };
}

function failure(req: FastifyRequest, reply: FastifyReply, t: T, f: Failure) {
  return f.status === 404
    ? notFound(req, reply, t)
    : sendHtml(reply, messagePage(req, t, t("web-bad-input-title"), t("reports-bad-period", { days: MAX_DAYS })), 400);
}

const queryString = (r: Report) => new URLSearchParams({ scope: formatScope(r.scope), from: r.from, to: r.to }).toString();

function figuresBlock(keys: readonly FigureKey[], f: ReportFigures, t: T, num: (n: number) => string): Html {
  const labels = figureLabels(t);
  return html`<div class="figures">${keys.map((k) => {
    const v = f[k];
    const shown = v === null ? "—" : k.startsWith("median") ? duration(v, t) : num(v);
    return html`<div class="figure" data-figure="${k}"><b data-value="${v ?? ""}">${shown}</b>${labels[k]}</div>`;
  })}</div>`;
}

type Formats = { num: (n: number) => string; share: (fraction: number) => string };

function shareTable(kind: "category" | "channel", head: string, rows: Array<{ key: string; label: string; count: number }>, total: number, t: T, { num, share }: Formats): Html {
  const pct = (n: number) => (total ? share(n / total) : "—");
  return html`<table class="by-${kind}">
<thead><tr><th>${head}</th><th>${t("reports-col-count")}</th><th>${t("reports-col-share")}</th></tr></thead>
<tbody>${rows.map((r) => html`<tr data-${kind}="${r.key}"><td>${r.label}</td><td data-value="${r.count}">${num(r.count)}</td><td>${pct(r.count)}</td></tr>`)}</tbody>
</table>`;
}

/** The report itself: the same on screen and on the printable page. */
function reportBody(r: Report, t: T, locale: string): Html {
  const f = r.figures;
  const tag = locale === "en" ? "en-US" : "vi-VN";
  const num = new Intl.NumberFormat(tag).format;
  const share = new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 1 }).format;
  const categories = f.byCategory.map((c) => ({ key: c.category, label: categoryLabel(t, c.category), count: c.count }));
  const channels = f.byChannel.map((c) => ({ key: c.channel, label: channelLabel(t, c.channel), count: c.count }));
  return html`<section id="report" data-scope="${formatScope(r.scope)}" data-from="${r.from}" data-to="${r.to}">
<h2>${t("reports-section-tips")}</h2>
${figuresBlock(TIP_FIGURES, f, t, num)}
<h2>${t("reports-per-week")}</h2>
${columnChart({
  id: "chart-weeks", title: t("reports-per-week"), description: t("reports-per-week-desc"), format: num,
  bars: f.perWeek.map((w) => ({ label: dayLabel(w.weekStart).slice(0, 5), value: w.count, title: t("reports-week-of", { date: dayLabel(w.weekStart) }) })),
})}
<h2>${t("reports-by-category")}</h2>
${categories.length
  ? html`${barChart({ id: "chart-categories", title: t("reports-by-category"), description: t("reports-by-category-desc"), format: num, bars: categories.map((c) => ({ label: c.label, value: c.count })) })}
${shareTable("category", t("web-col-category"), categories, f.received, t, { num, share })}`
  : html`<p class="empty">${t("reports-no-tips")}</p>`}
<h2>${t("reports-by-channel")}</h2>
${channels.length ? shareTable("channel", t("web-col-channel"), channels, f.received, t, { num, share }) : html`<p class="empty">${t("reports-no-tips")}</p>`}
<h2>${t("reports-section-warnings")}</h2>
${figuresBlock(WARNING_FIGURES, f, t, num)}
<p class="muted"><small>${t("reports-note-period")} ${t("reports-note-duplicates")} ${t("reports-note-warnings")}</small></p>
</section>`;
}

const heading = (r: Report, t: T) => t("reports-heading", { scope: r.scope.name, from: dayLabel(r.from), to: dayLabel(r.to) });

/** GET /reports, /reports.csv and /reports/print: a ward's or province's figures for a period. */
export function registerReportPages(app: FastifyInstance, deps: WebDeps): void {
  app.get("/reports", async (req, reply) => {
    const t = translator(deps, req);
    const r = await loadReport(deps, req);
    if ("status" in r) return failure(req, reply, t, r);
    const { officer } = sessionOf(req);
    const options = await reportScopeOptions(deps.db, officer, r.scope.provinceCode);
    const current = formatScope(r.scope);
    const option = (o: (typeof options)[number]) => {
      const v = formatScope(o);
      return html`<option value="${v}"${v === current ? html` selected` : ""}>${o.name}</option>`;
    };
    const provinces = options.filter((o) => o.kind === "province");
    const wards = options.filter((o) => o.kind === "ward");
    const qs = queryString(r);
    const body = html`
<h1>${t("reports-title")}</h1>
<form method="get" action="/reports" class="filters noprint" id="report-filters">
  <label>${t("reports-scope")}<select name="scope">
    ${provinces.length ? html`<optgroup label="${t("reports-provinces")}">${provinces.map(option)}</optgroup>` : ""}
    ${wards.length ? html`<optgroup label="${t("reports-wards")}">${wards.map(option)}</optgroup>` : ""}
  </select></label>
  <label>${t("reports-from")}<input type="date" name="from" value="${r.from}" required></label>
  <label>${t("reports-to")}<input type="date" name="to" value="${r.to}" required></label>
  <button type="submit" class="primary">${t("reports-show")}</button>
</form>
<p class="noprint report-actions">
  <a class="button" id="report-csv" href="/reports.csv?${qs}" download>${t("reports-download-csv")}</a>
  <a class="button" id="report-print" href="/reports/print?${qs}">${t("reports-printable")}</a>
  <button type="button" data-print>${t("reports-print")}</button>
</p>
<h2 class="report-heading">${heading(r, t)}</h2>
${reportBody(r, t, req.locale)}`;
    return sendHtml(reply, page(req, t, { title: t("reports-title"), body, nav: "reports" }));
  });

  app.get("/reports/print", async (req, reply) => {
    const t = translator(deps, req);
    const r = await loadReport(deps, req);
    if ("status" in r) return failure(req, reply, t, r);
    const body = html`
<p class="noprint"><a href="/reports?${queryString(r)}">${t("reports-back")}</a> <button type="button" data-print>${t("reports-print")}</button></p>
<header class="report-print-head">
  <p><b>${r.scope.name}</b></p>
  <h1>${t("reports-print-title")}</h1>
  <p>${heading(r, t)}</p>
</header>
${reportBody(r, t, req.locale)}
<p class="muted">${t("reports-generated", { time: vnDateTime(new Date()) })}</p>`;
    return sendHtml(reply, page(req, t, { title: `${t("reports-print-title")} · ${r.scope.name}`, body, nav: "reports" }));
  });

  app.get("/reports.csv", async (req, reply) => {
    const t = translator(deps, req);
    const r = await loadReport(deps, req);
    if ("status" in r) return failure(req, reply, t, r);
    const scope = formatScope(r.scope);
    const csv = reportCsv(r.figures, { scope, scopeName: r.scope.name, from: r.from, to: r.to, generatedAt: vnDateTime(new Date()) }, t);
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="wardline-report-${scope.replace(":", "-")}-${r.from}-${r.to}.csv"`)
      .header("cache-control", "no-store")
      .send(csv);
  });
}
