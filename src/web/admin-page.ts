import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { UnknownWardError, createBindingCode } from "../core/officers.js";
import { fold } from "../core/wards/normalize.js";
import { ROLES, listOfficers, saveOfficer, setOfficerActive, setWardTargetHours } from "../core/officer-admin.js";
import { sendHtml, sessionOf, translator, type WebDeps } from "./context.js";
import { roleLabel, vnDateTime } from "./format.js";
import { html } from "./html.js";
import { csrfField, notFound, outcomeNotice, page } from "./layout.js";

const officerForm = z.object({
  telegramUserId: z.string().trim().regex(/^\d{1,19}$/),
  displayName: z.string().trim().min(1).max(80),
  role: z.enum(ROLES),
  wardCode: z.string().trim().regex(/^\d{1,10}$/).optional().or(z.literal("").transform(() => undefined)),
  provinceCode: z.string().trim().regex(/^\d{2}$/).optional().or(z.literal("").transform(() => undefined)),
  canBroadcast: z.literal("1").optional(),
});

/** Administrators only: officers, wards' target times and inbox binding codes. Anyone else gets 404. */
export function registerAdminPages(app: FastifyInstance, deps: WebDeps): void {
  // Every route below is in this scope: the check runs after the officer guard, before any of them.
  app.register(async (scope) => {
    scope.addHook("preHandler", async (req, reply) => {
      if (sessionOf(req).officer.role !== "ADMIN") return notFound(req, reply, translator(deps, req));
    });
    registerAdminRoutes(scope, deps);
  });
}

