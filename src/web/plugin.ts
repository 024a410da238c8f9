import type { FastifyInstance } from "fastify";
import cookie from "@fastify/cookie";
import formbody from "@fastify/formbody";
import { isLocale } from "../i18n.js";
import { registerAssets } from "./assets.js";
import { guardOfficerPages, registerAuth } from "./auth.js";
import { LANG_COOKIE, type WebDeps } from "./context.js";
import { registerQueuePage } from "./queue-page.js";
import { registerTipPage } from "./tip-page.js";
import { registerLive, type LiveHub } from "./live.js";
import { registerCampaignPages } from "./campaigns-page.js";
import { registerReportPages } from "./reports-page.js";
import { registerPublicReport } from "./public-report.js";
import { registerAdminPages } from "./admin-page.js";

/** Forms are small; photos on the public page go through multipart with their own limits. */
const FORM_BODY_BYTES = 64 * 1024;

/** The officers' dashboard and the public tip page, on the same server as the webhooks. */
export function registerWeb(app: FastifyInstance, deps: WebDeps, live: LiveHub): void {
  app.register(async (web) => {
    await web.register(cookie);
    await web.register(formbody, { bodyLimit: FORM_BODY_BYTES });
    web.decorateRequest("session", null);
    web.decorateRequest("locale", "vi");
    web.addHook("onRequest", async (req, reply) => {
      const lang = req.cookies[LANG_COOKIE];
      req.locale = lang && isLocale(lang) ? lang : "vi";
      reply.headers({
        "content-security-policy": "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        "x-content-type-options": "nosniff",
        "referrer-policy": "same-origin",
      });
    });
    registerAssets(web);
    registerAuth(web, deps);
    registerPublicReport(web, deps);
    web.register(async (officers) => {
      guardOfficerPages(officers, deps);
      registerQueuePage(officers, deps);
      registerTipPage(officers, deps);
      registerLive(officers, deps, live);
      registerCampaignPages(officers, deps);
      registerReportPages(officers, deps);
      registerAdminPages(officers, deps);
    });
  });
}
