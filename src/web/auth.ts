import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { SESSION_MAX_HOURS, findSession, signIn, signOut } from "../core/sign-in.js";
import { DEFAULT_LOCALE, isLocale } from "../i18n.js";
import { LANG_COOKIE, sameOrigin, sendHtml, translator, type WebDeps } from "./context.js";
import { html } from "./html.js";
import { forbidden, messagePage, page } from "./layout.js";

/** Secure cookies (and the __Host- prefix) whenever the service is reached over HTTPS. */
export function sessionCookie(deps: Pick<WebDeps, "config">): { name: string; secure: boolean } {
  const secure = deps.config.http.publicUrl?.startsWith("https:") ?? false;
  return { name: secure ? "__Host-wl_session" : "wl_session", secure };
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** State-changing requests must come from our own pages: same origin, and the session's CSRF token. */
function csrfOk(req: FastifyRequest, expected: string): boolean {
  if (!sameOrigin(req)) return false;
  const body = req.body as Record<string, unknown> | undefined;
  const sent = (typeof body?.["_csrf"] === "string" ? body["_csrf"] : undefined) ?? req.headers["x-csrf-token"];
  return typeof sent === "string" && same(sent, expected);
}

/** Officer pages: a live session, and CSRF checks on everything that is not a GET. */
export function guardOfficerPages(scope: FastifyInstance, deps: WebDeps): void {
  const cookie = sessionCookie(deps);
  scope.addHook("preHandler", async (req, reply) => {
    const id = req.cookies[cookie.name];
    req.session = id ? await findSession(deps.db, id) : null;
    const t = translator(deps, req);
    if (!req.session) {
      if (req.method === "GET" && !req.headers.accept?.includes("text/event-stream")) return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
      return sendHtml(reply, messagePage(req, t, t("web-signed-out-title"), t("web-signed-out")), 401);
    }
    if (req.method !== "GET" && req.method !== "HEAD" && !csrfOk(req, req.session.csrfToken)) {
      req.log.warn({ path: req.routeOptions.url }, "csrf check failed");
      return forbidden(req, reply, t, "web-csrf-failed");
    }
  });
}

const safeNext = (next: unknown) => (typeof next === "string" && /^\/(?!\/)[\w\-/?=&%.]*$/.test(next) ? next : "/inbox");

/** Sign-in by the bot's one-time link, and sign-out. */
export function registerAuth(app: FastifyInstance, deps: WebDeps): void {
  const cookie = sessionCookie(deps);

  app.get("/login", async (req, reply) => {
    const t = translator(deps, req);
    return sendHtml(reply, page(req, t, { title: t("web-login-title"), body: html`<section class="card narrow"><h1>${t("web-login-title")}</h1><p>${t("web-login-how")}</p></section>` }));
  });

  // Chat apps fetch links to preview them: opening the link only shows a button; the POST spends it.
  // "strict-origin": no Referer carries the token (only our origin), yet the button's POST still
  // sends our Origin, which POST /auth requires ("no-referrer" would make it `Origin: null`).
  app.get<{ Params: { token: string } }>("/auth/:token", async (req, reply) => {
    const t = translator(deps, req);
    const body = html`<section class="card narrow"><h1>${t("web-login-title")}</h1><p>${t("web-login-confirm")}</p>
<form method="post" action="/auth"><input type="hidden" name="token" value="${req.params.token}"><button type="submit" class="primary">${t("web-login-button")}</button></form></section>`;
    return sendHtml(reply.header("referrer-policy", "strict-origin"), page(req, t, { title: t("web-login-title"), body }));
  });

  app.post<{ Body: { token?: string } }>("/auth", async (req, reply) => {
    const t = translator(deps, req);
    // A page elsewhere must not sign a browser in (to a session of the attacker's choosing) nor spend its link.
    if (!sameOrigin(req)) return forbidden(req, reply, t, "web-csrf-failed");
    const result = typeof req.body?.token === "string" && req.body.token.length < 200 ? await signIn(deps.db, req.body.token) : ({ ok: false, reason: "invalid" } as const);
    if (!result.ok) return sendHtml(reply, messagePage(req, t, t("web-login-title"), t(`web-login-${result.reason}`)), 400);
    req.log.info({ officerId: result.officer.id }, "officer signed in");
    reply.setCookie(cookie.name, result.sessionId, { path: "/", httpOnly: true, secure: cookie.secure, sameSite: "lax", maxAge: SESSION_MAX_HOURS * 3600 });
    return reply.redirect("/inbox", 303);
  });

  app.post("/logout", async (req, reply) => {
    const id = req.cookies[cookie.name];
    const session = id ? await findSession(deps.db, id) : null;
    // Without a valid session there is nothing to end; with one, the form must carry its token.
    if (session && id && csrfOk(req, session.csrfToken)) await signOut(deps.db, id);
    reply.clearCookie(cookie.name, { path: "/", httpOnly: true, secure: cookie.secure, sameSite: "lax" });
    return reply.redirect("/login", 303);
  });

  app.get<{ Params: { locale: string }; Querystring: { back?: string } }>("/lang/:locale", async (req, reply) => {
    const locale = isLocale(req.params.locale) ? req.params.locale : DEFAULT_LOCALE;
    reply.setCookie(LANG_COOKIE, locale, { path: "/", httpOnly: true, sameSite: "lax", secure: cookie.secure, maxAge: 365 * 86_400 });
    return reply.redirect(safeNext(req.query.back), 303);
  });
}