function registerAdminRoutes(app: FastifyInstance, deps: WebDeps): void {
  app.get<{ Querystring: { ward_q?: string; done?: string; error?: string } }>("/admin", async (req, reply) => {
    const t = translator(deps, req);
    const q = (req.query.ward_q ?? "").slice(0, 60);
    const [officers, wards] = await Promise.all([
      listOfficers(deps.db),
      q ? deps.db.ward.findMany({
        where: { OR: [{ code: q }, { nameAscii: { contains: fold(q) } }] },
        take: 20,
        orderBy: { nameAscii: "asc" },
        select: { code: true, name: true, targetHours: true, province: { select: { name: true } }, inboxGroup: { select: { title: true } } },
      }) : Promise.resolve([]),
    ]);
    const notice = outcomeNotice(req.query, { done: (key) => t(`web-admin-done-${key}`), error: (key) => t(`web-admin-error-${key}`) });
    const body = html`${notice}
<h1>${t("web-admin-title")}</h1>
<section><h2>${t("web-admin-officers")}</h2>
<table><thead><tr><th>${t("web-admin-name")}</th><th>${t("web-admin-role")}</th><th>${t("web-col-ward")}</th><th>${t("web-admin-province")}</th><th>${t("web-admin-broadcast")}</th><th></th></tr></thead><tbody>
${officers.map((o) => html`<tr${o.active ? "" : html` class="muted"`}><td>${o.displayName}</td><td>${roleLabel(t, o.role)}</td><td>${o.ward?.name ?? "—"}</td><td>${o.provinceCode ?? "—"}</td><td>${o.canBroadcast ? "✓" : ""}</td>
<td><form method="post" action="/admin/officers/${o.id}/active" class="inline">${csrfField(req)}<input type="hidden" name="active" value="${o.active ? "0" : "1"}"><button type="submit">${t(o.active ? "web-admin-deactivate" : "web-admin-activate")}</button></form></td></tr>`)}
</tbody></table>
<form method="post" action="/admin/officers" class="filters">${csrfField(req)}
  <label>${t("web-admin-telegram-id")}<input name="telegramUserId" required pattern="[0-9]{1,19}" inputmode="numeric"></label>
  <label>${t("web-admin-name")}<input name="displayName" required maxlength="80"></label>
  <label>${t("web-admin-role")}<select name="role">${ROLES.map((r) => html`<option value="${r}">${roleLabel(t, r)}</option>`)}</select></label>
  <label>${t("web-ward-code")}<input name="wardCode" inputmode="numeric" maxlength="10"></label>
  <label>${t("web-admin-province")}<input name="provinceCode" inputmode="numeric" maxlength="2"></label>
  <label class="check"><input type="checkbox" name="canBroadcast" value="1"> ${t("web-admin-broadcast")}</label>
  <button type="submit" class="primary">${t("web-admin-save-officer")}</button>
</form></section>
<section><h2>${t("web-admin-wards")}</h2>
<form method="get" action="/admin" class="filters"><label>${t("web-admin-ward-search")}<input type="search" name="ward_q" value="${q}" maxlength="60"></label><button type="submit">${t("web-filter-apply")}</button></form>
${wards.length ? html`<table><thead><tr><th>${t("web-col-code")}</th><th>${t("web-col-ward")}</th><th>${t("web-admin-inbox")}</th><th>${t("web-admin-target")}</th><th></th></tr></thead><tbody>
${wards.map((w) => html`<tr><td>${w.code}</td><td>${w.name}<br><small>${w.province.name}</small></td><td>${w.inboxGroup?.title ?? t("web-admin-no-inbox")}</td>
<td><form method="post" action="/admin/wards/${w.code}/target" class="inline">${csrfField(req)}<input name="hours" type="number" min="1" max="720" value="${w.targetHours}" required> <button type="submit">${t("web-admin-save")}</button></form></td>
<td><form method="post" action="/admin/wards/${w.code}/binding-code" class="inline">${csrfField(req)}<button type="submit">${t("web-admin-binding-code")}</button></form></td></tr>`)}
</tbody></table>` : q ? html`<p class="empty">${t("web-queue-empty")}</p>` : ""}
</section>`;
    return sendHtml(reply, page(req, t, { title: t("web-admin-title"), body, nav: "admin" }));
  });

  app.post("/admin/officers", async (req, reply) => {
    const form = officerForm.safeParse(req.body ?? {});
    if (!form.success) return reply.redirect("/admin?error=bad-officer", 303);
    const r = await saveOfficer(deps.db, { ...form.data, canBroadcast: form.data.canBroadcast === "1" });
    req.log.info({ by: sessionOf(req).officer.id, officerId: r.ok ? r.id : null }, "officer saved from the dashboard");
    return reply.redirect(r.ok ? "/admin?done=officer-saved" : `/admin?error=${r.reason}`, 303);
  });

  app.post<{ Params: { id: string } }>("/admin/officers/:id/active", async (req, reply) => {
    const t = translator(deps, req);
    const id = Number(req.params.id);
    if (!Number.isInteger(id) || id <= 0) return notFound(req, reply, t);
    const active = (req.body as { active?: string } | undefined)?.active === "1";
    if (!active && id === sessionOf(req).officer.id) return reply.redirect("/admin?error=self", 303);
    if (!(await setOfficerActive(deps.db, id, active))) return notFound(req, reply, t);
    return reply.redirect(`/admin?done=${active ? "activated" : "deactivated"}`, 303);
  });

  app.post<{ Params: { code: string } }>("/admin/wards/:code/target", async (req, reply) => {
    const t = translator(deps, req);
    const hours = z.coerce.number().int().min(1).max(720).safeParse((req.body as { hours?: string } | undefined)?.hours);
    if (!hours.success) return reply.redirect("/admin?error=bad-hours", 303);
    if (!(await setWardTargetHours(deps.db, req.params.code, hours.data))) return notFound(req, reply, t);
    return reply.redirect(`/admin?done=target-saved&ward_q=${encodeURIComponent(req.params.code)}`, 303);
  });

  // The code is shown once, here; only its hash is stored.
  app.post<{ Params: { code: string } }>("/admin/wards/:code/binding-code", async (req, reply) => {
    const t = translator(deps, req);
    const made = await createBindingCode(deps.db, req.params.code).catch((err: unknown) => {
      if (err instanceof UnknownWardError) return null;
      throw err;
    });
    if (!made) return notFound(req, reply, t);
    const { code, expiresAt, wardName } = made;
    const body = html`<section class="card narrow"><h1>${t("web-admin-binding-code")}</h1><p>${t("web-admin-binding-how", { ward: wardName, until: vnDateTime(expiresAt) })}</p><p><code class="big" data-binding-code>/bind ${code}</code></p><p><a href="/admin">${t("web-admin-title")}</a></p></section>`;
    return sendHtml(reply, page(req, t, { title: t("web-admin-binding-code"), body }));
  });
}
